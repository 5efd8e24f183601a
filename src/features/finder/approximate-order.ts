/**
 * Records placed at their town's representative point (location: "approximate") have no real
 * distance: they leave the distance order and follow the last exact row of their town, without a
 * distance. Towns with no exact row in the list keep their approximate rows where they fell.
 */
import type { ServiceRecord } from '../../data/feed-schema';

export function placeApproximateRows<R extends { record: ServiceRecord; metres: number | null }>(rows: readonly R[]): R[] {
  const approx = new Map<string, R[]>();
  const lastExact = new Map<string, number>();
  rows.forEach((row, i) => {
    if (row.record.location === 'approximate') {
      const list = approx.get(row.record.town);
      if (list) list.push(row);
      else approx.set(row.record.town, [row]);
    } else lastExact.set(row.record.town, i);
  });
  if (approx.size === 0) return rows as R[];
  const out: R[] = [];
  rows.forEach((row, i) => {
    const town = row.record.town;
    if (row.record.location === 'approximate') {
      // Towns with exact rows take their approximate rows after the last exact one (below).
      if (!lastExact.has(town)) out.push({ ...row, metres: null });
      return;
    }
    out.push(row);
    if (lastExact.get(town) === i) for (const a of approx.get(town) ?? []) out.push({ ...a, metres: null });
  });
  return out;
}
