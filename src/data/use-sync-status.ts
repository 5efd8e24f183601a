/** React bindings for the sync status (the only React in src/data lives in use-*.ts files). */
import { useStoreInTransition } from '../lib/create-store.ts';
import { getSyncStatus, subscribeSyncStatus, type SyncStatus } from './sync.ts';

// Progress arrives while the page is in use: each step re-renders in a transition, never as one long task.
const syncStatus = { get: getSyncStatus, subscribe: subscribeSyncStatus };

/** Current sync status: running, firstRun, progress {phase, done, total}, lastResult. */
export function useSyncStatus(): SyncStatus {
  return useStoreInTransition(syncStatus);
}

const firstDownload = { get: () => getSyncStatus().running && getSyncStatus().firstRun, subscribe: subscribeSyncStatus };

/** True while the very first download runs (nothing stored yet). Re-renders only when that changes, not per progress step. */
export function useFirstDownloadRunning(): boolean {
  return useStoreInTransition(firstDownload);
}
