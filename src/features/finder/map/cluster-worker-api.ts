/**
 * What the map asks of its cluster index, as one API that the cluster worker serves (and that runs
 * on the page when no worker starts). Points come in as typed arrays (packed from the compact start-up
 * form), moved rather than copied.
 */
import { CATEGORIES } from '../../../data/categories';
import type { CompactIndex } from '../index/compact-index';
import { buildClusterIndex, type BBox, type ClusterIndex, type MapItem } from './cluster-index';

/** Clusters this small may be one building: the view says which (one round trip per redraw). */
const CO_LOCATED_CHECK_MAX = 50;

/**
 * The points as typed arrays only (moved, not copied). Ids stay on the page: point ids in the answers are
 * positions in these arrays, as strings, and the page maps them back to service numbers (map-view.ts).
 */
export interface ClusterPoints {
  /** [2i] = lon, [2i + 1] = lat, WGS-84. */
  coords: Float64Array;
  /** Index into CATEGORIES. */
  category: Uint8Array;
}

export type ViewItem = MapItem | (Extract<MapItem, { kind: 'cluster' }> & { coLocated: string[] | null });

export interface ClusterApi {
  /** Replaces the points; resolves with how many were loaded. */
  load(points: ClusterPoints): number;
  /** Clusters and points in a bbox at a zoom; small clusters carry their co-located ids (or null). */
  view(bbox: BBox, zoom: number): ViewItem[];
  expansionZoom(clusterId: number): number;
  leaves(clusterId: number, limit?: number): string[];
}

export function createClusterApi(): ClusterApi {
  let index: ClusterIndex = buildClusterIndex([]);
  return {
    load({ coords, category }) {
      const services = Array.from(category, (code, i) => ({
        id: String(i),
        category: CATEGORIES[code]!,
        lon: coords[2 * i]!,
        lat: coords[2 * i + 1]!,
      }));
      index = buildClusterIndex(services);
      return index.size;
    },
    view: (bbox, zoom) =>
      index
        .query(bbox, zoom)
        .map((item) =>
          item.kind === 'cluster'
            ? { ...item, coLocated: item.count <= CO_LOCATED_CHECK_MAX ? index.coLocated(item.clusterId) : null }
            : item,
        ),
    expansionZoom: (clusterId) => index.expansionZoom(clusterId),
    leaves: (clusterId, limit) => index.leaves(clusterId, limit),
  };
}

/**
 * Packs the matches for `load` from the compact start-up form (the buffers can then be moved to the
 * worker): no full record is needed to cluster.
 */
export function packMatches(compact: Pick<CompactIndex, 'lat' | 'lon' | 'category'> | null, numbers: Uint32Array): ClusterPoints {
  const coords = new Float64Array(numbers.length * 2);
  const category = new Uint8Array(numbers.length);
  if (!compact) return { coords, category };
  for (let k = 0; k < numbers.length; k++) {
    const n = numbers[k]!;
    coords[2 * k] = compact.lon[n]!;
    coords[2 * k + 1] = compact.lat[n]!;
    category[k] = compact.category[n]!;
  }
  return { coords, category };
}
