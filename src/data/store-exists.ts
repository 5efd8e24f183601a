/**
 * Whether the app's database may exist yet, asked without Dexie. On a first visit it does not: the page then reads
 * nothing, and neither loads Dexie nor creates the database (its upgraders are main-thread work a slow phone feels
 * right after the first paint); the sync worker creates it. Browsers without indexedDB.databases() answer "maybe".
 */
export const DB_NAME = 'dg-nearby';

let storeName = DB_NAME;
let exists = false;

/** Tests only (through setDbForTests): the app's database is another one for now. */
export function setStoreNameForTests(name: string): void {
  storeName = name;
  exists = false;
}

/** The database's name (another one in tests). */
export function currentStoreName(): string {
  return storeName;
}

export async function storeMayExist(): Promise<boolean> {
  if (exists) return true;
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return (exists = true);
    exists = (await indexedDB.databases()).some((db) => db.name === storeName);
    return exists;
  } catch {
    return true; // cannot tell: open it and let that say what is wrong
  }
}
