/**
 * What the map asks of its cluster index, as one API that the cluster worker serves (and that runs
 * on the page when no worker starts). Points come in as typed arrays, moved rather than copied.
 */
import { CATEGORIES } from '../../../data/categories';
import { buildClusterIndex, type BBox, type ClusterIndex, type MapItem } from './cluster-index';

/** Clusters this small may be one building: the view says which (one round trip per redraw). */
const CO_LOCATED_CHECK_MAX = 50;

/**
 * The points as typed arrays only (moved, not copied). Ids stay on the page: point ids in the answers are
 * positions in these arrays, as strings, and the page maps them back (toServiceIds).
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

const CATEGORY_CODE = new Map(CATEGORIES.map((c, i) => [c, i]));

/** Packs services for `load` (the buffers can then be moved to the worker). */
export function packPoints(
  services: readonly { id: string; category: (typeof CATEGORIES)[number]; lat: number; lon: number }[],
): ClusterPoints {
  const coords = new Float64Array(services.length * 2);
  const category = new Uint8Array(services.length);
  services.forEach((s, i) => {
    coords[2 * i] = s.lon;
    coords[2 * i + 1] = s.lat;
    category[i] = CATEGORY_CODE.get(s.category)!;
  });
  return { coords, category };
}

/** An answer's point ids are positions in the packed services: back to the services' own ids. */
export function toServiceIds(items: ViewItem[], services: readonly { id: string }[]): ViewItem[] {
  const idOf = (position: string) => services[Number(position)]!.id;
  return items.map((item) =>
    item.kind === 'point'
      ? { ...item, id: idOf(item.id) }
      : 'coLocated' in item && item.coLocated
        ? { ...item, coLocated: item.coLocated.map(idOf) }
        : item,
  );
}
