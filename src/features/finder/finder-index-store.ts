/**
 * The in-memory indexes over every stored service: built from IndexedDB at start-up and rebuilt when a
 * new feed lands. Shared by the list, the map and the detail page.
 *
 * The spatial index is built at once (the first screen lists the nearest services). The search index is
 * not needed until the user types, so its code is a separate chunk (dynamic import) and it is built on
 * the first non-empty query, or earlier in idle time after start-up, whichever comes first.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ServiceRecord } from '../../data/feed-schema';
import type { SpatialIndex } from '../../geo/spatial-index';
import { TOWNS } from '../../geo/towns';
import { loadAllServices, watchFeed } from './finder-data-source';
import { installFeedHolidays } from './open-now';
import type { SearchIndex } from './search-index';

export interface FinderIndex {
  records: readonly ServiceRecord[];
  byId: ReadonlyMap<string, ServiceRecord>;
  spatial: SpatialIndex<ServiceRecord>;
}

/*
 * The spatial index code (kdbush + geokdbush) is a chunk of its own, fetched while the records are
 * read from IndexedDB: nothing on the first paint needs it, only the first list does.
 */
type SpatialModule = typeof import('../../geo/spatial-index');
let spatialModule: SpatialModule | null = null;
export async function loadSpatialIndexModule(): Promise<SpatialModule> {
  spatialModule ??= await import('../../geo/spatial-index');
  return spatialModule;
}

export function buildFinderIndex(records: readonly ServiceRecord[]): FinderIndex {
  if (!spatialModule) throw new Error('buildFinderIndex: await loadSpatialIndexModule() first');
  const spatial = spatialModule.buildSpatialIndex(records);
  return { records, byId: new Map(records.map((r) => [r.id, r])), spatial };
}

let current: FinderIndex | null = null;
let loaded = false;
let started = false;
let loadSeq = 0;
const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

function publish(next: FinderIndex | null): void {
  current = next;
  loaded = true;
  notify();
}

/* ---------- search index (lazy) ---------- */

type SearchModule = typeof import('./search-index');
const importSearchModule = (): Promise<SearchModule> => import('./search-index');
let loadSearchModule: () => Promise<SearchModule> = importSearchModule;

const searchBuilds = new WeakMap<FinderIndex, Promise<SearchIndex>>();
/** The search index of `current`, once built (null while loading or before anyone asked). */
let readySearch: { index: FinderIndex; search: SearchIndex } | null = null;

/** Loads the search code and builds the search index for `index` (once per index). */
export function ensureSearchIndex(index: FinderIndex): Promise<SearchIndex> {
  let build = searchBuilds.get(index);
  if (!build) {
    build = loadSearchModule().then(({ buildSearchIndex }) =>
      buildSearchIndex(index.records, TOWNS, (lat, lon, n, pred) => index.spatial.nearest(lat, lon, n, (_r, i) => pred(i))),
    );
    searchBuilds.set(index, build);
    build.then(
      (search) => {
        if (index === current && readySearch?.index !== index) {
          readySearch = { index, search };
          notify();
        }
      },
      () => searchBuilds.delete(index), // e.g. the chunk failed to load offline: the next query retries
    );
  }
  return build;
}

/**
 * Starts building the search index as soon as someone shows they are about to search (the search box
 * gets focus), not in idle time after start-up: on a first visit that build is one long main-thread
 * task nobody has asked for yet.
 */
export function prefetchSearchIndex(): void {
  if (current) void ensureSearchIndex(current).catch(() => {});
}

/* ---------- loading ---------- */

async function reload(): Promise<void> {
  const seq = ++loadSeq;
  try {
    const [records, , holidays] = await Promise.all([
      loadAllServices(),
      loadSpatialIndexModule(),
      import('./feed-holidays').then((m) => m.loadFeedHolidays()).catch(() => null),
    ]);
    installFeedHolidays(holidays);
    if (seq === loadSeq) {
      const next = buildFinderIndex(records);
      publish(next);
      if (readySearch) void ensureSearchIndex(next).catch(() => {}); // searched before: keep search ready
    }
  } catch {
    if (seq === loadSeq) publish(current);
  }
}

/** Starts loading (once) and follows feed changes. */
export function startFinderIndex(): void {
  if (started) return;
  started = true;
  watchFeed(() => void reload());
  void reload();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The current index, or null while the first build is pending. */
export function useFinderIndex(): FinderIndex | null {
  useEffect(startFinderIndex, []);
  return useSyncExternalStore(subscribe, () => current, () => current);
}

/** True once the first load attempt finished (even with zero records). */
export function useFinderIndexLoaded(): boolean {
  useEffect(startFinderIndex, []);
  return useSyncExternalStore(subscribe, () => loaded, () => loaded);
}

const searchSnapshot = (): SearchIndex | null => (readySearch && readySearch.index === current ? readySearch.search : null);

/**
 * The search index of the current services, or null until it is built. `wanted` (a non-empty query)
 * starts the build; callers keep showing their previous results meanwhile.
 */
export function useSearchIndex(wanted: boolean): SearchIndex | null {
  const index = useFinderIndex();
  const search = useSyncExternalStore(subscribe, searchSnapshot, searchSnapshot);
  useEffect(() => {
    if (wanted && index) void ensureSearchIndex(index).catch(() => {});
  }, [wanted, index]);
  return search;
}

/** Tests only: install an index directly (or reset). The search index stays lazy. */
export function setFinderIndexForTests(records: readonly ServiceRecord[] | null): void {
  started = records !== null;
  loadSeq++;
  readySearch = null;
  if (records === null) {
    current = null;
    loaded = false;
    notify();
  } else publish(buildFinderIndex(records));
}

/** Tests only: replace how the search-index chunk is loaded (null restores the dynamic import). */
export function setSearchModuleLoaderForTests(loader: (() => Promise<SearchModule>) | null): void {
  loadSearchModule = loader ?? importSearchModule;
}
