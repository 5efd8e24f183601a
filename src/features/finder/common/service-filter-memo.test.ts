import { describe, expect, it, vi } from 'vitest';
import type { ServiceRecord } from '../../../data/feed-schema';
import * as openNow from './open-now';
import { DEFAULT_FILTERS, createServiceFilter, type FinderFilters } from './service-filter';
import { serviceRecord } from '../../../../tests/unit/service-record';

// Spy on the one open-now function so the test can count how often the filter really evaluates it.
vi.mock('./open-now', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./open-now')>();
  return { ...actual, isOpenAt: vi.fn(actual.isOpenAt) };
});
const isOpenAt = vi.mocked(openNow.isOpenAt);

const CATS: ServiceRecord['category'][] = ['clinic', 'kindergarten', 'parking', 'sports_venue', 'nursery'];

// Varied schedules: day/evening spans, split days, past midnight, all day, closed days, all three holiday rules.
const DAYS = [
  '',
  '08:00-12:00',
  '08:00-12:00,14:00-17:30',
  '09:00-21:00',
  '18:00-02:00',
  '00:00-24:00',
  '07:30-17:30',
  '22:00-06:00',
  '10:00-10:30',
];
const HOLIDAYS = ['closed', 'open', 'weekend'] as const;

function makeRecords(n: number): ServiceRecord[] {
  let seed = 20261130;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // A small pool of schedules, reused as shared objects and as fresh copies (same content, new object).
  // Each week comes with all three holiday rules, so a memo that ignored the rule would give wrong answers.
  const weeks = Array.from({ length: 8 }, () => Array.from({ length: 7 }, () => pick(DAYS)));
  const pool = weeks.flatMap((weekly) => HOLIDAYS.map((publicHolidays) => ({ weekly, publicHolidays })));
  return Array.from({ length: n }, (_, i) => {
    const id = `s${i}`;
    const roll = rnd();
    const shared = pick(pool);
    const hours =
      roll < 0.1
        ? undefined
        : roll < 0.55
          ? shared
          : { weekly: [...shared.weekly], publicHolidays: shared.publicHolidays, ...(roll < 0.6 ? { osm: 'Mo-Fr 08:00-17:00' } : {}) };
    return serviceRecord(id, pick(CATS), hours ? { hours } : {});
  });
}

const records = makeRecords(600);
const distinctSchedules = new Set(records.filter((r) => r.hours).map((r) => JSON.stringify([r.hours!.weekly, r.hours!.publicHolidays])))
  .size;
// Weekday, late night, weekend, a National Day holiday, a make-up working Sunday (2025-09-28), and a minute before midnight.
const INSTANTS = [
  '2026-11-24T10:30:00+08:00',
  '2026-11-25T01:15:00+08:00',
  '2026-11-29T11:00:00+08:00',
  '2025-10-02T10:00:00+08:00',
  '2025-09-28T09:00:00+08:00',
  '2026-11-27T23:59:00+08:00',
].map((s) => new Date(s));
const FILTER_SETS: Partial<FinderFilters>[] = [
  { openNow: true },
  { openNow: true, categories: ['clinic', 'parking'] },
  { openNow: true, ev: true },
];

describe('service filter: open-now memo', () => {
  it('gives the same answers as isOpenAt record by record', () => {
    for (const at of INSTANTS) {
      for (const patch of FILTER_SETS) {
        const f = { ...DEFAULT_FILTERS, ...patch };
        const memoised = createServiceFilter(f, new Map(), at, () => true);
        // The reference: the same filter without the open-now check, then isOpenAt called directly.
        const rest = createServiceFilter({ ...f, openNow: false }, new Map(), at, () => true);
        const expected = records.filter((r) => rest(r) && openNow.isOpenAt(r.hours, at)).map((r) => r.id);
        // Twice over (second pass answered from the memo), in reverse order too.
        expect(records.filter(memoised).map((r) => r.id)).toEqual(expected);
        expect(records.filter(memoised).map((r) => r.id)).toEqual(expected);
        expect(
          [...records]
            .reverse()
            .filter(memoised)
            .map((r) => r.id)
            .reverse(),
        ).toEqual(expected);
      }
    }
    // The instants must actually split the records, or the comparison above proves little.
    const counts = INSTANTS.map(
      (at) => records.filter(createServiceFilter({ ...DEFAULT_FILTERS, openNow: true }, new Map(), at, () => true)).length,
    );
    expect(counts.some((c) => c > 0 && c < records.length)).toBe(true);
    expect(new Set(counts).size).toBeGreaterThan(2);
  });

  it('evaluates each distinct schedule once per filter instance', () => {
    expect(distinctSchedules).toBeGreaterThan(5);
    const at = INSTANTS[0]!;
    isOpenAt.mockClear();
    const accept = createServiceFilter({ ...DEFAULT_FILTERS, openNow: true }, new Map(), at, () => true);
    records.filter(accept);
    records.filter(accept);
    expect(isOpenAt).toHaveBeenCalledTimes(distinctSchedules);
    // A new instance (the next minute tick) starts afresh: answers never outlive their instant.
    isOpenAt.mockClear();
    records.filter(createServiceFilter({ ...DEFAULT_FILTERS, openNow: true }, new Map(), new Date(at.getTime() + 60_000), () => true));
    expect(isOpenAt).toHaveBeenCalledTimes(distinctSchedules);
  });

  it('does not evaluate hours when "open now" is off', () => {
    isOpenAt.mockClear();
    records.filter(createServiceFilter({ ...DEFAULT_FILTERS, categories: ['clinic'] }, new Map(), INSTANTS[0]!, () => true));
    expect(isOpenAt).not.toHaveBeenCalled();
  });
});
