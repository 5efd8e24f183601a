/**
 * The page's handle on the search worker (search.worker.ts), through the app's worker bridge. A chunk
 * of its own: the first screen carries neither comlink nor the search code. Without a worker the same
 * API runs on the page over the page's own index.
 */
import { connectWorker, type WorkerConnection } from '../../../lib/worker-bridge';
import type { FinderIndex } from '../index/finder-index-types';
import type { SearchApi, SearchRequest } from './search-worker-api';
import type { AvailabilityLookup, FinderFilters, HasFreeCapacity } from '../common/service-filter';

/** What the list and the map ask: the filters and the live figures as they have them. */
export interface SearchAsked {
  filters: FinderFilters;
  availability: AvailabilityLookup;
  now: Date;
  /** The availability feature's judgement (passed in: this chunk does not load that feature). */
  hasFreeCapacity: HasFreeCapacity;
}

export interface SearchHandle {
  search(
    query: string,
    options: { limit: number; near?: { lat: number; lon: number } } & SearchAsked,
  ): Promise<{ index: number; metres: number | null }[]>;
  matchAll(query: string, asked: SearchAsked): Promise<number[]>;
}
/**
 * A search as the search worker takes it: the filters as data, and live availability as the ids
 * whose figures pass (judged here, where the figures are, exactly as the list's filter judges them).
 */
export function searchRequestOf({ filters, availability, now, hasFreeCapacity }: SearchAsked): SearchRequest {
  let availableIds: string[] | null = null;
  if (filters.hasAvailability) {
    const options = { ageMonths: filters.childAgeMonths, allowStale: filters.includeStale };
    availableIds = [];
    for (const [id, item] of availability) if (hasFreeCapacity(item, now, options)) availableIds.push(id);
  }
  return { filters, availableIds, now: now.getTime() };
}

type ApiModule = typeof import('./search-worker-api');
const importApi = (): Promise<ApiModule> => import('./search-worker-api');
let loadApiModule: () => Promise<ApiModule> = importApi;

let connection: WorkerConnection<SearchApi> | null = null;
/** The index the page fallback searches (the worker reads the store itself). */
let pageIndex: FinderIndex | null = null;

/** Builds the search index for `index` (in the worker when one starts) and returns a handle on it. */
export async function openSearch(index: FinderIndex): Promise<SearchHandle> {
  connection ??= connectWorker<SearchApi>(
    () => new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' }),
    () =>
      loadApiModule().then((m) =>
        m.createSearchApi(async () => {
          const source = pageIndex!;
          return { compact: source.compact, records: await source.records.loadAll() };
        }),
      ),
  );
  pageIndex = index;
  const { api } = connection;
  const generation = await api.load(index.compact.parts.map((p) => ({ path: p.path, sha256: p.sha256, count: p.count })));
  return {
    search: (query, { limit, near, ...asked }) =>
      api.search(generation, query, { limit, ...(near ? { near } : {}), ...searchRequestOf(asked) }),
    matchAll: (query, asked) => api.matchAll(generation, query, searchRequestOf(asked)),
  };
}

/** Tests only: control how the search code loads (null restores it); the next search starts a fresh connection. */
export function setSearchApiLoaderForTests(loader: (() => Promise<ApiModule>) | null): void {
  connection?.terminate();
  connection = null;
  loadApiModule = loader ?? importApi;
}
