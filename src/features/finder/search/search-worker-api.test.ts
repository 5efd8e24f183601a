import { describe, expect, it } from 'vitest';
import type { AvailabilityItem, ServiceRecord } from '../../../data/feed-schema';
import { TOWNS } from '../../../geo/towns';
import { hasFreeCapacity } from '../../availability/has-availability';
import { syntheticServices } from '../../../../tests/bench/search-bench';
import { buildFromRecords } from '../index/finder-index-build';
import { buildSearchIndex } from './search-index';
import { StaleSearchError, createSearchApi } from './search-worker-api';
import { DEFAULT_FILTERS, createFilter, type FinderFilters } from '../common/service-filter';
import { searchRequestOf as fromAsked } from './search-connection';
import type { AvailabilityLookup } from '../common/service-filter';

const searchRequestOf = (filters: FinderFilters, availability: AvailabilityLookup, now: Date) =>
  fromAsked({ filters, availability, now, hasFreeCapacity });

const NOW = new Date('2026-11-30T03:00:00Z'); // Monday 11:00 in Dongguan
const records: ServiceRecord[] = syntheticServices(3000, 11);
const built = buildFromRecords(records);
const parts = built.compact.parts.map((p) => ({ path: p.path, sha256: p.sha256, count: p.count }));
const source = async () => ({ compact: built.compact, records: await built.records.loadAll() });

/** Figures for every tenth kindergarten: half with free places now, half full. */
const availability = new Map<string, AvailabilityItem>(
  records
    .filter((r) => r.category === 'kindergarten')
    .filter((_, k) => k % 10 === 0)
    .map((r, k) => [
      r.id,
      {
        serviceId: r.id,
        observedAt: new Date(NOW.getTime() - 60_000).toISOString(),
        figures: { kind: 'kindergarten', classes: { xiaoban: { free: k % 2, total: 30 } } },
      },
    ]),
);

describe('search as the worker runs it', () => {
  it('gives the same hits as the search index with the list’s own filter, for filters sent as data', async () => {
    const api = createSearchApi(source);
    const generation = await api.load(parts);
    const all = await built.records.loadAll();
    const direct = buildSearchIndex(all, TOWNS, (lat, lon, n, pred) => built.compact.nearest(lat, lon, n, pred));
    const near = { lat: 22.82, lon: 113.68 };
    const sets: Partial<FinderFilters>[] = [
      {},
      { categories: ['kindergarten'] },
      { openNow: true },
      { hasAvailability: true },
      { hasAvailability: true, childAgeMonths: 40 },
      { ev: true },
    ];
    let compared = 0;
    for (const q of ['幼儿园', 'youer', 'clinic', '停车', 'hm']) {
      for (const patch of sets) {
        const filters = { ...DEFAULT_FILTERS, ...patch };
        const got = api.search(generation, q, { limit: 300, near, ...searchRequestOf(filters, availability, NOW) });
        const want = direct
          .search(q, { limit: 300, near, accept: createFilter(filters, built.compact.fields, availability, NOW, hasFreeCapacity) })
          .map((h) => ({ index: h.index, metres: h.metres }));
        expect(got).toEqual(want);
        compared += want.length;
        expect(api.matchAll(generation, q, searchRequestOf(filters, availability, NOW))).toEqual(
          direct.matchAll(q, createFilter(filters, built.compact.fields, availability, NOW, hasFreeCapacity)),
        );
      }
    }
    expect(compared).toBeGreaterThan(100); // the comparison saw real hits
  });

  it('refuses to answer for an index it has since replaced', async () => {
    const api = createSearchApi(source);
    const first = await api.load(parts);
    const second = await api.load(parts);
    expect(() => api.search(first, '幼儿园', { limit: 10, ...searchRequestOf(DEFAULT_FILTERS, availability, NOW) })).toThrow(
      StaleSearchError,
    );
    expect(api.search(second, '幼儿园', { limit: 10, ...searchRequestOf(DEFAULT_FILTERS, availability, NOW) }).length).toBeGreaterThan(0);
  });

  it('sends availability as the ids whose figures pass, judged for the chosen age and staleness', () => {
    expect(searchRequestOf(DEFAULT_FILTERS, availability, NOW).availableIds).toBeNull();
    const passing = searchRequestOf({ ...DEFAULT_FILTERS, hasAvailability: true }, availability, NOW).availableIds!;
    expect(passing.length).toBeGreaterThan(0);
    expect(passing.length).toBeLessThan(availability.size);
    expect(passing.every((id) => hasFreeCapacity(availability.get(id), NOW))).toBe(true);
    const forAge = searchRequestOf({ ...DEFAULT_FILTERS, hasAvailability: true, childAgeMonths: 70 }, availability, NOW).availableIds!;
    expect(forAge).toEqual([]); // only 小班 has places: none for a 大班 child
  });
});
