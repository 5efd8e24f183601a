/**
 * The app's IndexedDB database (`dg-nearby`), via Dexie.
 *
 * Services are stored one row per town chunk, not one row per record: a 100k-record import as
 * per-record rows took ~6 s in Chromium, far over the 2 s budget; ~36 large rows write and read fast,
 * and the app indexes records in memory anyway.
 *
 * Primary keys are stable strings and must never change (Dexie cannot change a primary key in an
 * upgrade). Add a new version number for every schema change; never edit an old one.
 * Each chunk also has a compact start-up form (startupChunks, see startup-form.ts) that the first list
 * reads instead of the records.
 * Sync writes only serviceChunks, startupChunks, feedMeta, towns, programmes, ownedFiles and the feed's holiday setting; the poller writes availability;
 * favourites, recents and settings belong to the user and no sync touches them.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { AvailabilityItem, FeedManifest, ServiceRecord } from './feed-schema.ts';
import type { Category } from './categories.ts';
import type { StartupChunkRow } from './startup-form.ts';
import { mayBeOwnedFile, type OwnedFileKind } from './owned-file-names.ts';

import { DB_NAME, setStoreNameForTests } from './store-exists.ts';

/** One town chunk of the feed, exactly as last synced (invalid records already dropped). */
export interface ServiceChunkRow {
  /** Chunk path from the manifest, e.g. "services/441900121.json". */
  path: string;
  town: string;
  sha256: string;
  /** Feed version the chunk was written with. */
  version: string;
  records: ServiceRecord[];
}

/**
 * A chunk as stored: its kept records as objects, or — when the sync kept every record of the file exactly
 * as the file holds it — the verified file (issue 26: one copy to write and to read, where thousands of record
 * objects were cloned one by one): the gzip copy it downloaded (`gzipBytes`, inflating to the JSON whose sha256 the
 * manifest names), else the JSON bytes (`fileBytes`); `packed` when that file is the chunk's packed copy (its
 * records name shared table entries, packed-chunk.ts). The row's `sha256` is the chunk's, whichever file it holds.
 * Read it through `recordsOf`.
 */
export type StoredChunkRow = Omit<ServiceChunkRow, 'records'> &
  (
    | { records: ServiceRecord[]; fileBytes?: undefined; gzipBytes?: undefined; packed?: undefined }
    | { fileBytes: Uint8Array; records?: undefined; gzipBytes?: undefined; packed?: true }
    | { gzipBytes: Uint8Array; records?: undefined; fileBytes?: undefined; packed?: true }
  );



/** What the last sync learnt about one chunk; kept in feedMeta so unchanged chunks need not be re-read. */
export interface ChunkSummary {
  path: string;
  town: string;
  sha256: string;
  /** Records kept (valid). */
  count: number;
  skipped: number;
  /** First few skip reasons, "record-id: reason". */
  skipSamples: string[];
  byCategory: Partial<Record<Category, number>>;
  /** Records dropped because an earlier chunk (manifest order) holds the same id. */
  duplicates?: number;
}

export interface SyncErrorInfo {
  code: SyncErrorCode;
  message: string;
  /** File that failed, relative to the feed URL, when known. */
  file?: string;
  /** code "untrusted-source": what the other address claims, for the resident to accept or not. */
  unofficial?: UnofficialSource;
}

/** How the stored version was trusted (issue 23, src/data/feed-trust.ts). */
export type FeedTrust =
  | { kind: 'signed'; keyId: string }
  /** The build trusts no key (VITE_FEED_KEYS empty): development and the embedded sample. */
  | { kind: 'unsigned-build' }
  /** Another address, accepted by the resident although no trusted key signed it. */
  | { kind: 'unofficial'; host: string; keyId: string | null };

/** The highest signed manifest version taken on this device, and its bytes' sha256 (the rollback floor). */
export interface TrustFloor {
  version: string;
  sha256: string;
}

export interface UnofficialSource {
  url: string;
  host: string;
  /** The publisher the feed claims (manifest.publisher, else its first source's name). */
  publisher: { zh: string; en: string; zhHant?: string } | null;
  /** The key id its manifest.sig names, or null when it has none that reads. */
  keyId: string | null;
}



export type SyncErrorCode =
  | 'network'
  | 'http'
  | 'manifest'
  | 'parse'
  | 'checksum'
  | 'chunk'
  | 'quota'
  | 'busy'
  /** manifest.sig missing, malformed, by an untrusted key or not over these bytes, on the official address. */
  | 'signature'
  /** A signed version not above the one already taken (a replayed old manifest). */
  | 'rollback'
  /** Another address no trusted key signed, not (yet) accepted by the resident. */
  | 'untrusted-source'
  | 'unknown';


