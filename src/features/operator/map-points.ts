/**
 * The points the operator page's map draws, chosen in the worker: a 50,000-row list has 50,000 points, and copying
 * them all to the page took longer than the map's drawing (a long main-thread task on arrival). Only the drawn ones
 * and the two counts cross.
 */
import type { MapPoint } from './import-adapter';

/** Drawn points: enough to see where they fall; the report table has every row. */
const MAX_DRAWN = 2000;

export interface MapPoints {
  /** In drawing order: inside points first, then every point outside its stated town, so none is covered. */
  drawn: MapPoint[];
  inside: number;
  outside: number;
}

export function mapPoints(points: readonly MapPoint[]): MapPoints {
  const outside = points.filter((p) => p.outside);
  const inside = points.filter((p) => !p.outside);
  return { drawn: [...outside, ...inside].slice(0, MAX_DRAWN).reverse(), inside: inside.length, outside: outside.length };
}
