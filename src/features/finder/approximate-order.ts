/**
 * Records placed at their town's representative point (location: "approximate") have no real
 * distance: they leave the distance order and follow the last exact row of their town, without a
 * distance. Towns with no exact row in the list keep their approximate rows where they fell.
 */
import type { ServiceRecord } from '../../data/feed-schema';

export function placeApproximateRows<R extends { record: ServiceRecord; metres: number | null }>(rows: R[]): R[] {
  const last = new Map<string, number>();
  rows.forEach((r, i) => r.record.location || last.set(r.record.town, i));
  // Sort keys: an exact row keeps its place; an approximate one goes just after its town's last exact row (stable).
  return !rows.some((r) => r.record.location)
    ? rows
    : rows
        .map((r, i) => ({ k: r.record.location ? (last.get(r.record.town) ?? i) + 0.5 : i, r: r.record.location ? { ...r, metres: null } : r }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.r);
}
