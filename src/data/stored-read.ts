/**
 * Reads of the store without Dexie. Right after the first download the page reads a few rows (the feed's metadata,
 * the compact start-up rows, the remembered place); evaluating Dexie and opening the database through its schema
 * were the longest main-thread tasks left on a slow phone (issue 26), so these reads use plain IndexedDB gets.
 * The schema stays Dexie's (db.ts): Dexie in the sync worker creates and upgrades the database. These reads never
 * create it (a missing database reads as empty), give their connection up when a newer schema asks for the
 * database, and fall back to Dexie when a store is missing (a device whose database predates a table: Dexie
 * upgrades it). Writes and live queries stay in services-repository.ts and db.ts.
 */
import type { FeedMetaRow, ServiceChunkRow, SettingRow, StoredChunkRow, TownsRow } from './db.ts';
import type { ServiceRecord } from './feed-schema.ts';
import { unpackChunk } from './packed-chunk.ts';
import type { StartupChunkRow } from './startup-form.ts';
import { currentStoreName, storeMayExist } from './store-exists.ts';

/** Key of the singleton feedMeta row. */
export const META_ID = 'meta' as const;
/** Key of the singleton towns row. */
export const TOWNS_ID = 'towns' as const;

/** settings row of the live poller's fault counters (availability-store.ts), read by the badges for "could not be verified". */
export const AVAILABILITY_FAULTS_KEY = 'availabilityFaults';
/** settings row: the other feed address the resident accepted, `{ url, keyId }` (feed-trust.ts reads it in the worker). */
export const ACCEPTED_SOURCE_KEY = 'feed.acceptedSource';
/** settings row holding the feed's holiday table (holidays.json), stored by the sync after the validator passed it. */
export const FEED_HOLIDAYS_KEY = 'feed.holidays';
/** The setting under which the finder keeps the resident's last place; the enrolment quick check reads its town. */
export const REMEMBERED_PLACE_KEY = 'finder.lastPlace';

/** The object stores these reads use, with the row each holds (names are Dexie's table names). */
interface StoreRows {
  feedMeta: FeedMetaRow;
  startupChunks: StartupChunkRow;
  serviceChunks: StoredChunkRow;
  towns: TownsRow;
  settings: SettingRow;
}
type StoreName = keyof StoreRows;

let connection: { name: string; db: Promise<IDBDatabase | null> } | null = null;

/** Opens the existing database at whatever version it has; null when there is none (nothing is created). */
function openExisting(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    // Asked to upgrade from nothing: there was no database. Aborting leaves none behind.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close(); // Dexie (the sync worker, another tab, a test) wants a newer schema or to delete it
        if (connection?.name === name) connection = null;
      };
      db.onclose = () => {
        if (connection?.name === name) connection = null;
      };
      resolve(db);
    };
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve(null) : reject(request.error));
  });
}

function database(): Promise<IDBDatabase | null> {
  const name = currentStoreName();
  if (connection?.name !== name) {
    const db = openExisting(name);
    connection = { name, db };
    // A missing database or a failed open is asked again next time (the sync worker may have created it since).
    const forget = () => {
      if (connection?.db === db) connection = null;
    };
    db.then((found) => found ?? forget(), forget);
  }
  return connection.db;
}

function requestResult<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}

/** Rows by key from one store, in one read-only transaction; undefined where there is none. */
async function getRows<S extends StoreName>(store: S, keys: readonly string[]): Promise<(StoreRows[S] | undefined)[]> {
  if (keys.length === 0 || !(await storeMayExist())) return keys.map(() => undefined);
  const db = await database();
  if (!db) return keys.map(() => undefined);
  if (!db.objectStoreNames.contains(store)) return dexieRows(store, keys);
  let objects: IDBObjectStore;
  try {
    objects = db.transaction(store, 'readonly').objectStore(store);
  } catch {
    return dexieRows(store, keys); // the connection was closing (an upgrade under way): Dexie waits for it
  }
  return Promise.all(keys.map((key) => requestResult<StoreRows[S] | undefined>(objects.get(key))));
}

