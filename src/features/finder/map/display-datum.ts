/**
 * Display datums for the map's base layers.
 * Stored coordinates are always WGS-84. Chinese commercial tiles (AMap) are drawn in GCJ-02, so
 * anything we overlay on them must be shifted at render time — and a tap on such a map must be
 * shifted back before it is stored. OSM is WGS-84; Tianditu is CGCS2000, within centimetres of it.
 */
import gcoord from 'gcoord';

export const TILE_PROVIDERS = ['offline', 'osm', 'tianditu', 'amap'] as const;
export type TileProvider = (typeof TILE_PROVIDERS)[number];

export type Datum = 'WGS84' | 'GCJ02';

export function isTileProvider(value: unknown): value is TileProvider {
  return typeof value === 'string' && (TILE_PROVIDERS as readonly string[]).includes(value);
}

export function datumOf(provider: TileProvider): Datum {
  return provider === 'amap' ? 'GCJ02' : 'WGS84';
}

/** Stored WGS-84 → the coordinates to draw on `provider`'s tiles. Returns [lat, lon]. */
export function toDisplay(lat: number, lon: number, provider: TileProvider): [number, number] {
  if (datumOf(provider) === 'WGS84') return [lat, lon];
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
  return [y, x];
}

/** A point picked on `provider`'s map → WGS-84 for storage. Returns [lat, lon]. */
export function fromDisplay(lat: number, lon: number, provider: TileProvider): [number, number] {
  if (datumOf(provider) === 'WGS84') return [lat, lon];
  const [x, y] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
  return [y, x];
}

type Position = number[];
export type PolygonalGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** Polygon rings in GeoJSON [lon, lat] order, shifted for display. A copy: the input is never mutated. */
export function geometryToDisplay<G extends PolygonalGeometry>(geometry: G, provider: TileProvider): G {
  if (datumOf(provider) === 'WGS84') return geometry;
  const shift = (p: Position): Position => {
    const [lat, lon] = toDisplay(p[1] ?? 0, p[0] ?? 0, provider);
    return [lon, lat];
  };
  if (geometry.type === 'Polygon') {
    return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(shift)) };
  }
  return {
    ...geometry,
    coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(shift))),
  };
}

/** Great-circle distance in metres (haversine); used for tests and co-location checks. */
export function metresBetween(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
