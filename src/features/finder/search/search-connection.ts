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
  const generation = await withinTime(
    api.load(index.compact.parts.map((p) => ({ path: p.path, sha256: p.sha256, count: p.count }))),
    SEARCH_BUILD_TIMEOUT_MS,
  );
  return {
    search: (query, { limit, near, ...asked }) =>
      api.search(generation, query, { limit, ...(near ? { near } : {}), ...searchRequestOf(asked) }),
    matchAll: (query, asked) => api.matchAll(generation, query, searchRequestOf(asked)),
  };
}

/**
 * A build that has not answered in this long is given up (the list offers "try again", which starts a new worker).
 * Generous: 100k services take about 1 s here, 10 s or so on a budget phone.
 */
const SEARCH_BUILD_TIMEOUT_MS = 60_000;

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`the search index was not built in ${ms / 1000} s`)), ms)),
  );
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The next search starts a fresh connection (a new worker): after a failure, the old one is not asked again. */
export function resetSearchConnection(): void {
  connection?.terminate();
  connection = null;
}

/** Tests only: control how the search code loads (null restores it); the next search starts a fresh connection. */
export function setSearchApiLoaderForTests(loader: (() => Promise<ApiModule>) | null): void {
  resetSearchConnection();
  loadApiModule = loader ?? importApi;
}
