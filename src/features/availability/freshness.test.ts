import { afterEach, describe, expect, it } from 'vitest';
import type { AvailabilityItem } from '../../data/feed-schema.ts';
import type { Category } from '../../data/categories.ts';
import { ageParts, formatObservedTime, freshnessOf, setStaleThresholdScale, STALE_AFTER_MS } from './freshness.ts';

const observed = '2026-11-28T06:00:00.000Z'; // 14:00 CST
const at = (ms: number) => new Date(Date.parse(observed) + ms);

const figuresOf: Record<Category, AvailabilityItem['figures']> = {
  parking: { kind: 'parking', free: 1, total: 2 },
  clinic: { kind: 'clinic', appointmentsFree: 1, appointmentsTotal: 2 },
  sports_venue: { kind: 'sports_venue', slots: [] },
  elderly_daycare: { kind: 'elderly_daycare', places: { free: 1, total: 2 } },
  kindergarten: { kind: 'kindergarten', classes: {} },
  nursery: { kind: 'nursery', bands: [] },
};
const item = (c: Category): AvailabilityItem => ({ serviceId: 's', observedAt: observed, figures: figuresOf[c] });

afterEach(() => setStaleThresholdScale(1));

describe('freshnessOf', () => {
  it('uses the agreed thresholds per category', () => {
    expect(STALE_AFTER_MS.parking).toBe(10 * 60_000);
    expect(STALE_AFTER_MS.clinic).toBe(30 * 60_000);
    expect(STALE_AFTER_MS.sports_venue).toBe(30 * 60_000);
    expect(STALE_AFTER_MS.elderly_daycare).toBe(6 * 3600_000);
    expect(STALE_AFTER_MS.kindergarten).toBe(24 * 3600_000);
    expect(STALE_AFTER_MS.nursery).toBe(24 * 3600_000);
  });

  for (const c of Object.keys(STALE_AFTER_MS) as Category[]) {
    it(`${c}: fresh exactly at the threshold, stale one millisecond after`, () => {
      const limit = STALE_AFTER_MS[c];
      expect(freshnessOf(item(c), c, at(0))).toBe('fresh');
      expect(freshnessOf(item(c), c, at(limit))).toBe('fresh');
      expect(freshnessOf(item(c), c, at(limit + 1))).toBe('stale');
    });
  }

  it('is missing without an item or when the figures belong to another category', () => {
    expect(freshnessOf(undefined, 'parking', at(0))).toBe('missing');
    expect(freshnessOf(item('clinic'), 'parking', at(0))).toBe('missing');
  });

  it('treats figures from a clock ahead of ours as fresh, and an unparseable time as stale', () => {
    expect(freshnessOf(item('parking'), 'parking', at(-3600_000))).toBe('fresh');
    expect(freshnessOf({ ...item('parking'), observedAt: 'nonsense' }, 'parking', at(0))).toBe('stale');
  });

  it('can scale every threshold at once (for demos and e2e)', () => {
    setStaleThresholdScale(0.01); // parking: 6 s
    expect(freshnessOf(item('parking'), 'parking', at(6_000))).toBe('fresh');
    expect(freshnessOf(item('parking'), 'parking', at(6_001))).toBe('stale');
  });
});

describe('age and time text', () => {
  it('rounds ages down into units', () => {
    expect(ageParts(59_999)).toEqual({ unit: 'justNow', count: 0 });
    expect(ageParts(60_000)).toEqual({ unit: 'minutes', count: 1 });
    expect(ageParts(3600_000 - 1)).toEqual({ unit: 'minutes', count: 59 });
    expect(ageParts(3600_000)).toEqual({ unit: 'hours', count: 1 });
    expect(ageParts(2 * 86_400_000 + 5)).toEqual({ unit: 'days', count: 2 });
  });

  it('formats "as of" in China Standard Time, with the date when not today', () => {
    expect(formatObservedTime(observed, 'en', at(60_000))).toBe('14:00');
    expect(formatObservedTime(observed, 'zh-Hans', at(60_000))).toBe('14:00');
    // 10:30 CST the next day: the date is shown
    const nextDay = formatObservedTime(observed, 'en', new Date('2026-11-29T02:30:00Z'));
    expect(nextDay).toMatch(/28 Nov 14:00/);
    // 23:59 UTC on the 27th is already the 28th in CST: same CST day as `observed`
    expect(formatObservedTime('2026-11-27T23:59:00Z', 'en', at(0))).toBe('07:59');
  });
});
