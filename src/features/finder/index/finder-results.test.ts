import { describe, expect, it } from 'vitest';
import type { AvailabilityItem, ServiceRecord } from '../../../data/feed-schema';
import { freeForAge, hasFreeCapacity, kindergartenClassFor } from '../../availability/has-availability';
import { parseSavedFilters } from '../common/finder-store';
import { DEFAULT_FILTERS, createServiceFilter } from '../common/service-filter';
import { buildFromRecords } from './finder-index-build';
import { orderByOpening } from './finder-query';

const cst = (d: number, h: number, mi = 0) => new Date(Date.UTC(2026, 10, d, h - 8, mi)); // Nov 2026, CST wall clock
const now = cst(30, 22); // Monday 22:00 CST
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

const record = (id: string, patch: Partial<ServiceRecord> = {}): ServiceRecord =>
  ({
    id,
    category: 'kindergarten',
    name: { zh: id, en: id },
    lat: 22.8,
    lon: 113.6,
    town: '441900121',
    source: { kind: 'sample', updated: '2026-11-01' },
    ...patch,
  }) as ServiceRecord;

const kg = (observedAt: string, classes: Record<string, { free: number; total: number }>): AvailabilityItem => ({
  serviceId: 'kg',
  observedAt,
  figures: { kind: 'kindergarten', classes },
});

describe('free places for a child of a given age', () => {
  it('maps ages to kindergarten classes at each birthday boundary', () => {
    expect([24, 35, 36, 47, 48, 59, 60, 72].map(kindergartenClassFor)).toEqual([
      'tuoban',
      'tuoban',
      'xiaoban',
      'xiaoban',
      'zhongban',
      'zhongban',
      'daban',
      'daban',
    ]);
  });

  it('a kindergarten with places only in 大班 has none for a 3-year-old', () => {
    const item = kg(minutesAgo(5), { xiaoban: { free: 0, total: 30 }, daban: { free: 4, total: 30 } });
    expect(freeForAge(item, 36)).toBe(0);
    expect(freeForAge(item, 60)).toBe(4);
    expect(hasFreeCapacity(item, now)).toBe(true);
    expect(hasFreeCapacity(item, now, { ageMonths: 36 })).toBe(false);
    expect(hasFreeCapacity(item, now, { ageMonths: 60 })).toBe(true);
  });

  it('nursery bands count only when they include the age', () => {
    const item: AvailabilityItem = {
      serviceId: 'n',
      observedAt: minutesAgo(5),
      figures: {
        kind: 'nursery',
        bands: [
          { fromMonths: 6, toMonths: 17, free: 0, total: 10 },
          { fromMonths: 18, toMonths: 36, free: 2, total: 10 },
        ],
      },
    };
    expect(freeForAge(item, 12)).toBe(0);
    expect(freeForAge(item, 18)).toBe(2);
  });

  it('the finder filter uses the class for the chosen age', () => {
    const items = new Map([['kg', kg(minutesAgo(5), { xiaoban: { free: 0, total: 30 }, daban: { free: 4, total: 30 } })]]);
    const r = record('kg', { ageMonths: [24, 72] });
    const accept = (age: number) =>
      createServiceFilter({ ...DEFAULT_FILTERS, hasAvailability: true, childAgeMonths: age }, items, now, hasFreeCapacity)(r);
    expect(accept(36)).toBe(false);
    expect(accept(60)).toBe(true);
  });
});

describe('stale figures', () => {
  const old = kg(minutesAgo(3 * 24 * 60), { xiaoban: { free: 5, total: 30 } });
  it('do not count as availability unless the user asks for older figures', () => {
    expect(hasFreeCapacity(old, now)).toBe(false);
    expect(hasFreeCapacity(old, now, { allowStale: true })).toBe(true);
    const items = new Map([['kg', old]]);
    const r = record('kg');
    expect(createServiceFilter({ ...DEFAULT_FILTERS, hasAvailability: true }, items, now, hasFreeCapacity)(r)).toBe(false);
    expect(createServiceFilter({ ...DEFAULT_FILTERS, hasAvailability: true, includeStale: true }, items, now, hasFreeCapacity)(r)).toBe(
      true,
    );
  });
});

describe('"open now" at night: ordered by opening time', () => {
  const week = (d: string) => [d, d, d, d, d, d, d];
  const at = (id: string, weekly: string[] | null) => record(id, weekly ? { hours: { weekly, publicHolidays: 'open' } } : {});
  it('soonest opening first, then nearest; unknown hours and open places left out', () => {
    const records = [
      at('eight-near', week('08:00-17:00')),
      at('seven-thirty-far', week('07:30-17:00')),
      at('eight-far', week('08:00-17:00')),
      at('unknown', null),
      at('open-all-night', week('00:00-24:00')),
    ];
    const metres = [100, 900, 500, 10, 50];
    const built = buildFromRecords(records);
    const index = { ...built, complete: true };
    const hits = records.map((r, k) => ({ index: built.compact.indexOfId(r.id)!, metres: metres[k]! }));
    expect(orderByOpening(index, hits, now).map((h) => built.compact.ids[h.index])).toEqual([
      'seven-thirty-far',
      'eight-near',
      'eight-far',
    ]);
  });
});

describe('saved filters', () => {
  it('round-trips what was saved', () => {
    const filters = { ...DEFAULT_FILTERS, categories: ['kindergarten' as const], childAgeMonths: 36, hasAvailability: true };
    expect(parseSavedFilters(JSON.stringify({ filters, query: '幼儿园' }))).toEqual({ filters, query: '幼儿园' });
  });
  it('falls back field by field on anything unexpected', () => {
    expect(parseSavedFilters('{not json')).toEqual({ filters: DEFAULT_FILTERS, query: '' });
    expect(parseSavedFilters(null)).toEqual({ filters: DEFAULT_FILTERS, query: '' });
    const odd = parseSavedFilters(
      JSON.stringify({ filters: { categories: ['kindergarten', 'casino', 3], openNow: 'yes', childAgeMonths: -4, ev: true }, query: 7 }),
    );
    expect(odd).toEqual({ filters: { ...DEFAULT_FILTERS, categories: ['kindergarten'], ev: true }, query: '' });
  });
});
