/**
 * The resident's choice of feed (issue 23): accept an unofficial address after reading what it claims,
 * or go back to the official feed in one tap. Both sync at once; the sync worker decides what is taken.
 * The trust banner shows on every page right after a download: the repository (and Dexie under it) is loaded only
 * when the resident taps.
 */
import type { UnofficialSource } from './db.ts';
import { ACCEPTED_SOURCE_KEY } from './stored-read.ts';
import { syncNow, type SyncResult } from './sync.ts';

const repository = () => import('./services-repository.ts');

export async function acceptUnofficialSource(source: UnofficialSource): Promise<SyncResult> {
  await (await repository()).setSetting(ACCEPTED_SOURCE_KEY, { url: source.url, keyId: source.keyId });
  return syncNow();
}

export async function returnToOfficialFeed(): Promise<SyncResult> {
  const { deleteSetting } = await repository();
  await deleteSetting('feedUrl');
  await deleteSetting(ACCEPTED_SOURCE_KEY);
  return syncNow();
}
