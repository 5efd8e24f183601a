/**
 * What the sync worker does, as one API (served by sync.worker.ts through the worker bridge; run on
 * the page when no worker starts): a feed sync with progress reports, and the start-up form rebuild.
 */
import { getDb } from './db.ts';
import { fastValidateServiceRecord } from './fast-record-check.ts';
import { rebuildStartupForms } from './startup-rebuild.ts';
import { runSync, type ChunkHelper, type SyncProgress, type SyncResult } from './sync-engine.ts';
import { loadTrustPolicy } from './feed-trust.ts';
import { connectWorker, type WorkerConnection } from '../lib/worker-bridge.ts';

export interface SyncApi {
  sync(feedUrl: string, force: boolean, onProgress: (p: SyncProgress) => void): Promise<SyncResult>;
  /** Builds the start-up rows that are missing or out of date; resolves with how many were written. */
  rebuildStartupRows(): Promise<number>;
}

// Progress can fire thousands of times at scale. Each report is a task on the page's main thread, which on a
// two-core phone competes with this worker for a core: a new phase goes at once, otherwise one report per 250 ms
// (the page's progress bar shows no more than that either).
const PROGRESS_INTERVAL_MS = 250;

export function createSyncApi(): SyncApi {
  return {
    async sync(feedUrl, force, onProgress) {
      let last = 0;
      let lastPhase: SyncProgress['phase'] | null = null;
      const db = getDb();
      // Started once the manifest says there are chunks to fetch: they load while the chunks download.
      const helpers: WorkerConnection<ChunkHelper>[] = [];
      try {
        return await runSync({
          feedUrl,
          force,
          db,
          // The keys this build trusts (issue 23); the official address resolved as the page resolves it.
          trust: await loadTrustPolicy(db, globalThis.location?.href ?? 'http://localhost/', import.meta.env.VITE_FEED_KEYS as string | undefined),
          // Hand-written check on the hot path; valibot decides (and words) only the rejects: one verdict.
          validateRecord: fastValidateServiceRecord,
          chunkHelper: () => {
            const helper = startChunkHelper();
            if (helper) helpers.push(helper);
            return helper?.api;
          },
          // One per core up to three: with two or more this thread only downloads, hands out and stores (issue 26).
          helperCount: Math.min(3, Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1)),
          onProgress: (progress) => {
            const t = performance.now();
            if (progress.phase !== lastPhase || progress.done === progress.total || t - last >= PROGRESS_INTERVAL_MS) {
              last = t;
              lastPhase = progress.phase;
              onProgress(progress);
            }
          },
        });
      } finally {
        for (const helper of helpers) helper.terminate();
      }
    },
    rebuildStartupRows: () => rebuildStartupForms(getDb()),
  };
}

/**
 * A worker that opens chunks beside this thread (chunk-check.worker.ts). If it cannot start, its calls fail
 * and the other helpers or the sync open its chunks (sync-engine.ts), so there is no fallback to run.
 */
function startChunkHelper(): WorkerConnection<ChunkHelper> | null {
  if (typeof Worker !== 'function') return null;
  const connection = connectWorker<ChunkHelper>(
    () => new Worker(new URL('./chunk-check.worker.ts', import.meta.url), { type: 'module', name: 'chunk-check' }),
    () => Promise.reject(new Error('chunk helper did not start')),
  );
  connection.mode.catch(() => undefined); // a helper that never started is not an error: the sync does the work
  return connection;
}
