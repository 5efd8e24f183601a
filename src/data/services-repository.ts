/**
 * Read API over the store for the features. The finder starts from the compact start-up rows and
 * reads full records one chunk at a time; features that need every record (the town report card)
 * read them all, cached per feed revision.
 */
import { META_ID, TOWNS_ID, getDb, readableChunk, recordsOf, type FeedMetaRow, type ServiceChunkRow } from './db.ts';
import type { ServiceRecord } from './feed-schema.ts';
import type { StartupChunkRow } from './startup-form.ts';
import { getFeedRevision, onFeedChanged } from './feed-events.ts';

let cache: { revision: number; version: string | undefined; records: Promise<ServiceRecord[]> } | null = null;

onFeedChanged(() => {
  cache = null;
});

/** Every stored service record (all chunks, ordered by town). Cached until the feed changes. */
export async function loadAllServices(): Promise<ServiceRecord[]> {
  const version = (await getDb().feedMeta.get(META_ID))?.version;
  const revision = getFeedRevision();
  if (!cache || cache.revision !== revision || cache.version !== version) {
    const records = readAll();
    cache = { revision, version, records };
    records.catch(() => {
      if (cache?.records === records) cache = null;
    });
  }
  return cache.records;
}

async function readAll(): Promise<ServiceRecord[]> {
  // A cursor: each town chunk is deserialised in its own task (tens of ms), where one getAll()
  // deserialised all 100k records in a single main-thread task (see docs/data-store.md).
  const out: ServiceRecord[] = [];
  await getDb()
    .serviceChunks.orderBy('town')
    .each((row) => {
      for (const r of recordsOf(row)) out.push(r);
    });
  return out;
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
  const meta = await getDb().feedMeta.get(META_ID);
  if (!meta?.version || !meta.chunks) return null;
  const summaries = meta.chunks;
  const order = meta.manifest?.chunks.map((c) => c.path) ?? Object.keys(summaries);
  return order.flatMap((path) => {
    const s = summaries[path];
    return s ? [{ path, town: s.town, sha256: s.sha256, count: s.count }] : [];
  });
}

/** Compact start-up rows by chunk path (undefined where none is stored). */
export async function readStartupRows(paths: readonly string[]): Promise<(StartupChunkRow | undefined)[]> {
  return getDb().startupChunks.bulkGet([...paths]);
}

/** One chunk's full records as stored. */
export async function readChunk(path: string): Promise<ServiceChunkRow | undefined> {
  const row = await getDb().serviceChunks.get(path);
  return row && readableChunk(row);
}

/** The town boundaries GeoJSON (FeatureCollection) from the feed, or null before the first sync. */
export async function loadTownBoundaries(): Promise<unknown | null> {
  return (await getDb().towns.get(TOWNS_ID))?.geojson ?? null;
}

/** Stored feed metadata (version, manifest, counts, last sync …), or undefined before the first sync. */
export async function getFeedMeta(): Promise<FeedMetaRow | undefined> {
  return getDb().feedMeta.get(META_ID);
}

/* ---------- favourites & recents (user data: never touched by a sync) ---------- */

const MAX_RECENTS = 50;

export async function addFavourite(serviceId: string, at: Date = new Date()): Promise<void> {
  await getDb().favourites.put({ serviceId, addedAt: at.toISOString() });
}

export async function removeFavourite(serviceId: string): Promise<void> {
  await getDb().favourites.delete(serviceId);
}

export async function isFavourite(serviceId: string): Promise<boolean> {
  return (await getDb().favourites.get(serviceId)) !== undefined;
}

/** Favourite service ids, newest first. */
export async function listFavourites(): Promise<string[]> {
  return (await getDb().favourites.orderBy('addedAt').reverse().primaryKeys()) as string[];
}

/** Records a view; keeps only the latest MAX_RECENTS. */
export async function addRecent(serviceId: string, at: Date = new Date()): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.recents, async () => {
    await db.recents.put({ serviceId, viewedAt: at.toISOString() });
    const extra = (await db.recents.count()) - MAX_RECENTS;
    if (extra > 0) await db.recents.bulkDelete((await db.recents.orderBy('viewedAt').limit(extra).primaryKeys()) as string[]);
  });
}

/** Recently viewed service ids, newest first. */
export async function listRecents(): Promise<string[]> {
  return (await getDb().recents.orderBy('viewedAt').reverse().primaryKeys()) as string[];
}

/* ---------- settings ---------- */

/** The setting under which the finder keeps the resident's last place; the enrolment quick check reads its town. */
export const REMEMBERED_PLACE_KEY = 'finder.lastPlace';

export async function getSetting<T = unknown>(key: string): Promise<T | undefined> {
  return (await getDb().settings.get(key))?.value as T | undefined;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await getDb().settings.put({ key, value });
}

export async function deleteSetting(key: string): Promise<void> {
  await getDb().settings.delete(key);
}
