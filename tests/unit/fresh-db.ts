/** One fresh, uniquely named Dexie database per test (fake-indexeddb in unit tests), closed and deleted after it. */
import Dexie from 'dexie';
import { afterEach, beforeEach } from 'vitest';
import { createDb, type DgNearbyDb } from '../../src/data/db.ts';

export function useFreshDb(prefix: string, onOpen: (db: DgNearbyDb) => void): void {
  let db: DgNearbyDb | null = null;
  let name = '';
  beforeEach(async () => {
    name = `${prefix}-${Math.random().toString(36).slice(2)}`;
    db = createDb(name);
    await db.open();
    onOpen(db);
  });
  afterEach(async () => {
    db?.close();
    db = null;
    await Dexie.delete(name);
  });
}
