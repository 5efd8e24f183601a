/**
 * The index room (src/features/finder/index/): the compact start-up index every view reads (compact-index.ts),
 * how it is loaded from the store and built (finder-index-load.ts, finder-index-build.ts), the record cache
 * that reads full records per chunk (record-cache.ts) and the hook views read them with (use-records-loaded.ts),
 * the list's and the map's queries over it (finder-query.ts) and the feed's holiday table (feed-holidays.ts).
 * It may import src/lib, src/data, src/geo, the finder's common/ pieces and the search room (its store starts
 * the search worker); never list/, detail/ or map/.
 *
 * This module: the finder's in-memory index over every stored service, shared by the list, the map and the detail
 * page; rebuilt when a new feed lands.
 *
 * Start-up reads the compact start-up rows (src/data/startup-form.ts), not the records: first the
 * chunks of the towns around the remembered place, so the first list can be drawn, then the rest
 * (`complete` says which). Full records are read per chunk when a row or a page needs them
 * (record-cache.ts). The search index is built in a worker (search-connection.ts) on the first query
 * or when the search box gets focus.
 */
import { useEffect } from 'react';
import { createStore, useStoreInTransition } from '../../../lib/create-store';
import { whenFirstPainted } from '../../../lib/first-paint';
import { nextTask } from '../../../lib/when-idle';
import { storeMayExist } from '../../../data/store-exists';
import { watchFeed } from '../common/finder-data-source';
import type { FinderIndex } from './finder-index-types';
import type { SearchHandle } from '../search/search-connection';

/*
 * The index code (kdbush, geokdbush, the start-up form) is a chunk of its own, fetched while
 * IndexedDB is read: nothing on the first paint needs it, only the first list does.
 */
type BuildModule = typeof import('./finder-index-build');
const loadIndexLoader = () => import('./finder-index-load');
let buildModule: BuildModule | null = null;
export async function loadIndexBuildModule(): Promise<BuildModule> {
  buildModule ??= await import('./finder-index-build');
  return buildModule;
}

interface IndexState {
  current: FinderIndex | null;
  /** True once the first load attempt finished (even with zero records). */
  loaded: boolean;
  /** The search handle of `current`, once built (null while loading or before anyone asked). */
  readySearch: { index: FinderIndex; search: SearchHandle } | null;
  /** The last search build or search over `index` failed (the list says so and offers to try again). */
  searchFailed: { index: FinderIndex } | null;
}
const state = createStore<IndexState>({ current: null, loaded: false, readySearch: null, searchFailed: null });
const currentIndex = () => state.get().current;
let started = false;
let loadSeq = 0;

function publish(next: FinderIndex | null): void {
  state.set((previous) => ({ ...previous, current: next, loaded: true }));
}

/* ---------- search index (lazy, in a worker) ---------- */

const searchBuilds = new WeakMap<FinderIndex, Promise<SearchHandle>>();

/** Loads the search connection and builds the search index for `index` (once per index). */
export function ensureSearchIndex(index: FinderIndex): Promise<SearchHandle> {
  let build = searchBuilds.get(index);
  if (!build) {
    // a new try: the list shows it working again, not the last failure
    if (state.get().searchFailed?.index === index) state.set({ ...state.get(), searchFailed: null });
    build = import('../search/search-connection').then((m) => m.openSearch(index));
    searchBuilds.set(index, build);
    build.then(
      (search) => {
        const { current, readySearch } = state.get();
        if (index === current && readySearch?.index !== index) state.set({ ...state.get(), readySearch: { index, search } });
      },
      // e.g. the search code failed to load offline, or the worker stopped answering: said on the list, and retried
      // on the next query or "try again"
      () => reportSearchFailure(index),
    );
  }
  return build;
}

/** A build or a search over `index` failed: the list says so while that index is the current one. */
export function reportSearchFailure(index: FinderIndex): void {
  searchBuilds.delete(index); // the next ask builds again rather than hand back a handle that failed
  if (index !== currentIndex()) return;
  state.set({ ...state.get(), searchFailed: { index }, readySearch: null });
}

/**
 * "Try again" after a failed search: a fresh search worker (one that crashed or stopped answering is not asked again)
 * builds the index anew.
 */
