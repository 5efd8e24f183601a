/**
 * The page's way to the sync worker, through the app's worker bridge: one worker per job, ended when the
 * job is. A chunk of its own, loaded when a sync starts, so the first screen carries no bridge code.
 * Without a worker the same API runs on the page.
 */
import { callback, connectWorker, type WorkerConnection } from '../lib/worker-bridge.ts';
import type { SyncApi } from './sync-api.ts';
import type { SyncProgress, SyncResult } from './sync-engine.ts';

function connect(): WorkerConnection<SyncApi> {
  return connectWorker<SyncApi>(
    () => new Worker(new URL('./sync.worker.ts', import.meta.url), { type: 'module' }),
    () => import('./sync-api.ts').then((m) => m.createSyncApi()),
  );
}

/** Runs one sync; a worker that crashes mid-way gives a failed result (the stored version is untouched). */
export async function syncInWorker(feedUrl: string, force: boolean, onProgress: (p: SyncProgress) => void): Promise<SyncResult> {
  const connection = connect();
  try {
    return await connection.api.sync(feedUrl, force, callback(onProgress));
  } catch (err) {
    return {
      status: 'failed',
      error: { code: 'unknown', message: err instanceof Error ? err.message : 'sync worker crashed' },
      previousVersion: null,
      durationMs: 0,
    };
  } finally {
    connection.terminate();
  }
}

/** Builds the compact start-up rows that are missing or out of date, in a worker. */
export async function rebuildStartupRowsInWorker(): Promise<number> {
  const connection = connect();
  try {
    return await connection.api.rebuildStartupRows();
  } finally {
    connection.terminate();
  }
}
