/**
 * The list's rows: with no query, the nearest services passing the filters (spatial index walk);
 * with a query, search hits ranked by match quality then distance. Filters and query are deferred so
 * typing and tapping chips never wait for the list. The search index loads on the first query (see
 * finder-index-store.ts); until it is ready the previous rows stay on screen, marked stale.
 */
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { CATEGORIES, type Category } from '../../data/categories';
import type { ServiceRecord } from '../../data/feed-schema';
import { hasFreeCapacity, useAvailabilityLookup } from '../availability/has-availability';
import { useFinderIndex, useFinderIndexLoaded, useSearchIndex, type FinderIndex } from './finder-index-store';
import { useFinderState, type Place } from './finder-store';
import type { FinderFilters } from './service-filter';
import type { SearchIndex } from './search-index';
import { placeApproximateRows } from './approximate-order';
import { createServiceFilter } from './service-filter';
import { useMinuteClock } from './use-minute-clock';

/** Enough for a long scroll; the virtualised list renders only what is on screen. */
export const LIST_LIMIT = 5000;
export const SEARCH_LIMIT = 300;
export const WALK_METRES = 800;

export interface ResultRow {
  record: ServiceRecord;
  metres: number | null;
}

export interface CircleEntry {
  category: Category;
  count: number;
  nearest: { record: ServiceRecord; metres: number } | null;
}

/** The rows for a place / query; null when the query needs the search index and it isn't built yet. */
export function computeResults(
  index: FinderIndex,
  search: SearchIndex | null,
  place: Place | null,
  query: string,
  accept: (r: ServiceRecord) => boolean,
): ResultRow[] | null {
  const q = query.trim();
  if (q) {
    if (!search) return null;
    return search
      .search(q, {
        limit: SEARCH_LIMIT,
        ...(place ? { near: { lat: place.lat, lon: place.lon } } : {}),
        accept: (i) => accept(index.records[i] as ServiceRecord),
      })
      .map((h) => ({ record: index.records[h.index] as ServiceRecord, metres: h.metres }));
  }
  if (!place) return [];
  return placeApproximateRows(index.spatial.nearest(place.lat, place.lon, LIST_LIMIT, accept).map((h) => ({ record: h.item, metres: h.metres })));
}

/** 十分钟服务圈: per category, how many lie within an 800 m walk and the nearest one (any distance). */
export function computeCircle(index: FinderIndex, place: Place): CircleEntry[] {
  const within = index.spatial.withinRadius(place.lat, place.lon, WALK_METRES);
  return CATEGORIES.map((category) => {
    const inCat = within.filter((h) => h.item.category === category);
    const first = inCat[0] ?? index.spatial.nearest(place.lat, place.lon, 1, (r) => r.category === category)[0];
    return { category, count: inCat.length, nearest: first ? { record: first.item, metres: first.metres } : null };
  });
}

export function useFinderResults(): {
  rows: ResultRow[];
  circle: CircleEntry[] | null;
  loaded: boolean;
  total: number;
  place: Place | null;
  filters: FinderFilters;
  query: string;
  stale: boolean;
} {
  const { place, filters, query } = useFinderState();
  const deferredFilters = useDeferredValue(filters);
  const deferredQuery = useDeferredValue(query);
  const index = useFinderIndex();
  const loaded = useFinderIndexLoaded();
  // Asked for as soon as the user types (not the deferred query), so loading starts at the first key.
  const search = useSearchIndex(query.trim() !== '');
  // Read only while the "has availability" filter is on (null while that first read is pending).
  const availability = useAvailabilityLookup(deferredFilters.hasAvailability);
  const now = useMinuteClock();
  const lastRows = useRef<ResultRow[]>([]);

  const computed = useMemo(() => {
    if (!index) return [];
    if (!availability) return null;
    const accept = createServiceFilter(deferredFilters, availability, now, hasFreeCapacity);
    return computeResults(index, search, place, deferredQuery, accept);
  }, [index, search, place, deferredFilters, deferredQuery, availability, now]);
  // While the search index loads, keep the previous rows (no spinner, no flash of "nothing found").
  const rows = computed ?? lastRows.current;
  const waitingForSearch = computed === null;
  useEffect(() => {
    lastRows.current = rows;
  }, [rows]);

  const circle = useMemo(() => (index && place ? computeCircle(index, place) : null), [index, place]);

  return {
    rows,
    circle,
    loaded,
    total: index?.records.length ?? 0,
    place,
    filters,
    query,
    stale: waitingForSearch || deferredFilters !== filters || deferredQuery !== query,
  };
}
