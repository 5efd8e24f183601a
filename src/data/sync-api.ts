/**
 * What the sync worker does, as one API (served by sync.worker.ts through the worker bridge; run on
 * the page when no worker starts): a feed sync with progress reports, and the start-up form rebuild.
 */
import { getDb } from './db.ts';
import { fastValidateServiceRecord } from './fast-record-check.ts';
import { rebuildStartupForms } from './startup-rebuild.ts';
import { runSync, type ChunkHelper, type SyncProgress, type SyncResult } from './sync-engine.ts';
import type { ChunkEntry } from './feed-structure.ts';
import { loadTrustPolicy } from './feed-trust.ts';
import { connectWorker, type WorkerConnection } from '../lib/worker-bridge.ts';

export interface SyncApi {
  sync(feedUrl: string, force: boolean, onProgress: (p: SyncProgress) => void): Promise<SyncResult>;
  /** Builds the start-up rows that are missing or out of date; resolves with how many were written. */
  rebuildStartupRows(): Promise<number>;
}

// Progress can fire thousands of times at scale. Each report is a few tasks on the page's main thread (the message,
// the bar's render, a frame), which on a two-core phone compete with this worker for a core: the first report goes
// at once, then one per 250 ms whatever the phase (a small feed passes through all five phases in well under a
// second; the bar need not show each). The sync's result ends the bar.
const PROGRESS_INTERVAL_MS = 250;

/**
 * At most one report per PROGRESS_INTERVAL_MS: the first at once, a later one when its interval ends, carrying the
 * newest progress (a download held up by the network still shows its phase once the interval is over).
 */
export function throttledProgress(onProgress: (p: SyncProgress) => void) {
  let last = -Infinity;
  let pending: SyncProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = (p: SyncProgress) => {
    last = performance.now();
    pending = null;
    onProgress(p);
  };
  return {
    report(p: SyncProgress) {
      const wait = PROGRESS_INTERVAL_MS - (performance.now() - last);
      if (wait <= 0) return send(p);
      pending = p;
      timer ??= setTimeout(() => {
        timer = undefined;
        if (pending) send(pending);
      }, wait);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

export function createSyncApi(): SyncApi {
  return {
    async sync(feedUrl, force, onProgress) {
      const progress = throttledProgress(onProgress);
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
          chunkHelper: (toFetch) => {
            if (!worthChunkHelpers(toFetch)) return undefined;
            const helper = startChunkHelper();
            if (helper) helpers.push(helper);
            return helper?.api;
          },
          // One per core up to three: with two or more this thread only downloads, hands out and stores (issue 26).
          helperCount: Math.min(3, Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1)),
          onProgress: progress.report,
        });
      } finally {
        progress.stop();
        for (const helper of helpers) helper.terminate();
      }
    },
    rebuildStartupRows: () => rebuildStartupForms(getDb()),
  };
}

/**
 * Below this many records to check, the sync worker opens the chunks alone: starting helper workers (a thread, its
 * code, its module evaluation each) costs more than they save, and on a two-core phone more busy threads slow the
 * page's own tasks while the first download runs (the sample feed, 3,300 records in 2 MB, is checked in about 20 ms).
 */
const HELPERS_MIN_RECORDS = 20_000;

export function worthChunkHelpers(toFetch: readonly ChunkEntry[]): boolean {
  return toFetch.reduce((n, chunk) => n + chunk.count, 0) >= HELPERS_MIN_RECORDS;
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
