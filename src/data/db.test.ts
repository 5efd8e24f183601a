import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_DB_VERSION, SCHEMA_V1, SCHEMA_V3, createDb } from './db.ts';

const names: string[] = [];
const freshName = () => {
  const name = `db-test-${names.length}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
};

afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('dg-nearby database schema', () => {
  it('upgrades a version 1 database holding favourites, recents and settings without losing them', async () => {
    const name = freshName();
    // What a device that installed the first release has on disk.
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('favourites').bulkPut([
      { serviceId: 's-1', addedAt: '2026-01-02T00:00:00.000Z' },
      { serviceId: 's-2' }, // an early build forgot the timestamp
      { serviceId: 's-3', addedAt: '2026-03-01T00:00:00.000Z' },
    ]);
    await v1.table('recents').put({ serviceId: 's-9', viewedAt: '2026-02-01T00:00:00.000Z' });
    await v1.table('settings').put({ key: 'feedUrl', value: 'https://example.org/feed/' });
    v1.close();

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_DB_VERSION);
    expect(CURRENT_DB_VERSION).toBeGreaterThan(1);
    expect((await db.favourites.toArray()).map((f) => f.serviceId).sort()).toEqual(['s-1', 's-2', 's-3']);
    // the new addedAt index lists all three, newest first, the untimed one last
    const ordered = await db.favourites.orderBy('addedAt').reverse().primaryKeys();
    expect(ordered).toEqual(['s-3', 's-1', 's-2']);
    expect(await db.recents.orderBy('viewedAt').primaryKeys()).toEqual(['s-9']);
    expect((await db.settings.get('feedUrl'))?.value).toBe('https://example.org/feed/');
    db.close();
  });

  it('v3 → v4: forgets the checksums of files that may be owned files, so the next version fetches and keeps them', async () => {
    const name = freshName();
    const v3 = new Dexie(name);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    const sha = 'a'.repeat(64);
    await v3.table('feedMeta').put({
      id: 'meta',
      version: 'v1',
      files: { 'towns.geojson': sha, 'programmes.json': sha, 'offices.json': sha, 'enrolment-2027.json': sha, 'holidays.json': sha },
    });
    v3.close();
    const db = createDb(name);
    await db.open();
    expect((await db.feedMeta.get('meta'))?.files).toEqual({ 'towns.geojson': sha, 'holidays.json': sha });
    expect(await db.ownedFiles.count()).toBe(0);
    db.close();
  });

  it('creates every table with string primary keys on a fresh device', async () => {
    const db = createDb(freshName());
    await db.open();
    const tables = db.tables.map((t) => t.name).sort();
    expect(tables).toEqual(
      ['availability', 'favourites', 'feedMeta', 'ownedFiles', 'programmes', 'recents', 'serviceChunks', 'settings', 'startupChunks', 'towns'].sort(),
    );
    for (const t of db.tables) expect(t.schema.primKey.auto).toBe(false);
    db.close();
  });
});
