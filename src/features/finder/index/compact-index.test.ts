import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../../data/feed-schema';
import { CATEGORIES } from '../../../data/categories';
import { distanceMetres } from '../../../geo/distance';
import { TOWNS } from '../../../geo/towns';
import { fuzzOptions } from '../../../../tests/fuzz/fuzz-config';
import { buildFromRecords } from './finder-index-build';
import { StaleChunkError, createRecordCache } from './record-cache';
import { DEFAULT_FILTERS, createFilter, createServiceFilter, type FinderFilters } from '../common/service-filter';

const TOWN_CODES = TOWNS.filter((t) => t.label)
  .map((t) => t.code)
  .slice(0, 8);

/** Records spread over several towns (each town's chunk is its own k-d tree), some stacked on one spot. */
const recordArb = fc.record({
  town: fc.constantFrom(...TOWN_CODES),
  category: fc.constantFrom(...CATEGORIES),
  lat: fc.double({ min: 22.65, max: 23.1, noNaN: true }),
  lon: fc.double({ min: 113.55, max: 114.2, noNaN: true }),
  fee: fc.option(fc.constantFrom('free' as const, 'low' as const, 'paid' as const), { nil: undefined }),
  features: fc.option(fc.subarray(['ev', 'accessible', 'meals'] as const), { nil: undefined }),
  ageMonths: fc.option(
    fc
      .tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 40 }))
      .map(([a, b]) => [a + 0.5 * (b % 2), a + b] as [number, number]),
    { nil: undefined },
  ),
  open: fc.option(fc.constantFrom('08:00-17:00', '00:00-24:00', '', '18:00-02:00'), { nil: undefined }),
  approximate: fc.boolean(),
});

type Generated = typeof recordArb extends fc.Arbitrary<infer T> ? T : never;

const toRecords = (list: Generated[]): ServiceRecord[] =>
  list.map((x, i) => ({
    id: `s-${i}`,
    category: x.category,
    name: { zh: `服务${i}`, en: `Service ${i}` },
    town: x.town,
    // every fifth record sits on its predecessor's spot: ties must not be lost between chunks
    lat: i % 5 === 4 ? list[i - 1]!.lat : x.lat,
    lon: i % 5 === 4 ? list[i - 1]!.lon : x.lon,
    ...(x.fee ? { fee: x.fee } : {}),
    ...(x.features ? { features: [...x.features] } : {}),
    ...(x.ageMonths ? { ageMonths: x.ageMonths } : {}),
    ...(x.open !== undefined ? { hours: { weekly: Array(7).fill(x.open), publicHolidays: 'open' as const } } : {}),
    ...(x.approximate ? { location: 'approximate' as const } : {}),
    source: { kind: i % 3 === 0 ? 'osm' : 'sample', reference: 'test', updated: '2026-11-01T00:00:00Z' },
    pinyin: { full: '', initials: '' },
  }));

const filterArb: fc.Arbitrary<FinderFilters> = fc.record({
  categories: fc.subarray([...CATEGORIES]),
  openNow: fc.boolean(),
  hasAvailability: fc.constant(false),
  childAgeMonths: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  freeOrLow: fc.boolean(),
  ev: fc.boolean(),
  accessible: fc.boolean(),
  includeStale: fc.constant(false),
});

const NOW = new Date('2026-11-30T03:00:00Z'); // Monday 11:00 in Dongguan

