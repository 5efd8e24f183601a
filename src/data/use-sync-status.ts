/** React bindings for the sync status (the only React in src/data lives in use-*.ts files). */
import { useStore } from '../lib/create-store.ts';
import { getSyncStatus, subscribeSyncStatus, type SyncStatus } from './sync.ts';

/** Current sync status: running, firstRun, progress {phase, done, total}, lastResult. */
export function useSyncStatus(): SyncStatus {
  return useStore({ get: getSyncStatus, subscribe: subscribeSyncStatus });
}

const firstDownload = { get: () => getSyncStatus().running && getSyncStatus().firstRun, subscribe: subscribeSyncStatus };

/** True while the very first download runs (nothing stored yet). Re-renders only when that changes, not per progress step. */
export function useFirstDownloadRunning(): boolean {
  return useStore(firstDownload);
}
