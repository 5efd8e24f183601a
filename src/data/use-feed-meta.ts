/** React bindings for the stored feed metadata; re-reads when a new feed version lands. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { META_ID, getDb, type FeedMetaRow } from './db.ts';
import { storeMayExist } from './store-exists.ts';
import { getSyncStatus, subscribeSyncStatus } from './sync.ts';
import { useFeedRevision } from './use-feed-revision.ts';

/**
 * The feedMeta row: undefined while loading, null when the store has never been synced.
 * Re-queried after every sync (the worker's writes come from another JS context).
 */
export function useFeedMeta(): FeedMetaRow | null | undefined {
  const revision = useFeedRevision();
  const lastResult = useSyncExternalStore(subscribeSyncStatus, () => getSyncStatus().lastResult);
  // Before the first sync there is no database: null without creating it here (the sync worker does).
  return useLiveQuery(async () => ((await storeMayExist()) ? ((await getDb().feedMeta.get(META_ID)) ?? null) : null), [revision, lastResult]);
}
