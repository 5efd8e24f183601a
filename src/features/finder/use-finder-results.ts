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
import { openStatus } from './open-now';
import { useMinuteClock } from './use-minute-clock';

/** The list shows the nearest PAGE_SIZE within NEARBY_METRES first; "show more" adds a page. */
export const PAGE_SIZE = 50;
export const NEARBY_METRES = 5000;
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

/**
 * What the list holds: every match (up to `limit`) and what the count means. `nearby`: the matches
 * within NEARBY_METRES of the place; `beyond`: none that close, so the nearest at any distance;
 * `search`: search hits, best first.
 */
export interface Results {
  rows: ResultRow[];
  scope: 'nearby' | 'beyond' | 'search';
}

/** The rows for a place / query; null when the query needs the search index and it isn't built yet. */
export function computeResults(
  index: FinderIndex,
  search: SearchIndex | null,
  place: Place | null,
  query: string,
  accept: (r: ServiceRecord) => boolean,
  limit: number = PAGE_SIZE,
): Results | null {
  const q = query.trim();
  if (q) {
    if (!search) return null;
    const rows = search
      .search(q, {
        limit: SEARCH_LIMIT,
        ...(place ? { near: { lat: place.lat, lon: place.lon } } : {}),
        accept: (i) => accept(index.records[i] as ServiceRecord),
      })
      .map((h) => ({ record: index.records[h.index] as ServiceRecord, metres: h.metres }));
    return { rows, scope: 'search' };
  }
  if (!place) return { rows: [], scope: 'nearby' };
  const near = index.spatial.withinRadius(place.lat, place.lon, NEARBY_METRES, accept);
  if (near.length > 0) return { rows: placeApproximateRows(near.map((h) => ({ record: h.item, metres: h.metres }))), scope: 'nearby' };
  const far = index.spatial.nearest(place.lat, place.lon, limit, accept);
  return { rows: placeApproximateRows(far.map((h) => ({ record: h.item, metres: h.metres }))), scope: 'beyond' };
}

/**
 * "Open now" found nothing (at night, say): the same services ordered by when they next open, then
 * by distance, so the list answers "where can I go first?" instead of going blank.
 */
export function orderByOpening(rows: readonly ResultRow[], now: Date, limit: number = PAGE_SIZE): ResultRow[] {
  const withTime: { row: ResultRow; at: number }[] = [];
  for (const row of rows) {
    const s = openStatus(row.record.hours, now);
    if (s === 'unknown' || s.open || !s.nextChange) continue;
    withTime.push({ row, at: s.nextChange.getTime() });
  }
  withTime.sort((a, b) => a.at - b.at || (a.row.metres ?? 0) - (b.row.metres ?? 0));
  return withTime.slice(0, limit).map((w) => w.row);
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

/** Why the list is empty when it would not be without one filter (so the page can offer a way out). */
export type EmptyReason = { kind: 'allStale'; count: number } | { kind: 'allClosed'; opening: ResultRow[] } | null;

export function useFinderResults(limit: number = PAGE_SIZE): {
  rows: ResultRow[];
  scope: Results['scope'];
  emptyReason: EmptyReason;
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
  const last = useRef<Results>({ rows: [], scope: 'nearby' });

  const computed = useMemo(() => {
    if (!index) return { results: { rows: [], scope: 'nearby' as const }, emptyReason: null };
    if (!availability) return null;
    const run = (f: FinderFilters) => computeResults(index, search, place, deferredQuery, createServiceFilter(f, availability, now, hasFreeCapacity), limit);
    const results = run(deferredFilters);
    if (!results) return null;
    let emptyReason: EmptyReason = null;
    if (results.rows.length === 0 && (place || deferredQuery.trim())) {
      // Only worked out when the list is empty: one more pass with the filter that emptied it relaxed.
      if (deferredFilters.hasAvailability && !deferredFilters.includeStale) {
        const withOld = run({ ...deferredFilters, includeStale: true });
        if (withOld && withOld.rows.length > 0) emptyReason = { kind: 'allStale', count: withOld.rows.length };
      }
      if (!emptyReason && deferredFilters.openNow) {
        const any = run({ ...deferredFilters, openNow: false });
        const opening = any ? orderByOpening(any.rows, now) : [];
        if (opening.length > 0) emptyReason = { kind: 'allClosed', opening };
      }
    }
    return { results, emptyReason };
  }, [index, search, place, deferredFilters, deferredQuery, availability, now, limit]);
  // While the search index loads, keep the previous rows (no spinner, no flash of "nothing found").
  const results = computed?.results ?? last.current;
  const waitingForSearch = computed === null;
  useEffect(() => {
    last.current = results;
  }, [results]);

  const circle = useMemo(() => (index && place ? computeCircle(index, place) : null), [index, place]);

  return {
    rows: results.rows,
    scope: results.scope,
    emptyReason: computed?.emptyReason ?? null,
    circle,
    loaded,
    total: index?.records.length ?? 0,
    place,
    filters,
    query,
    stale: waitingForSearch || deferredFilters !== filters || deferredQuery !== query,
  };
}
