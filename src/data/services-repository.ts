/**
 * The store through Dexie, for the features: every record at once (the town report card, cached per feed
 * revision), and the resident's own rows (favourites, recents, settings) with their writes. The finder's start-up
 * reads (chunk list, start-up rows, one chunk's records, a setting) are in stored-read.ts, without Dexie.
 */
import { getDb, type StoredChunkRow } from './db.ts';
import { getFeedMeta, recordsOf } from './stored-read.ts';
import type { ServiceRecord } from './feed-schema.ts';
import { getFeedRevision, onFeedChanged } from './feed-events.ts';

let cache: { revision: number; version: string | undefined; records: Promise<ServiceRecord[]> } | null = null;

onFeedChanged(() => {
  cache = null;
});

/** Every stored service record (all chunks, ordered by town). Cached until the feed changes. */
export async function loadAllServices(): Promise<ServiceRecord[]> {
  const version = (await getFeedMeta())?.version;
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
  // The rows are read in one transaction (one version); a stored file is opened after it (inflating is not IndexedDB
  // work, and a transaction waiting on it would commit early).
  const rows: StoredChunkRow[] = [];
  await getDb()
    .serviceChunks.orderBy('town')
    .each((row) => {
      rows.push(row);
    });
  const out: ServiceRecord[] = [];
  for (const row of rows) for (const r of await recordsOf(row)) out.push(r);
  return out;
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

/* ---------- settings (read them with stored-read.ts's getSetting) ---------- */

export async function setSetting(key: string, value: unknown): Promise<void> {
  await getDb().settings.put({ key, value });
}

export async function deleteSetting(key: string): Promise<void> {
  await getDb().settings.delete(key);
}
