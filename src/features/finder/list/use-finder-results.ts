/**
 * The list's rows: with no query, the nearest services passing the filters (index walk); with a
 * query, search hits ranked by match quality then distance. Filters and query are deferred so typing
 * and tapping chips never wait for the list. Rows are worked out on the compact index (service
 * numbers), and only the rows shown have their records read (one town chunk at a time, see
 * record-cache.ts); until they are in, and until the search index is ready, the previous rows stay on
 * screen, marked stale.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { hasFreeCapacity, useAvailabilityLookup } from '../../availability/has-availability';
import { reportSearchFailure, useFinderIndex, useFinderIndexLoaded, useSearchIndex, useSearchFailed } from '../index/finder-index-store';
import { useRecordsLoaded } from '../index/use-records-loaded';
import type { CircleEntry, EmptyHits, EmptyReason, Place, ResultRow, Results } from '../common/finder-types';
import { useFinderState } from '../common/finder-store';
import type { FinderFilters } from '../common/service-filter';
import { createFilter } from '../common/service-filter';
import { useMinuteClock } from '../common/use-minute-clock';
import { PAGE_SIZE, SEARCH_LIMIT } from '../common/finder-limits';

export function useFinderResults(limit: number = PAGE_SIZE): {
  rows: ResultRow[];
  /** How many services match (the list shows the first `limit`). */
  count: number;
  scope: Results['scope'];
  emptyReason: EmptyReason;
  circle: CircleEntry[] | null;
  loaded: boolean;
  /** False while only the towns near the place are indexed: the list is still completing. */
  complete: boolean;
  total: number;
  place: Place | null;
  filters: FinderFilters;
  query: string;
  stale: boolean;
  /** A query is typed and the search over these services failed (the list offers to try again). */
  searchFailed: boolean;
} {
  const { place, filters, query } = useFinderState();
  const deferredFilters = useDeferredValue(filters);
  const deferredQuery = useDeferredValue(query);
  const index = useFinderIndex();
  const loaded = useFinderIndexLoaded();
  // Asked for as soon as the user types (not the deferred query), so loading starts at the first key.
  const search = useSearchIndex(query.trim() !== '');
  const searchFailed = useSearchFailed() && query.trim() !== '';
  // Read only while the "has availability" filter is on (null while that first read is pending).
  const availability = useAvailabilityLookup(deferredFilters.hasAvailability);
  const now = useMinuteClock();
  const last = useRef<{ rows: ResultRow[]; count: number; scope: Results['scope'] }>({ rows: [], count: 0, scope: 'nearby' });

  // Without a query: worked out here, synchronously (index walk). With one: asked of the search worker.
  const q = deferredQuery.trim();
  const token = useMemo(() => ({}), [index, search, place, deferredFilters, deferredQuery, availability, now, limit]);
  const [searched, setSearched] = useState<{ token: object; value: { results: Results; emptyHits: EmptyHits } } | null>(null);
  useEffect(() => {
    if (!q || !index || !search || !availability) return;
    let live = true;
    const near = place ? { near: { lat: place.lat, lon: place.lon } } : {};
    const run = (f: FinderFilters) =>
      search
        .search(q, { limit: SEARCH_LIMIT, ...near, filters: f, availability, now, hasFreeCapacity })
        .then((hits): Results => ({ hits, scope: 'search' }));
    void (async () => {
      const results = await run(deferredFilters);
      const relaxed = await Promise.all(index.query.relaxationsFor(results, deferredFilters, true).map(run));
      if (live) setSearched({ token, value: { results, emptyHits: index.query.emptyReasonOf(relaxed, deferredFilters, index, now) } });
    })().catch(() => {
      // for an index since replaced, the new one answers; otherwise the search failed, and the list says so
      if (live) reportSearchFailure(index);
    });
    return () => {
      live = false;
    };
    // token changes whenever any input of the search does
  }, [token]);

  const computed = useMemo(() => {
    if (!index) return { results: { hits: [], scope: 'nearby' as const }, emptyHits: null };
    if (!availability) return null;
    if (q) return searched?.token === token ? searched.value : null;
    const run = (f: FinderFilters) =>
      index.query.computeResults(index, place, createFilter(f, index.compact.fields, availability, now, hasFreeCapacity), limit);
    const results = run(deferredFilters);
    const relaxed = index.query.relaxationsFor(results, deferredFilters, place !== null).map(run);
    return { results, emptyHits: index.query.emptyReasonOf(relaxed, deferredFilters, index, now) };
  }, [index, place, deferredFilters, availability, now, limit, q, searched, token]);

  // Only the rows on screen (and the opening-time list) need their records.
  const shownHits = useMemo(() => {
    if (!computed) return null;
    const opening = computed.emptyHits?.kind === 'allClosed' ? computed.emptyHits.opening : [];
    return [...computed.results.hits.slice(0, limit), ...opening];
  }, [computed, limit]);
  const recordsVersion = useRecordsLoaded(
    index,
    useMemo(() => shownHits?.map((h) => h.index) ?? null, [shownHits]),
  );
  const hydrated = useMemo(() => {
    if (!computed || !index || !shownHits) return null;
    const rows = index.query.rowsOf(index, computed.results.hits.slice(0, limit));
    if (!rows) return null;
    let emptyReason: EmptyReason = null;
    if (computed.emptyHits?.kind === 'allStale') emptyReason = computed.emptyHits;
    else if (computed.emptyHits?.kind === 'allClosed') {
      const opening = index.query.rowsOf(index, computed.emptyHits.opening);
      if (!opening) return null;
      emptyReason = { kind: 'allClosed', opening };
    }
    return { rows, count: computed.results.hits.length, scope: computed.results.scope, emptyReason };
    // recordsVersion is a dependency on purpose: it changes when the missing records have been read.
  }, [computed, index, shownHits, limit, recordsVersion]);

  // While the search index or the records load, keep the previous rows (no spinner, no flash of "nothing found").
  const shown = hydrated ?? last.current;
  useEffect(() => {
    if (hydrated) last.current = { rows: hydrated.rows, count: hydrated.count, scope: hydrated.scope };
  }, [hydrated]);

  const circleHits = useMemo(() => (index && place ? index.query.computeCircleHits(index, place) : null), [index, place]);
  const circleNearest = useMemo(
    () => (circleHits ? circleHits.flatMap((c) => (c.nearest ? [{ index: c.nearest.index, metres: c.nearest.metres }] : [])) : null),
    [circleHits],
  );
  const circleVersion = useRecordsLoaded(
    index,
    useMemo(() => circleNearest?.map((h) => h.index) ?? null, [circleNearest]),
  );
  const circle = useMemo((): CircleEntry[] | null => {
    if (!index || !circleHits) return null;
    return circleHits.map((c) => {
      const record = c.nearest ? index.records.recordAt(c.nearest.index) : undefined;
      return { category: c.category, count: c.count, nearest: c.nearest && record ? { record, metres: c.nearest.metres } : null };
    });
  }, [index, circleHits, circleVersion]);

  return {
    rows: shown.rows,
    count: shown.count,
    scope: shown.scope,
    emptyReason: hydrated?.emptyReason ?? null,
    circle,
    loaded,
    complete: index?.complete ?? false,
    total: index?.compact.size ?? 0,
    place,
    filters,
    query,
    stale: hydrated === null || deferredFilters !== filters || deferredQuery !== query,
    searchFailed,
  };
}
