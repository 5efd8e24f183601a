/** React binding for the feed-change signal (no Dexie: the first screen uses it). */
import { useSyncExternalStore } from 'react';
import { getFeedRevision, onFeedChanged } from './feed-events.ts';

const subscribeRevision = (fn: () => void) => onFeedChanged(() => fn());

/**
 * Increases whenever a new feed version is committed (this tab or another). Features put it in an
 * effect's dependencies to reload services: `useEffect(() => { void loadAllServices().then(…) }, [rev])`.
 */
export function useFeedRevision(): number {
  return useSyncExternalStore(subscribeRevision, getFeedRevision, getFeedRevision);
}
