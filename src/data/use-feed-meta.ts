/** React binding for the stored feed metadata; re-reads when a new feed version lands or a sync ends. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { FeedMetaRow } from './db.ts';
import { getFeedMeta } from './stored-read.ts';
import { getSyncStatus, subscribeSyncStatus } from './sync.ts';
import { useFeedRevision } from './use-feed-revision.ts';

/**
 * The feedMeta row: undefined while loading, null when the store has never been synced. Only a sync writes it (in
 * its worker, this tab's or another's), so it is read again after each: a new feed revision, or this tab's sync
 * ending (a check without a new version, a failure). No Dexie live query: this runs right after the first download.
 */
export function useFeedMeta(): FeedMetaRow | null | undefined {
  const revision = useFeedRevision();
  const lastResult = useSyncExternalStore(subscribeSyncStatus, () => getSyncStatus().lastResult);
  const [meta, setMeta] = useState<FeedMetaRow | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    getFeedMeta().then(
      (row) => current && setMeta(row ?? null),
      () => current && setMeta(null),
    );
    return () => {
      current = false;
    };
  }, [revision, lastResult]);
  return meta;
}
