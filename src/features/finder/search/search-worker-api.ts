/**
 * The finder's text search as one API that the search worker serves (search.worker.ts), so building
 * the index over every record (hundreds of ms at 100k) never blocks the page. The filters arrive as
 * plain data and run in the worker through the same predicate as the list (service-filter.ts);
 * live availability arrives as the ids that pass it (worked out on the page, where the figures are).
 */
import type { AvailabilityItem, ServiceRecord } from '../../../data/feed-schema';
import { TOWNS } from '../../../geo/towns';
import type { CompactIndex } from '../index/compact-index';
import { buildSearchIndex, type SearchIndex } from './search-index';
import { createFilter, type FinderFilters } from '../common/service-filter';

/** What to search and which services count; `availableIds` is null unless the availability filter is on. */
export interface SearchRequest {
  filters: FinderFilters;
  availableIds: string[] | null;
  /** Epoch ms: "open now" is judged at this instant. */
  now: number;
}

export interface IndexPartRef {
  path: string;
  sha256: string;
  count: number;
}

export interface SearchApi {
  /** Builds the index over these chunks, numbered in this order (the page's); resolves with a generation number. */
  load(parts: IndexPartRef[]): Promise<number>;
  /** Best hits first; throws if `generation` is not the index last loaded (the page drops the answer). */
  search(
    generation: number,
    query: string,
    options: { limit: number; near?: { lat: number; lon: number } } & SearchRequest,
  ): { index: number; metres: number | null }[];
  /** Every matching service number, in index order (the map). */
  matchAll(generation: number, query: string, request: SearchRequest): number[];
}

/** Where the records come from: the worker reads the store, the page fallback hands over its own index. */
export type SearchSource = (parts: IndexPartRef[]) => Promise<{ compact: CompactIndex; records: readonly ServiceRecord[] }>;

export class StaleSearchError extends Error {
  constructor() {
    super('the search index was rebuilt for a newer feed');
    this.name = 'StaleSearchError';
  }
}

export function createSearchApi(source: SearchSource): SearchApi {
  let generation = 0;
  let loaded: { generation: number; compact: CompactIndex; search: SearchIndex } | null = null;

  const accept = (compact: CompactIndex, r: SearchRequest) => {
    const available = r.availableIds
      ? new Map(r.availableIds.map((id) => [id, {} as AvailabilityItem]))
      : new Map<string, AvailabilityItem>();
    // The page already decided which figures show free capacity: here "has availability" means "is in that list".
    return createFilter(r.filters, compact.fields, available, new Date(r.now), (item) => item !== undefined);
  };
  const current = (g: number) => {
    if (!loaded || loaded.generation !== g) throw new StaleSearchError();
    return loaded;
  };

  return {
    async load(parts) {
      const g = ++generation;
      const { compact, records } = await source(parts);
      const search = buildSearchIndex(records, TOWNS, (lat, lon, n, pred) => compact.nearest(lat, lon, n, pred));
      if (g === generation) loaded = { generation: g, compact, search };
      return g;
    },
    search(g, query, { limit, near, ...request }) {
      const { compact, search } = current(g);
      return search
        .search(query, { limit, ...(near ? { near } : {}), accept: accept(compact, request) })
        .map((h) => ({ index: h.index, metres: h.metres }));
    },
    matchAll(g, query, request) {
      const { compact, search } = current(g);
      return search.matchAll(query, accept(compact, request));
    },
  };
}
