/**
 * The resident's choice of feed (issue 23): accept an unofficial address after reading what it claims,
 * or go back to the official feed in one tap. Both sync at once; the sync worker decides what is taken.
 */
import { ACCEPTED_SOURCE_KEY, type UnofficialSource } from './db.ts';
import { deleteSetting, setSetting } from './services-repository.ts';
import { syncNow, type SyncResult } from './sync.ts';

export async function acceptUnofficialSource(source: UnofficialSource): Promise<SyncResult> {
  await setSetting(ACCEPTED_SOURCE_KEY, { url: source.url, keyId: source.keyId });
  return syncNow();
}

export async function returnToOfficialFeed(): Promise<SyncResult> {
  await deleteSetting('feedUrl');
  await deleteSetting(ACCEPTED_SOURCE_KEY);
  return syncNow();
}
