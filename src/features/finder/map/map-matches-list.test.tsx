// @vitest-environment happy-dom
/**
 * The map's pins are the list's matches (issue 26): for the same filters and query, the services the map
 * clusters (compact form, index.query.allMatching / the search worker's matchAll) are exactly the rows
 * the list shows when every service lies within the list's nearby radius.
 */
import 'fake-indexeddb/auto';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../../data/feed-schema';
import { CATEGORIES } from '../../../data/categories';
import { loadIndexBuildModule, setFinderIndexForTests } from '../index/finder-index-store';
import { resetFinderStateForTests, setFilters, setPlace, setQuery } from '../common/finder-store';
import { createServiceFilter, DEFAULT_FILTERS, type FinderFilters } from '../common/service-filter';
import { useFinderResults } from '../list/use-finder-results';
import { useMatchingServices } from './use-matching-services';
import { useFreshDb } from '../../../../tests/unit/fresh-db.ts';

const PLACE = { lat: 22.815, lon: 113.672 };
const TOWNS = ['441900121', '441900122', '441900123'];
const HOURS = ['08:00-17:00', '00:00-24:00', '', '18:00-02:00'];

/** 120 services in three town chunks, all within 3 km of PLACE, with every field a filter reads varied. */
const records: ServiceRecord[] = Array.from({ length: 120 }, (_, i) => {
  const category = CATEGORIES[i % CATEGORIES.length]!;
  return {
    id: `s${i}`,
    category,
    name: { zh: i % 4 === 0 ? `长安幼儿园${i}` : `服务点${i}`, en: i % 4 === 0 ? `Changan kindergarten ${i}` : `Place ${i}` },
    town: TOWNS[i % 3]!,
    lat: PLACE.lat + ((i % 11) - 5) * 0.004,
    lon: PLACE.lon + ((i % 13) - 6) * 0.004,
    ...(i % 5 !== 0 ? { hours: { weekly: Array(7).fill(HOURS[i % 4]), publicHolidays: 'open' as const } } : {}),
    ...(i % 3 !== 2 ? { fee: (['free', 'low', 'paid'] as const)[i % 3] } : {}),
    ...(i % 2 === 0 ? { features: i % 4 === 0 ? ['ev' as const, 'accessible' as const] : ['ev' as const] } : {}),
    ...(i % 7 !== 0 ? { ageMonths: [(i % 4) * 12, (i % 4) * 12 + 30] as [number, number] } : {}),
    source: { kind: 'sample', reference: 'test', updated: '2026-11-28T00:00:00Z' },
    pinyin: { full: '', initials: '' },
  };
});

const FILTER_CASES: Partial<FinderFilters>[] = [
  {},
  { categories: ['kindergarten', 'parking'] },
  { openNow: true },
  { childAgeMonths: 30 },
  { freeOrLow: true, ev: true },
  { accessible: true, categories: ['parking'] },
  { childAgeMonths: 14, openNow: true, freeOrLow: true },
];

let seen: { map: string[] | null; list: string[] | null } = { map: null, list: null };
function Probe() {
  const { matches } = useMatchingServices();
  const list = useFinderResults(1000);
  seen = {
    map: matches ? [...matches.numbers].map((n) => matches.index.compact.ids[n]!).sort() : null,
    list: list.stale ? null : list.rows.map((r) => r.record.id).sort(),
  };
  return null;
}

useFreshDb('map-list', () => {}, { asAppDb: true });
beforeAll(() => loadIndexBuildModule());
beforeEach(() => {
  resetFinderStateForTests();
  setFinderIndexForTests(records);
  setPlace({ ...PLACE, source: 'gps', townCode: TOWNS[0]! });
});
afterEach(() => {
  cleanup();
  setFinderIndexForTests(null);
});

describe('map pins and list rows', () => {
  it('are the same services for the same filters', async () => {
    render(<Probe />);
    const sizes = new Set<number>();
    for (const patch of FILTER_CASES) {
      const filters = { ...DEFAULT_FILTERS, ...patch };
      act(() => setFilters(filters));
      // the record-by-record predicate (CLIs, tests): tells which answer belongs to these filters
      const accept = createServiceFilter(filters, new Map(), new Date(), () => false);
      const expected = records
        .filter(accept)
        .map((r) => r.id)
        .sort();
      await waitFor(() => {
        expect(seen.list).toEqual(expected);
        expect(seen.map).toEqual(seen.list);
      });
      sizes.add(expected.length);
    }
    // the cases are not all the same answer (nor all empty)
    expect(sizes.size).toBeGreaterThan(4);
    expect(Math.max(...sizes)).toBe(records.length);
  });

  it('are the same services for a query (search worker: matchAll for the map, search for the list)', async () => {
    render(<Probe />);
    act(() => setQuery('幼儿园'));
    await waitFor(
      () => {
        expect(seen.list?.length).toBeGreaterThan(0);
        expect(seen.map).toEqual(seen.list);
      },
      { timeout: 5000 },
    );
    expect(seen.list!.length).toBeLessThan(records.length);
    act(() => setFilters({ categories: ['kindergarten'] }));
    await waitFor(() => {
      expect(seen.list!.every((id) => records.find((r) => r.id === id)!.category === 'kindergarten')).toBe(true);
      expect(seen.map).toEqual(seen.list);
    });
  });
});
