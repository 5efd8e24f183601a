/**
 * A thin, pure wrapper over supercluster for the map: build once from the matching services,
 * then answer per-viewport queries (≈ 1 ms at 100k points, issue 4 §6) without touching Leaflet.
 * Coordinates here are stored WGS-84; the page converts to the tile layer's datum when drawing.
 */
import Supercluster, { type ClusterFeature, type PointFeature } from 'supercluster';
import { CATEGORIES, type Category } from '../../../data/categories';
import type { ServiceRecord } from '../../../data/feed-schema';
import { metresBetween } from './display-datum';

/**
 * Map zoom beyond which clusters are no longer split: what is still clustered here (within ~17 m at
 * zoom 19 in Dongguan) is "co-located" and opens as a list instead.
 */
export const CLUSTER_MAX_ZOOM = 19;
/** Leaflet's own zoom ceiling: one step past the index so co-located clusters stay visible as one. */
export const MAP_MAX_ZOOM = CLUSTER_MAX_ZOOM + 1;
/** Leaves closer than this to each other count as one place (same building, same gate). */
export const CO_LOCATED_METRES = 30;
/** Past this many leaves a cluster is a neighbourhood, not a building: skip the distance walk. */
const CO_LOCATED_MAX_LEAVES = 50;

interface PointProps {
  id: string;
  category: Category;
  /** Position in the array the index was built from (exact stored coordinates, without a 100k-entry id map). */
  at: number;
}
type CategoryCounts = Partial<Record<Category, number>>;
/** Per-category tallies as flat numeric fields (c0…c5 in CATEGORIES order): much faster to reduce than a nested object. */
interface ClusterAggregate {
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
}
const CATEGORY_INDEX = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));

function countsOf(agg: ClusterAggregate): CategoryCounts {
  const out: CategoryCounts = {};
  CATEGORIES.forEach((c, i) => {
    const n = agg[`c${i}` as keyof ClusterAggregate];
    if (n > 0) out[c] = n;
  });
  return out;
}

export type BBox = [west: number, south: number, east: number, north: number];

export interface MapPoint {
  kind: 'point';
  id: string;
  category: Category;
  lat: number;
  lon: number;
}
export interface MapCluster {
  kind: 'cluster';
  clusterId: number;
  count: number;
  lat: number;
  lon: number;
  /** How many of each category the cluster holds (for the icon's colour and its text). */
  counts: CategoryCounts;
}
export type MapItem = MapPoint | MapCluster;

export interface ClusterIndex {
  readonly size: number;
  /** Clusters and single points in a WGS-84 bbox at a (fractional) map zoom. */
  query(bbox: BBox, zoom: number): MapItem[];
  /** The zoom at which a cluster splits; > CLUSTER_MAX_ZOOM means zooming in will not split it. */
  expansionZoom(clusterId: number): number;
  /** The cluster's items on the next zoom level. */
  children(clusterId: number): MapItem[];
  /** Ids of every service inside a cluster. */
  leaves(clusterId: number, limit?: number): string[];
  /** The service ids when a cluster is one place (zooming in won't split it); otherwise null. */
  coLocated(clusterId: number): string[] | null;
}

export interface ClusterIndexOptions {
  radius?: number;
  maxZoom?: number;
  coLocatedMetres?: number;
}

type Feature = ClusterFeature<ClusterAggregate> | PointFeature<PointProps>;

/** Normalise a Leaflet-style bbox: clamp latitude, and keep longitudes in range so supercluster accepts it. */
function clampBBox([w, s, e, n]: BBox): BBox {
  const west = e - w >= 360 ? -180 : Math.max(-180, w);
  const east = e - w >= 360 ? 180 : Math.min(180, e);
  return [west, Math.max(-90, s), east, Math.min(90, n)];
}

export function buildClusterIndex(
  services: readonly Pick<ServiceRecord, 'id' | 'category' | 'lat' | 'lon'>[],
  options: ClusterIndexOptions = {},
): ClusterIndex {
  const maxZoom = options.maxZoom ?? CLUSTER_MAX_ZOOM;
  const tolerance = options.coLocatedMetres ?? CO_LOCATED_METRES;
  const sc = new Supercluster<PointProps, ClusterAggregate>({
    // supercluster's radius is in 512-px tile units; Leaflet tiles are 256 px, so 120 ≈ 60 screen px (icon size).
    radius: options.radius ?? 120,
    maxZoom,
    map: (p) => {
      const i = CATEGORY_INDEX.get(p.category);
      return { c0: +(i === 0), c1: +(i === 1), c2: +(i === 2), c3: +(i === 3), c4: +(i === 4), c5: +(i === 5) };
    },
    reduce: (a, p) => {
      a.c0 += p.c0;
      a.c1 += p.c1;
      a.c2 += p.c2;
      a.c3 += p.c3;
      a.c4 += p.c4;
      a.c5 += p.c5;
    },
  });
  sc.load(
    services.map((s, i) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] },
      properties: { id: s.id, category: s.category, at: i },
    })),
  );

  // supercluster round-trips points through Mercator; hand back the stored coordinates exactly.
  const toItem = (f: Feature): MapItem => {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const p = f.properties;
    if ('cluster' in p && p.cluster) {
      return { kind: 'cluster', clusterId: p.cluster_id, count: p.point_count, lat, lon, counts: countsOf(p) };
    }
    const point = p as PointProps;
    const s = services[point.at];
    return { kind: 'point', id: point.id, category: point.category, lat: s?.lat ?? lat, lon: s?.lon ?? lon };
  };

  const leafFeatures = (clusterId: number, limit = Infinity) => sc.getLeaves(clusterId, limit);

  return {
    size: services.length,
    // Past maxZoom the index hands back raw points, which would stack co-located pins; cap it.
    query: (bbox, zoom) => sc.getClusters(clampBBox(bbox), Math.min(Math.floor(zoom), maxZoom)).map(toItem),
    expansionZoom: (id) => sc.getClusterExpansionZoom(id),
    children: (id) => sc.getChildren(id).map(toItem),
    leaves: (id, limit) => leafFeatures(id, limit).map((f) => f.properties.id),
    coLocated: (id) => {
      // Cheap test first: zooming in can never split it.
      if (sc.getClusterExpansionZoom(id) > maxZoom) return leafFeatures(id).map((f) => f.properties.id);
      const leaves = leafFeatures(id, CO_LOCATED_MAX_LEAVES + 1);
      if (leaves.length > CO_LOCATED_MAX_LEAVES) return null;
      const first = leaves[0];
      if (!first) return null;
      const [lon0, lat0] = first.geometry.coordinates as [number, number];
      const together = leaves.every((f) => {
        const [lon, lat] = f.geometry.coordinates as [number, number];
        return metresBetween(lat0, lon0, lat, lon) <= tolerance;
      });
      return together ? leaves.map((f) => f.properties.id) : null;
    },
  };
}
