/** React bindings for the stored feed metadata; re-reads when a new feed version lands. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { META_ID, getDb, type FeedMetaRow } from './db.ts';
import { getFeedRevision, onFeedChanged } from './feed-events.ts';
import { getSyncStatus, subscribeSyncStatus } from './sync.ts';

const subscribeRevision = (fn: () => void) => onFeedChanged(() => fn());

/**
 * Increases whenever a new feed version is committed (this tab or another). Features put it in an
 * effect's dependencies to reload services: `useEffect(() => { void loadAllServices().then(…) }, [rev])`.
 */
export function useFeedRevision(): number {
  return useSyncExternalStore(subscribeRevision, getFeedRevision, getFeedRevision);
}

/**
 * The feedMeta row: undefined while loading, null when the store has never been synced.
 * Re-queried after every sync (the worker's writes come from another JS context).
 */
export function useFeedMeta(): FeedMetaRow | null | undefined {
  const revision = useFeedRevision();
  const lastResult = useSyncExternalStore(subscribeSyncStatus, () => getSyncStatus().lastResult);
  return useLiveQuery(async () => (await getDb().feedMeta.get(META_ID)) ?? null, [revision, lastResult]);
}