describe('compact index', () => {
  it('nearest and withinRadius equal a brute-force scan of the records, with every filter', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { minLength: 0, maxLength: 120 }),
        filterArb,
        fc.record({ lat: fc.double({ min: 22.6, max: 23.15, noNaN: true }), lon: fc.double({ min: 113.5, max: 114.25, noNaN: true }) }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 200, max: 30_000 }),
        (list, filters, here, n, radius) => {
          const records = toRecords(list);
          const { compact } = buildFromRecords(records);
          const accept = createFilter(filters, compact.fields, new Map(), NOW, () => true);
          const acceptRecord = createServiceFilter(filters, new Map(), NOW, () => true);
          // the compact fields give the same verdict as the record
          for (let i = 0; i < compact.size; i++) {
            const r = records.find((x) => x.id === compact.ids[i])!;
            expect(accept(i)).toBe(acceptRecord(r));
          }
          const brute = records
            .filter(acceptRecord)
            .map((r) => ({ id: r.id, metres: distanceMetres(here.lat, here.lon, r.lat, r.lon) }))
            .sort((a, b) => a.metres - b.metres);
          const near = compact.nearest(here.lat, here.lon, n, accept);
          expect(near.map((h) => h.metres)).toEqual(brute.slice(0, n).map((b) => b.metres));
          const within = compact.withinRadius(here.lat, here.lon, radius, accept);
          expect(within.map((h) => compact.ids[h.index]).sort()).toEqual(
            brute
              .filter((b) => b.metres <= radius)
              .map((b) => b.id)
              .sort(),
          );
          expect(within.every((h, k) => k === 0 || within[k - 1]!.metres <= h.metres)).toBe(true);
        },
      ),
      fuzzOptions(0.5),
    );
  });

  it('numbers services chunk by chunk, and finds each by id', () => {
    const records = toRecords(fc.sample(recordArb, { numRuns: 60, seed: 3 }));
    const { compact } = buildFromRecords(records);
    expect(compact.size).toBe(records.length);
    for (const r of records) {
      const i = compact.indexOfId(r.id)!;
      expect(compact.ids[i]).toBe(r.id);
      expect(compact.townOf(i)).toBe(r.town);
      expect([compact.lat[i], compact.lon[i]]).toEqual([r.lat, r.lon]);
      expect(compact.isApproximate(i)).toBe(r.location === 'approximate');
      expect(compact.isSample(i)).toBe(r.source.kind === 'sample');
      expect(compact.hoursOf(i)).toEqual(r.hours);
    }
    expect(compact.indexOfId('nope')).toBeUndefined();
  });
});

describe('record cache', () => {
  const records = toRecords(fc.sample(recordArb, { numRuns: 30, seed: 5 }));
  const { compact } = buildFromRecords(records);
  const byPath = new Map(compact.parts.map((p) => [p.path, records.filter((r) => r.town === p.town)]));

  it('reads only the chunks asked for, each once, and hands back the record of each service number', async () => {
    const reads: string[] = [];
    const cache = createRecordCache(compact, async (path) => {
      reads.push(path);
      return { sha256: compact.parts.find((p) => p.path === path)!.sha256, records: byPath.get(path)! };
    });
    const first = compact.parts[0]!;
    expect(cache.recordAt(first.base)).toBeUndefined();
    await Promise.all([cache.load([first.base]), cache.load([first.base, first.base + first.count - 1])]);
    expect(reads).toEqual([first.path]);
    expect(cache.recordAt(first.base)?.id).toBe(compact.ids[first.base]);
    const all = await cache.loadAll();
    expect(all.map((r) => r.id)).toEqual(compact.ids);
    expect(reads.length).toBe(compact.parts.length);
  });

  it('refuses a chunk that changed since the index was built', async () => {
    const cache = createRecordCache(compact, async (path) => ({ sha256: 'other', records: byPath.get(path)! }));
    await expect(cache.load([0])).rejects.toBeInstanceOf(StaleChunkError);
    const short = createRecordCache(compact, async (path) => ({
      sha256: compact.parts.find((p) => p.path === path)!.sha256,
      records: byPath.get(path)!.slice(1),
    }));
    await expect(short.load([0])).rejects.toBeInstanceOf(StaleChunkError);
  });
});

it('DEFAULT_FILTERS accept everything', () => {
  const { compact } = buildFromRecords(toRecords(fc.sample(recordArb, { numRuns: 10, seed: 9 })));
  const accept = createFilter(DEFAULT_FILTERS, compact.fields, new Map(), NOW, () => true);
  expect(Array.from({ length: compact.size }, (_, i) => accept(i)).every(Boolean)).toBe(true);
});
