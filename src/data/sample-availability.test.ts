import { describe, expect, it } from 'vitest';
import type { AvailabilityItem } from './feed-schema';
import { redateSampleAvailability } from './sample-availability';

const items: AvailabilityItem[] = [
  { serviceId: 'p', observedAt: '2026-11-28T07:40:00.000Z', figures: { kind: 'parking', free: 3, total: 10 } },
  { serviceId: 'q', observedAt: '2026-11-28T07:56:00.000Z', figures: { kind: 'parking', free: 0, total: 10 } },
  {
    serviceId: 's',
    observedAt: '2026-11-28T07:50:00.000Z',
    figures: { kind: 'sports_venue', slots: [{ start: '2026-11-28T10:30:00.000Z', durationMinutes: 60, remaining: 2, maximum: 4 }] },
  },
];

describe('redateSampleAvailability', () => {
  it('moves the newest figure to the fetch time and keeps the spread between figures', () => {
    const fetched = new Date('2026-11-30T21:30:00.000Z');
    const out = redateSampleAvailability(items, fetched);
    expect(out.map((i) => i.observedAt)).toEqual(['2026-11-30T21:14:00.000Z', '2026-11-30T21:30:00.000Z', '2026-11-30T21:24:00.000Z']);
    expect(out[0]!.figures).toEqual(items[0]!.figures);
  });

  it('moves sports slots by whole days, keeping their time of day', () => {
    const out = redateSampleAvailability(items, new Date('2026-11-30T21:30:00.000Z'));
    const f = out[2]!.figures;
    expect(f.kind === 'sports_venue' && f.slots[0]!.start).toBe('2026-11-30T10:30:00.000Z');
  });

  it('never dates figures back (a fetch clock behind the file) and leaves the input untouched', () => {
    const out = redateSampleAvailability(items, new Date('2026-11-01T00:00:00.000Z'));
    expect(out.map((i) => i.observedAt)).toEqual(items.map((i) => i.observedAt));
    expect(items[1]!.observedAt).toBe('2026-11-28T07:56:00.000Z');
  });
});