/** The same rows through Dexie, which first upgrades a database that predates `store`. */
async function dexieRows<S extends StoreName>(store: S, keys: readonly string[]): Promise<(StoreRows[S] | undefined)[]> {
  connection = null; // the upgrade closes this connection (onversionchange); open the new version next time
  const { getDb } = await import('./db.ts');
  return (await getDb().table(store).bulkGet([...keys])) as (StoreRows[S] | undefined)[];
}

async function getRow<S extends StoreName>(store: S, key: string): Promise<StoreRows[S] | undefined> {
  return (await getRows(store, [key]))[0];
}

/**
 * The records of a stored chunk, whichever form it was written in. A stored file was checked as strict UTF-8 and
 * JSON, record by record, before it was stored (a gzip copy: the JSON it inflates to).
 */
export async function recordsOf(row: StoredChunkRow): Promise<ServiceRecord[]> {
  if (row.records) return row.records;
  // TextDecoder + JSON.parse, not Response.json(): a third faster in Chromium (430 against 600 ms per 61 MB)
  const chunk = JSON.parse(new TextDecoder().decode(await verifiedJson(row))) as { services: ServiceRecord[] };
  return (row.packed ? unpackChunk(chunk) : chunk).services;
}

/** The JSON bytes of a verified file, in either form it is kept in (the row's, or a helper's answer to the sync). */
export async function verifiedJson(file: { gzipBytes: Uint8Array } | { fileBytes: Uint8Array; gzipBytes?: undefined }): Promise<Uint8Array> {
  return file.gzipBytes ? inflateVerified(file.gzipBytes) : file.fileBytes;
}

/** A stored chunk row without its verified file (what is left to keep when its records are kept instead). */
export function withoutFile<R extends StoredChunkRow>(row: R): Omit<R, 'fileBytes' | 'gzipBytes' | 'packed'> {
  const { fileBytes: _, gzipBytes: __, packed: ___, ...rest } = row;
  return rest;
}

/** A verified gzip copy's JSON (unbounded: unlike a download, these bytes were inflated and checked once already). */
export async function inflateVerified(gzip: Uint8Array): Promise<Uint8Array> {
  const json = new Response(gzip as Uint8Array<ArrayBuffer>).body!.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(json).arrayBuffer());
}

/** A stored chunk in its reading form. */
export async function readableChunk(row: StoredChunkRow): Promise<ServiceChunkRow> {
  return { ...withoutFile(row), records: await recordsOf(row) };
}

/** Stored feed metadata (version, manifest, counts, last sync …), or undefined before the first sync. */
export function getFeedMeta(): Promise<FeedMetaRow | undefined> {
  return getRow('feedMeta', META_ID);
}

/** A chunk of the stored feed as the last sync described it. */
export interface StoredChunk {
  path: string;
  town: string;
  sha256: string;
  count: number;
}

/** The stored feed's chunks in manifest order; null before the first sync. */
export async function listStoredChunks(): Promise<StoredChunk[] | null> {
  const meta = await getFeedMeta();
  if (!meta?.version || !meta.chunks) return null;
  const summaries = meta.chunks;
  const order = meta.manifest?.chunks.map((c) => c.path) ?? Object.keys(summaries);
  return order.flatMap((path) => {
    const s = summaries[path];
    return s ? [{ path, town: s.town, sha256: s.sha256, count: s.count }] : [];
  });
}

/** Compact start-up rows by chunk path (undefined where none is stored). */
export function readStartupRows(paths: readonly string[]): Promise<(StartupChunkRow | undefined)[]> {
  return getRows('startupChunks', paths);
}

/** One chunk's full records as stored. */
export async function readChunk(path: string): Promise<ServiceChunkRow | undefined> {
  const row = await getRow('serviceChunks', path);
  return row && (await readableChunk(row));
}

/** The town boundaries GeoJSON (FeatureCollection) from the feed, or null before the first sync. */
export async function loadTownBoundaries(): Promise<unknown | null> {
  return (await getRow('towns', TOWNS_ID))?.geojson ?? null;
}

/** A setting's value, or undefined when it was never set (or there is no store yet). */
export async function getSetting<T = unknown>(key: string): Promise<T | undefined> {
  return (await getRow('settings', key))?.value as T | undefined;
}
