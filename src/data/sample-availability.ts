/**
 * The embedded sample feed's availability is generated at build time, so on a phone it would be days
 * old — stale everywhere, and the live-figure experience could never be seen. A file marked
 * `sample: true` is therefore re-dated when it is fetched: every observedAt moves forward by the same
 * amount, so the newest figure is "now" and the spread between figures is kept; sports slots move by
 * whole days, so they keep their times of day and the 7-day grid starts today. Only sample files are
 * touched: real figures keep the time their source observed them.
 */
import type { AvailabilityItem } from './feed-schema';

const DAY_MS = 86_400_000;

export function redateSampleAvailability(items: readonly AvailabilityItem[], fetchedAt: Date): AvailabilityItem[] {
  let newest = Number.NEGATIVE_INFINITY;
  for (const item of items) newest = Math.max(newest, Date.parse(item.observedAt));
  if (!Number.isFinite(newest)) return [...items];
  const shift = Math.max(0, fetchedAt.getTime() - newest); // never dates figures back
  const dayShift = Math.floor(shift / DAY_MS) * DAY_MS;
  const move = (iso: string, by: number) => new Date(Date.parse(iso) + by).toISOString();
  return items.map((item) => {
    const observedAt = move(item.observedAt, shift);
    if (item.figures.kind !== 'sports_venue' || dayShift === 0) return { ...item, observedAt };
    const slots = item.figures.slots.map((s) => ({ ...s, start: move(s.start, dayShift) }));
    return { ...item, observedAt, figures: { ...item.figures, slots } };
  });
}
