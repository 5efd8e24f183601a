import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './db.ts';
import { setStoreNameForTests, storeMayExist } from './store-exists.ts';

const name = `store-exists-${Math.random().toString(36).slice(2)}`;
afterEach(async () => {
  await Dexie.delete(name);
});

describe('storeMayExist', () => {
  it('says no before the database is created, without creating it, and yes once it exists', async () => {
    setStoreNameForTests(name);
    expect(await storeMayExist()).toBe(false);
    expect(await storeMayExist()).toBe(false); // asking did not create it
    expect((await indexedDB.databases()).some((db) => db.name === name)).toBe(false);
    const db = createDb(name);
    await db.open();
    expect(await storeMayExist()).toBe(true);
    db.close();
  });

  it('says "maybe" (yes) where the browser cannot list its databases', async () => {
    setStoreNameForTests(name);
    const databases = indexedDB.databases;
    (indexedDB as { databases?: unknown }).databases = undefined;
    try {
      expect(await storeMayExist()).toBe(true);
    } finally {
      indexedDB.databases = databases;
    }
  });
});