/** Singleton row (id "meta") describing the feed currently in the store. */
export interface FeedMetaRow {
  id: 'meta';
  /** Absent until a first sync has committed. */
  manifest?: FeedManifest;
  version?: string;
  /** Absolute feed folder URL the data came from. */
  feedUrl?: string;
  etag?: string | null;
  /** ISO time of the last successful sync or successful "no change" check. */
  lastSync?: string;
  /** ISO time of the last commit of new data. */
  lastUpdated?: string;
  chunks?: Record<string, ChunkSummary>;
  /** sha256 of the other files (towns.geojson, programmes.json …) as last written. */
  files?: Record<string, string>;
  totalRecords?: number;
  skipped?: number;
  skipSamples?: string[];
  /** Last failed sync (cleared by the next success). */
  lastError?: SyncErrorInfo & { at: string };
  /** How this version was trusted; absent in rows written before signed feeds. */
  trust?: FeedTrust;
  /** sha256 of manifest.json's bytes as taken (a same-version manifest with other bytes is checked again). */
  manifestSha256?: string;
}

export interface TownsRow {
  id: 'towns';
  sha256: string | null;
  geojson: unknown;
}

export type AvailabilityRow = AvailabilityItem & { fetchedAt: string };

export interface ProgrammeRow {
  id: string;
  /** Opaque programme record; the youth feature owns its shape. */
  data: unknown;
}

/** An owned file of the feed (issue 22: enrolment-YYYY.json, offices.json, a published programmes.json), stored whole after the validator passed it. */
export interface OwnedFileRow {
  /** Its path in the feed, e.g. "enrolment-2027.json". */
  path: string;
  kind: OwnedFileKind;
  sha256: string;
  data: unknown;
}

export interface FavouriteRow {
  serviceId: string;
  addedAt: string;
}

export interface RecentRow {
  serviceId: string;
  viewedAt: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export type DgNearbyDb = Dexie & {
  serviceChunks: EntityTable<StoredChunkRow, 'path'>;
  startupChunks: EntityTable<StartupChunkRow, 'path'>;
  feedMeta: EntityTable<FeedMetaRow, 'id'>;
  towns: EntityTable<TownsRow, 'id'>;
  availability: EntityTable<AvailabilityRow, 'serviceId'>;
  programmes: EntityTable<ProgrammeRow, 'id'>;
  ownedFiles: EntityTable<OwnedFileRow, 'path'>;
  favourites: EntityTable<FavouriteRow, 'serviceId'>;
  recents: EntityTable<RecentRow, 'serviceId'>;
  settings: EntityTable<SettingRow, 'key'>;
};

/** Version 1 schema. Kept verbatim: existing devices upgrade from it. */
export const SCHEMA_V1 = {
  serviceChunks: 'path, town',
  feedMeta: 'id',
  towns: 'id',
  availability: 'serviceId',
  programmes: 'id',
  favourites: 'serviceId',
  recents: 'serviceId',
  settings: 'key',
} as const;

/** Version 2: favourites and recents indexed by time, so lists come out newest-first without a sort. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  favourites: 'serviceId, addedAt',
  recents: 'serviceId, viewedAt',
} as const;

/**
 * Version 3: the compact start-up form beside each chunk. No upgrade step: a device coming from v2
 * has none, and the finder asks the sync worker to build the missing rows (the same as after a
 * STARTUP_FORM_VERSION change).
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  startupChunks: 'path, town',
} as const;

/** Version 4: the owned files (rules, offices, programmes published by their owners), one row per file. */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  ownedFiles: 'path',
} as const;

export const CURRENT_DB_VERSION = 4;

/** Opens (lazily) the database with every version declared. `name` is for tests. */
export function createDb(name: string = DB_NAME): DgNearbyDb {
  const db = new Dexie(name) as DgNearbyDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      // v1 rows written by early builds may lack a timestamp; the new index skips such rows,
      // so give them one (epoch: they sort as oldest) instead of silently hiding them.
      const epoch = new Date(0).toISOString();
      await tx
        .table<FavouriteRow, string>('favourites')
        .toCollection()
        .modify((row) => {
          if (typeof row.addedAt !== 'string') row.addedAt = epoch;
        });
      await tx
        .table<RecentRow, string>('recents')
        .toCollection()
        .modify((row) => {
          if (typeof row.viewedAt !== 'string') row.viewedAt = epoch;
        });
    });
  db.version(3).stores(SCHEMA_V3);
  db.version(4)
    .stores(SCHEMA_V4)
    .upgrade(async (tx) => {
      // Files that may be owned files were synced before v4 without being kept: forget their checksums,
      // so the next feed version fetches and stores them.
      await tx
        .table<FeedMetaRow, string>('feedMeta')
        .toCollection()
        .modify((meta) => {
          for (const path of Object.keys(meta.files ?? {})) if (mayBeOwnedFile(path)) delete meta.files![path];
        });
    });
  // Another tab (or a new app version) wants a newer schema: let it, and reload to pick it up.
  db.on('versionchange', () => {
    db.close();
    if (typeof location !== 'undefined' && typeof document !== 'undefined') location.reload();
    return false;
  });
  return db;
}

let shared: DgNearbyDb | undefined;

/** The app-wide database connection (one per JS context: page or worker). */
export function getDb(): DgNearbyDb {
  shared ??= createDb();
  return shared;
}

/** Tests only: replace or reset the shared connection. */
export function setDbForTests(db: DgNearbyDb | undefined): void {
  setStoreNameForTests(db?.name ?? DB_NAME);
  shared = db;
}

