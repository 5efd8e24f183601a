/**
 * The services the map clusters: every one passing the finder's filters and query, at any distance.
 * Lives with the map (its only user) so the list's first screen does not carry it.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ServiceRecord } from '../../../data/feed-schema';
import { hasFreeCapacity, useAvailabilityLookup } from '../../availability/has-availability';
import { useFinderIndex, useSearchIndex } from '../index/finder-index-store';
import { useFinderState } from '../common/finder-store';
import { createFilter } from '../common/service-filter';
import { useMinuteClock } from '../common/use-minute-clock';

/**
 * Every service that passes the current filters and query (NOT distance-limited): the map clusters
 * these. The map shows names and details, so this reads every record (one chunk at a time).
 */
export function useMatchingServices(): { services: readonly ServiceRecord[]; ready: boolean } {
  const { filters, query } = useFinderState();
  const deferredFilters = useDeferredValue(filters);
  const deferredQuery = useDeferredValue(query);
  const index = useFinderIndex();
  const search = useSearchIndex(query.trim() !== '');
  const availability = useAvailabilityLookup(deferredFilters.hasAvailability);
  const now = useMinuteClock();
  const [all, setAll] = useState<{ index: NonNullable<typeof index>; records: readonly ServiceRecord[] } | null>(null);
  useEffect(() => {
    if (!index) return;
    let live = true;
    index.records.loadAll().then(
      (records) => live && setAll({ index, records }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [index]);
  const last = useRef<readonly ServiceRecord[]>([]);
  const records = all && all.index === index ? all.records : null;
  // A query is matched by the search worker; the answer is kept with the inputs it answers.
  const q = deferredQuery.trim();
  const token = useMemo(() => ({}), [index, search, deferredFilters, q, availability, now]);
  const [matched, setMatched] = useState<{ token: object; ids: number[] } | null>(null);
  useEffect(() => {
    if (!q || !search || !availability) return;
    let live = true;
    search.matchAll(q, { filters: deferredFilters, availability, now, hasFreeCapacity }).then(
      (ids) => live && setMatched({ token, ids }),
      () => {}, // answered for an index since replaced
    );
    return () => {
      live = false;
    };
    // token changes whenever any input of the match does
  }, [token]);
  const computed = useMemo((): readonly ServiceRecord[] | null => {
    if (!index) return [];
    if (!records) return null; // records still being read: keep the previous pins
    if (!availability) return null; // availability still loading: keep the previous pins
    const out: ServiceRecord[] = [];
    if (q) {
      if (matched?.token !== token) return null; // search still working: keep the previous pins
      for (const i of matched.ids) out.push(records[i]!);
      return out;
    }
    const accept = createFilter(deferredFilters, index.compact.fields, availability, now, hasFreeCapacity);
    for (let i = 0; i < records.length; i++) if (accept(i)) out.push(records[i]!);
    return out;
  }, [index, records, deferredFilters, q, availability, now, matched, token]);
  const services = computed ?? last.current;
  useEffect(() => {
    last.current = services;
  }, [services]);
  return { services, ready: index !== null && (records !== null || index.compact.size === 0) };
}
