/**
 * The finder's in-memory index over every stored service, shared by the list, the map and the detail
 * page; rebuilt when a new feed lands.
 *
 * Start-up reads the compact start-up rows (src/data/startup-form.ts), not the records: first the
 * chunks of the towns around the remembered place, so the first list can be drawn, then the rest
 * (`complete` says which). Full records are read per chunk when a row or a page needs them
 * (record-cache.ts). The search index is built on the first query or when the search box gets focus.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { StartupChunkRow } from '../../data/startup-form';
import { distanceMetres } from '../../geo/distance';
import { TOWNS, TOWN_BY_CODE } from '../../geo/towns';
import type { CompactIndex } from './compact-index';
import {
  listStoredChunks,
  loadRememberedPlace,
  readChunk,
  readStartupRows,
  watchFeed,
  type StoredChunk,
} from './finder-data-source';
import { installFeedHolidays } from './open-now';
import type { RecordCache } from './record-cache';
import type { SearchIndex } from './search-index';

export interface FinderIndex {
  compact: CompactIndex;
  records: RecordCache;
  /** False while only the towns near the place are in (the rest are being read). */
  complete: boolean;
}

/** Towns whose label point lies within this distance of the place are read first. */
const FIRST_TOWNS_METRES = 12_000;

/*
 * The index code (kdbush, geokdbush, the start-up form) is a chunk of its own, fetched while
 * IndexedDB is read: nothing on the first paint needs it, only the first list does.
 */
type BuildModule = typeof import('./finder-index-build');
let buildModule: BuildModule | null = null;
export async function loadSpatialIndexModule(): Promise<BuildModule> {
  buildModule ??= await import('./finder-index-build');
  return buildModule;
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

/** Loads the search code and every record, and builds the search index for `index` (once per index). */
export function ensureSearchIndex(index: FinderIndex): Promise<SearchIndex> {
  let build = searchBuilds.get(index);
  if (!build) {
    build = Promise.all([loadSearchModule(), index.records.loadAll()]).then(([{ buildSearchIndex }, records]) =>
      buildSearchIndex(records, TOWNS, (lat, lon, n, pred) => index.compact.nearest(lat, lon, n, pred)),
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
 * gets focus), not in idle time after start-up: on a first visit that build is work nobody asked for yet.
 */
export function prefetchSearchIndex(): void {
  if (current) void ensureSearchIndex(current).catch(() => {});
}

/* ---------- loading ---------- */

/** The chunks to read first: the place's town and the towns around it (all of them when no place is known). */
function firstChunks(chunks: readonly StoredChunk[], place: { lat: number; lon: number; townCode: string | null } | null): Set<string> {
  if (!place) return new Set(chunks.map((c) => c.path));
  const near = chunks.filter((c) => {
    if (c.town === place.townCode) return true;
    const label = TOWN_BY_CODE.get(c.town)?.label;
    return !label || distanceMetres(place.lat, place.lon, label[1], label[0]) <= FIRST_TOWNS_METRES;
  });
  return new Set(near.map((c) => c.path));
}

/** Start-up rows for `chunks`, rebuilding (once, in the sync worker) any that are missing or outdated. */
async function readCurrentRows(chunks: readonly StoredChunk[]): Promise<StartupChunkRow[]> {
  const { isCurrentStartupRow } = await import('../../data/startup-form');
  const paths = chunks.map((c) => c.path);
  let rows = await readStartupRows(paths);
  if (rows.some((row, i) => !isCurrentStartupRow(row, chunks[i]!))) {
    const { rebuildStartupRows } = await import('../../data/startup-rebuild-client');
    await rebuildStartupRows();
    rows = await readStartupRows(paths);
  }
  const bad = rows.findIndex((row, i) => !isCurrentStartupRow(row, chunks[i]!));
  if (bad >= 0) throw new Error(`no current start-up row for ${paths[bad]}`);
  return rows as StartupChunkRow[];
}

async function reload(): Promise<void> {
  const seq = ++loadSeq;
  try {
    const [chunks, place, build, holidays] = await Promise.all([
      listStoredChunks(),
      loadRememberedPlace(),
      loadSpatialIndexModule(),
      import('./feed-holidays').then((m) => m.loadFeedHolidays()).catch(() => null),
    ]);
    installFeedHolidays(holidays);
    if (seq !== loadSeq) return;
    // Chunk reads are shared by the partial and the complete index (same path and file = same records).
    const memo = new Map<string, ReturnType<typeof readChunk>>();
    const readOnce = (path: string) => {
      let job = memo.get(path);
      if (!job) memo.set(path, (job = readChunk(path)));
      job.catch(() => memo.delete(path));
      return job;
    };
    if (!chunks || chunks.length === 0) {
      publish({ ...build.buildFromStartupRows([], readOnce), complete: true });
      return;
    }
    const first = firstChunks(chunks, place);
    const head = chunks.filter((c) => first.has(c.path));
    const tail = chunks.filter((c) => !first.has(c.path));
    const headRows = await readCurrentRows(head);
    if (seq !== loadSeq) return;
    if (tail.length > 0) {
      publish({ ...build.buildFromStartupRows(headRows, readOnce), complete: false });
      const tailRows = await readCurrentRows(tail);
      if (seq !== loadSeq) return;
      publish({ ...build.buildFromStartupRows([...headRows, ...tailRows], readOnce), complete: true });
    } else publish({ ...build.buildFromStartupRows(headRows, readOnce), complete: true });
    if (readySearch && current) void ensureSearchIndex(current).catch(() => {}); // searched before: keep search ready
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

/** Tests only: install an index built from records in memory (or reset). The search index stays lazy. */
export function setFinderIndexForTests(records: Parameters<BuildModule['buildFromRecords']>[0] | null): void {
  started = records !== null;
  loadSeq++;
  readySearch = null;
  if (records === null) {
    current = null;
    loaded = false;
    notify();
    return;
  }
  if (!buildModule) throw new Error('setFinderIndexForTests: await loadSpatialIndexModule() first');
  publish({ ...buildModule.buildFromRecords(records), complete: true });
}

/** Tests only: replace how the search-index chunk is loaded (null restores the dynamic import). */
export function setSearchModuleLoaderForTests(loader: (() => Promise<SearchModule>) | null): void {
  loadSearchModule = loader ?? importSearchModule;
}
