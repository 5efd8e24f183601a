/** Fresh, uniquely named Dexie databases for tests (fake-indexeddb in unit tests), closed and deleted after use. */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createDb, setDbForTests, type DgNearbyDb } from '../../src/data/db.ts';

export interface FreshDbOptions {
  /** Also install it as the app's database (what the data layer's readers use) while it is open. */
  asAppDb?: boolean;
  /** One database per test (default), or one shared by the whole file. */
  per?: 'test' | 'file';
}

const uniqueName = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;

/**
 * Registers the hooks; call it before the file's own after-hooks so that (Vitest runs after-hooks last
 * registered first) the database is deleted after everything else has let go of it.
 */
export function useFreshDb(prefix: string, onOpen: (db: DgNearbyDb) => unknown, options: FreshDbOptions = {}): void {
  const [before, after] = options.per === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  let db: DgNearbyDb | null = null;
  let name = '';
  before(async () => {
    name = uniqueName(prefix);
    db = createDb(name);
    await db.open();
    if (options.asAppDb) setDbForTests(db);
    await onOpen(db);
  });
  after(async () => {
    if (options.asAppDb) setDbForTests(undefined);
    db?.close();
    db = null;
    await Dexie.delete(name);
  });
}

/** One database for one piece of work (a second device inside a test, a fuzz case), deleted whatever happens. */
export async function withFreshDb<T>(prefix: string, use: (db: DgNearbyDb) => Promise<T>): Promise<T> {
  const name = uniqueName(prefix);
  const db = createDb(name);
  try {
    await db.open();
    return await use(db);
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}
