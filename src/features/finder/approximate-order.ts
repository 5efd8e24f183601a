/**
 * Records placed at their town's representative point (location: "approximate") have no real
 * distance: they leave the distance order and follow the last exact row of their town, without a
 * distance. Towns with no exact row in the list keep their approximate rows where they fell.
 */
import type { ServiceRecord } from '../../data/feed-schema';

export function placeApproximateRows<R extends { record: ServiceRecord; metres: number | null }>(rows: readonly R[]): R[] {
  const lastExact = new Map<string, R>();
  for (const r of rows) if (r.record.location !== 'approximate') lastExact.set(r.record.town, r);
  if (lastExact.size && rows.every((r) => r.record.location !== 'approximate')) return rows as R[];
  const out: R[] = [];
  for (const r of rows) {
    const { town, location } = r.record;
    if (location !== 'approximate') out.push(r);
    else if (!lastExact.has(town)) out.push({ ...r, metres: null });
    if (lastExact.get(town) === r) for (const a of rows) if (a.record.location === 'approximate' && a.record.town === town) out.push({ ...a, metres: null });
  }
  return out;
}
