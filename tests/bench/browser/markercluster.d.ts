// leaflet.markercluster ships no types (and @types/leaflet.markercluster is not a dependency): it is
// loaded for its side effect on the global L; the bench uses the few members it needs through BenchLeaflet.
declare module 'leaflet.markercluster';
