/** React binding for the feed-change signal (no Dexie: the first screen uses it). */
import { useStoreInTransition } from '../lib/create-store.ts';
import { getFeedRevision, onFeedChanged } from './feed-events.ts';

// Views reload their data when it changes: that re-render runs in a transition, never as one long task right after
// a sync.
const revision = { get: getFeedRevision, subscribe: (fn: () => void) => onFeedChanged(() => fn()) };

/**
 * Increases whenever a new feed version is committed (this tab or another). Features put it in an
 * effect's dependencies to reload services: `useEffect(() => { void loadAllServices().then(…) }, [rev])`.
 */
export function useFeedRevision(): number {
  return useStoreInTransition(revision);
}
