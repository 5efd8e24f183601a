/**
 * The services the map clusters: every one passing the finder's filters and query, at any distance, as
 * service numbers of the finder's index. Worked out on the compact start-up form with the list's own
 * predicate (createFilter → index.query.allMatching) or, for a query, the search worker's matchAll: no
 * full record is read here. The map reads records only for the pins it draws (map-view.ts) and the
 * panels it opens. Lives with the map (its only user) so the list's first screen does not carry it.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { hasFreeCapacity, useAvailabilityLookup } from '../../availability/has-availability';
import { reportSearchFailure, useFinderIndex, useSearchIndex } from '../index/finder-index-store';
import type { FinderIndex } from '../index/finder-index-types';
import { useFinderState } from '../common/finder-store';
import { createFilter } from '../common/service-filter';
import { useMinuteClock } from '../common/use-minute-clock';

/** The map's pins: service numbers in `index`, ascending. */
export interface MapMatches {
  index: FinderIndex;
  numbers: Uint32Array;
}

/** The service number of `id` when it is one of the matches (binary search over the ascending numbers). */
export function matchedNumber(matches: MapMatches, id: string): number | undefined {
  const n = matches.index.compact.indexOfId(id);
  if (n === undefined) return undefined;
  const { numbers } = matches;
  let lo = 0;
  let hi = numbers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = numbers[mid]!;
    if (v === n) return n;
    if (v < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * Every service that passes the current filters and query (NOT distance-limited). While a new answer is
 * worked out (availability or the search index still loading) the previous matches stay.
 */
export function useMatchingServices(): { matches: MapMatches | null; ready: boolean } {
  const { filters, query } = useFinderState();
  const deferredFilters = useDeferredValue(filters);
  const deferredQuery = useDeferredValue(query);
  const index = useFinderIndex();
  const search = useSearchIndex(query.trim() !== '');
  const availability = useAvailabilityLookup(deferredFilters.hasAvailability);
  const now = useMinuteClock();
  const last = useRef<MapMatches | null>(null);
  // A query is matched by the search worker; the answer is kept with the inputs it answers.
  const q = deferredQuery.trim();
  const token = useMemo(() => ({}), [index, search, deferredFilters, q, availability, now]);
  const [matched, setMatched] = useState<{ token: object; ids: number[] } | null>(null);
  useEffect(() => {
    if (!q || !search || !availability) return;
    let live = true;
    search.matchAll(q, { filters: deferredFilters, availability, now, hasFreeCapacity }).then(
      (ids) => live && setMatched({ token, ids }),
      // for an index since replaced, the new one answers; otherwise the search failed, and the page says so
      () => live && index && reportSearchFailure(index),
    );
    return () => {
      live = false;
    };
    // token changes whenever any input of the match does
  }, [token]);
  const computed = useMemo((): MapMatches | null => {
    if (!index || !availability) return null; // availability still loading: keep the previous pins
    if (q) {
      if (matched?.token !== token) return null; // search still working: keep the previous pins
      return { index, numbers: Uint32Array.from(matched.ids).sort() };
    }
    const accept = createFilter(deferredFilters, index.compact.fields, availability, now, hasFreeCapacity);
    return { index, numbers: index.query.allMatching(index, accept) };
  }, [index, deferredFilters, q, availability, now, matched, token]);
  const matches = computed ?? last.current;
  useEffect(() => {
    last.current = matches;
  }, [matches]);
  return { matches, ready: index !== null && matches !== null };
}
