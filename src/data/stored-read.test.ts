import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_V1, SCHEMA_V2, createDb, setDbForTests, type DgNearbyDb } from './db.ts';
import type { ServiceRecord } from './feed-schema.ts';
import { serviceRecord } from '../../tests/unit/service-record.ts';
import { buildStartupChunk } from './startup-form.ts';
import { setStoreNameForTests } from './store-exists.ts';
import { META_ID, getFeedMeta, getSetting, listStoredChunks, readChunk, readStartupRows } from './stored-read.ts';

const name = `stored-read-${Math.random().toString(36).slice(2)}`;
const exists = async () => (await indexedDB.databases()).some((db) => db.name === name);

afterEach(async () => {
  setDbForTests(undefined);
  await Dexie.delete(name);
});

const record = (id: string): ServiceRecord => serviceRecord(id, 'clinic');

async function storedFeed(): Promise<DgNearbyDb> {
  const db = createDb(name);
  setDbForTests(db);
  const a = [record('a1'), record('a2')];
  const bytes = new TextEncoder().encode(JSON.stringify({ services: [record('b1')] }));
  const gzip = new Uint8Array(gzipSync(JSON.stringify({ services: [record('c1'), record('c2')] })));
  await db.serviceChunks.bulkPut([
    { path: 'services/a.json', town: '441900003', sha256: 'aa', version: 'v1', records: a },
    { path: 'services/b.json', town: '441900004', sha256: 'bb', version: 'v1', fileBytes: bytes },
    { path: 'services/c.json', town: '441900005', sha256: 'cc', version: 'v1', gzipBytes: gzip },
  ]);
  await db.startupChunks.put(buildStartupChunk({ path: 'services/a.json', town: '441900003', sha256: 'aa', records: a }));
  await db.feedMeta.put({
    id: META_ID,
    version: 'v1',
    chunks: {
      'services/b.json': { path: 'services/b.json', town: '441900004', sha256: 'bb', count: 1 },
      'services/a.json': { path: 'services/a.json', town: '441900003', sha256: 'aa', count: 2 },
    },
  } as never);
  await db.settings.put({ key: 'feedUrl', value: 'https://example.org/feed/' });
  return db;
}

describe('stored-read (IndexedDB without Dexie)', () => {
  it('reads nothing and creates nothing when there is no database, even where the browser cannot list databases', async () => {
    setStoreNameForTests(name);
    const databases = indexedDB.databases;
    (indexedDB as { databases?: unknown }).databases = undefined; // storeMayExist says "maybe": the open itself must not create it
    try {
      expect(await getFeedMeta()).toBeUndefined();
      expect(await listStoredChunks()).toBeNull();
      expect(await readStartupRows(['services/a.json'])).toEqual([undefined]);
      expect(await getSetting('feedUrl')).toBeUndefined();
    } finally {
      indexedDB.databases = databases;
    }
    expect(await exists()).toBe(false);
  });

  it('reads the rows Dexie wrote: metadata, chunk list, start-up rows, chunks in each stored form, settings', async () => {
    const db = await storedFeed();
    db.close(); // nothing of Dexie is open on the page
    expect((await getFeedMeta())?.version).toBe('v1');
    expect((await listStoredChunks())?.map((c) => c.path)).toEqual(['services/b.json', 'services/a.json']);
    const [row, missing] = await readStartupRows(['services/a.json', 'services/none.json']);
    expect(row?.path).toBe('services/a.json');
    expect(missing).toBeUndefined();
    expect((await readChunk('services/a.json'))?.records.map((r) => r.id)).toEqual(['a1', 'a2']);
    expect((await readChunk('services/b.json'))?.records.map((r) => r.id)).toEqual(['b1']);
    const gzipped = await readChunk('services/c.json');
    expect(gzipped?.records.map((r) => r.id)).toEqual(['c1', 'c2']);
    expect(gzipped).not.toHaveProperty('gzipBytes');
    expect(await readChunk('services/none.json')).toBeUndefined();
    expect(await getSetting('feedUrl')).toBe('https://example.org/feed/');
  });

  it('gives its connection up when the database is deleted or upgraded (a blocked deletion would time out)', async () => {
    const db = await storedFeed();
    db.close();
    expect((await getFeedMeta())?.version).toBe('v1'); // the reader's connection is open now
    await Dexie.delete(name);
    expect(await getFeedMeta()).toBeUndefined();
    expect(await exists()).toBe(false); // reading after the deletion did not create it again
  });

  it('lets Dexie upgrade a database that predates a table, then reads it', async () => {
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2); // before startupChunks existed
    await old.open();
    await old.table('settings').put({ key: 'feedUrl', value: 'kept' });
    old.close();
    setDbForTests(createDb(name));
    expect(await getSetting('feedUrl')).toBe('kept'); // read without Dexie at version 2
    expect(await readStartupRows(['services/a.json'])).toEqual([undefined]); // Dexie upgraded it to read this
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect([...upgraded.objectStoreNames]).toContain('startupChunks');
    upgraded.close();
    expect(await getSetting('feedUrl')).toBe('kept'); // the user's rows survived the upgrade
  });
});