export async function retrySearchIndex(): Promise<void> {
  const current = currentIndex();
  if (!current) return;
  searchBuilds.delete(current);
  const { resetSearchConnection } = await import('../search/search-connection');
  resetSearchConnection();
  await ensureSearchIndex(current).catch(() => {});
}

/**
 * Starts building the search index as soon as someone shows they are about to search (the search box
 * gets focus), not in idle time after start-up: on a first visit that build is work nobody asked for yet.
 */
export function prefetchSearchIndex(): void {
  const current = currentIndex();
  if (current) void ensureSearchIndex(current).catch(() => {});
}

/* ---------- loading ---------- */

async function reload(): Promise<void> {
  const seq = ++loadSeq;
  try {
    if (!(await storeMayExist())) {
      // A first visit: nothing stored yet, and no reason to load Dexie or create the database on the page.
      const { buildFromStartupRows } = await loadIndexBuildModule();
      if (seq === loadSeq) publish({ ...buildFromStartupRows([], () => Promise.resolve(undefined)), complete: true });
      return;
    }
    const { loadFinderIndex } = await loadIndexLoader();
    // Evaluating the index code (and Dexie under it) is one task; creating the database connection is the next one.
    await nextTask();
    await loadFinderIndex((next) => {
      if (seq !== loadSeq) return false;
      publish(next);
      return true;
    });
    const { current, readySearch } = state.get();
    if (seq === loadSeq && readySearch && current) void ensureSearchIndex(current).catch(() => {}); // searched before: keep search ready
  } catch {
    if (seq === loadSeq) publish(currentIndex());
  }
}

/**
 * Starts loading (once) and follows feed changes. The first read waits for the first paint: the index code and
 * the store are not needed to draw the first screen, and on a slow phone they would delay it.
 */
export function startFinderIndex(): void {
  if (started) return;
  started = true;
  watchFeed(() => void reload());
  void whenFirstPainted().then(reload);
}

const indexOnly = { get: currentIndex, subscribe: state.subscribe };
const loadedOnly = { get: () => state.get().loaded, subscribe: state.subscribe };

/*
 * A new index re-renders every view over it (the list's rows, the map's pins) in a transition: slices of a few
 * milliseconds instead of one long task when the index arrives after start-up or a sync. The three hooks below
 * read through transitions alike, so a render never mixes a new index with an old search handle.
 */

/** The current index, or null while the first build is pending. */
export function useFinderIndex(): FinderIndex | null {
  useEffect(startFinderIndex, []);
  return useStoreInTransition(indexOnly);
}

/** True once the first load attempt finished (even with zero records). */
export function useFinderIndexLoaded(): boolean {
  useEffect(startFinderIndex, []);
  return useStoreInTransition(loadedOnly);
}

const searchOnly = {
  get: (): SearchHandle | null => {
    const { current, readySearch } = state.get();
    return readySearch && readySearch.index === current ? readySearch.search : null;
  },
  subscribe: state.subscribe,
};

/**
 * The search index of the current services, or null until it is built. `wanted` (a non-empty query)
 * starts the build; callers keep showing their previous results meanwhile.
 */
export function useSearchIndex(wanted: boolean): SearchHandle | null {
  const index = useFinderIndex();
  const search = useStoreInTransition(searchOnly);
  useEffect(() => {
    if (wanted && index) void ensureSearchIndex(index).catch(() => {});
  }, [wanted, index]);
  return search;
}

const failedOnly = {
  get: (): boolean => {
    const { current, searchFailed } = state.get();
    return searchFailed !== null && searchFailed.index === current;
  },
  subscribe: state.subscribe,
};

/** True when the search over the current services failed (a build or a search); `retrySearchIndex` tries again. */
export function useSearchFailed(): boolean {
  return useStoreInTransition(failedOnly);
}

/** Tests only: install an index built from records in memory (or reset). The search index stays lazy. */
export function setFinderIndexForTests(records: Parameters<BuildModule['buildFromRecords']>[0] | null): void {
  started = records !== null;
  loadSeq++;
  if (records === null) {
    state.set({ current: null, loaded: false, readySearch: null, searchFailed: null });
    return;
  }
  state.set({ ...state.get(), readySearch: null, searchFailed: null });
  if (!buildModule) throw new Error('setFinderIndexForTests: await loadIndexBuildModule() first');
  publish({ ...buildModule.buildFromRecords(records), complete: true });
}
