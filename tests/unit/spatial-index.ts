/**
 * In-memory spatial index over full records: kdbush (static k-d tree) + geokdbush (great-circle kNN).
 * Not app code (the finder queries the stored trees of its compact form): the reference that search
 * tests check against and the baseline the search and IndexedDB benches measure against.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceMetres } from '../../src/geo/distance';

export interface Located {
  lat: number;
  lon: number;
}

export interface NearbyHit<T> {
  item: T;
  /** Position of the item in the array the index was built from. */
  index: number;
  metres: number;
}

export interface SpatialIndex<T extends Located> {
  readonly items: readonly T[];
  /** The n nearest items passing `predicate`, closest first. */
  nearest(lat: number, lon: number, n: number, predicate?: (item: T, index: number) => boolean): NearbyHit<T>[];
  /** Every item within `metres` passing `predicate`, closest first. */
  withinRadius(lat: number, lon: number, metres: number, predicate?: (item: T, index: number) => boolean): NearbyHit<T>[];
}

export function buildSpatialIndex<T extends Located>(items: readonly T[]): SpatialIndex<T> {
  // kdbush throws on an empty index; a 1-slot dummy keeps the query code branch-free.
  const tree = new KDBush(Math.max(1, items.length));
  for (const it of items) tree.add(it.lon, it.lat);
  if (items.length === 0) tree.add(0, 0);
  tree.finish();

  const query = (lat: number, lon: number, n: number, maxKm: number, predicate?: (item: T, index: number) => boolean): NearbyHit<T>[] => {
    if (items.length === 0 || n <= 0) return [];
    const pred = predicate ? (i: number) => predicate(items[i] as T, i) : undefined;
    const ids = around(tree, lon, lat, n, maxKm, pred);
    return ids.map((i) => {
      const item = items[i] as T;
      return { item, index: i, metres: distanceMetres(lat, lon, item.lat, item.lon) };
    });
  };

  return {
    items,
    nearest: (lat, lon, n, predicate) => query(lat, lon, n, Infinity, predicate),
    withinRadius: (lat, lon, metres, predicate) => query(lat, lon, Infinity, metres / 1000, predicate),
  };
}
