/**
 * Nearest-first order over a candidate list, without sorting the list: distances are computed once per
 * candidate, then the nearest batch is selected (quickselect, O(m)) and sorted, then the next, larger
 * batch, until the visitor has what it needs. For a candidate set that lies far away in one cluster
 * (a town's services, seen from another town) this beats walking the spatial tree, which has to visit
 * every service nearer than the first match.
 */
import { distanceMetres } from '../../../geo/distance';

const RAD = Math.PI / 180;
const FIRST_BATCH = 64;

export interface Point {
  lat: number;
  lon: number;
}

/** Coordinates by record index, in typed arrays: reading them for thousands of candidates stays in cache. */
export interface Coordinates {
  lat: Float64Array;
  lon: Float64Array;
  /** cos(lat) of each record, so a distance key needs no cosine per candidate. */
  cosLat: Float64Array;
}

export function coordinatesOf(points: readonly Point[]): Coordinates {
  const n = points.length;
  const c = { lat: new Float64Array(n), lon: new Float64Array(n), cosLat: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const p = points[i] as Point;
    c.lat[i] = p.lat;
    c.lon[i] = p.lon;
    c.cosLat[i] = Math.cos(p.lat * RAD);
  }
  return c;
}

/**
 * Calls `visit(index, metres)` for the candidates in `list` nearest first (ties: lower index first) until it
 * returns true or the list is exhausted.
 */
export function visitNearestFirst(
  list: ArrayLike<number>,
  near: Point,
  coords: Coordinates,
  visit: (index: number, metres: number) => boolean,
): void {
  const m = list.length;
  if (m === 0) return;
  // Haversine's h: monotonic in great-circle distance, so it orders like distanceMetres without asin/sqrt.
  const key = new Float64Array(m);
  const cosLat0 = Math.cos(near.lat * RAD);
  const { lat, lon, cosLat } = coords;
  for (let i = 0; i < m; i++) {
    const d = list[i] as number;
    const sLat = Math.sin((((lat[d] as number) - near.lat) * RAD) / 2);
    const sLon = Math.sin((((lon[d] as number) - near.lon) * RAD) / 2);
    key[i] = sLat * sLat + cosLat0 * (cosLat[d] as number) * sLon * sLon;
  }
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  const before = (a: number, b: number) => (key[a] as number) - (key[b] as number) || (list[a] as number) - (list[b] as number);
  for (let from = 0, batch = FIRST_BATCH; from < m; from += batch, batch *= 2) {
    const to = Math.min(m, from + batch);
    if (to < m) selectSmallest(order, key, list, from, m, to);
    const slice = order.subarray(from, to).sort(before);
    for (let i = 0; i < slice.length; i++) {
      const d = list[slice[i] as number] as number;
      if (visit(d, distanceMetres(near.lat, near.lon, lat[d] as number, lon[d] as number))) return;
    }
  }
}

/** Rearranges order[lo, hi) so that order[lo, k) holds its k − lo smallest keys (Hoare quickselect). */
function selectSmallest(order: Uint32Array, key: Float64Array, list: ArrayLike<number>, lo: number, hi: number, k: number): void {
  const less = (a: number, b: number) => {
    const d = (key[a] as number) - (key[b] as number);
    return d < 0 || (d === 0 && (list[a] as number) < (list[b] as number));
  };
  let left = lo,
    right = hi - 1;
  const target = k - 1;
  while (left < right) {
    const pivot = order[(left + right) >>> 1] as number;
    let i = left,
      j = right;
    while (i <= j) {
      while (less(order[i] as number, pivot)) i++;
      while (less(pivot, order[j] as number)) j--;
      if (i <= j) {
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) right = j;
    else if (target >= i) left = i;
    else return;
  }
}
