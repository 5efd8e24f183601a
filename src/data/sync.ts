/**
 * Page-side sync control: starts the sync in a module worker (so a 100k-record import never blocks
 * the UI), relays its progress, and keeps a tiny status store for the progress bar and the
 * Data status panel. One sync at a time; a second start joins the running one.
 */
import { createStore } from '../lib/create-store.ts';
import { emitFeedChanged } from './feed-events.ts';
import { getFeedMeta, getSetting } from './stored-read.ts';
import { effectiveFeedUrl } from './feed-url.ts';
import { reportRequestOutcome, type RequestOutcome } from './network-status.ts';
import type { SyncProgress, SyncResult } from './sync-engine.ts';

export type { SyncProgress, SyncResult } from './sync-engine.ts';

export interface SyncHandle {
  progress: { subscribe(fn: (p: SyncProgress) => void): () => void };
  done: Promise<SyncResult>;
}

export interface SyncStatus {
  running: boolean;
  /** True while the very first import runs (store empty): the shell shows the progress bar. */
  firstRun: boolean;
  progress: SyncProgress | null;
  lastResult: SyncResult | null;
}


const status = createStore<SyncStatus>({ running: false, firstRun: false, progress: null, lastResult: null });
let running: SyncHandle | null = null;

export const getSyncStatus = status.get;
export const subscribeSyncStatus = status.subscribe;

function setStatus(next: Partial<SyncStatus>): void {
  status.set((previous) => ({ ...previous, ...next }));
}

/** Set to false in tests to run the engine on the calling thread. */
export const syncRuntime = { useWorker: typeof Worker === 'function' };

/**
 * Starts a sync of the feed at `feedUrl` (absolute folder URL). If a sync is already running,
 * returns that one.
 */
export function startSync({ feedUrl, force = false, firstRun = false }: { feedUrl: string; force?: boolean; firstRun?: boolean }): SyncHandle {
  if (running) return running;
  const listeners = new Set<(p: SyncProgress) => void>();
  const showProgress = throttledProgress((p) => setStatus({ progress: p }));
  const onProgress = (p: SyncProgress) => {
    showProgress(p);
    for (const fn of [...listeners]) fn(p);
  };
  setStatus({ running: true, firstRun, progress: { phase: 'manifest', done: 0, total: 1 } });
  const done = (syncRuntime.useWorker ? runInWorker(feedUrl, force, onProgress) : runHere(feedUrl, force, onProgress))
    .catch((err: unknown): SyncResult => ({
      status: 'failed',
      error: { code: 'unknown', message: err instanceof Error ? err.message : String(err) },
      previousVersion: null,
      durationMs: 0,
    }))
    .then((result) => {
      running = null;
      const outcome = requestOutcomeOf(result);
      if (outcome) reportRequestOutcome(outcome);
      setStatus({ running: false, firstRun: false, lastResult: result });
      if (result.status === 'updated') emitFeedChanged(result.version);
      return result;
    });
  running = {
    progress: {
      subscribe(fn) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    },
    done,
  };
  return running;
}

/** Longest gap between progress-bar updates: each one re-renders the bar, and on a slow phone 40 of those in a row block input. */
const PROGRESS_EVERY_MS = 250;

/** Passes a new phase through at once and, within a phase, at most one update per PROGRESS_EVERY_MS (always the latest). */
export function throttledProgress(show: (p: SyncProgress) => void): (p: SyncProgress) => void {
  let latest: SyncProgress | null = null;
  let shownPhase: SyncProgress['phase'] | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (latest) show(latest);
    latest = null;
  };
  return (p) => {
    latest = p;
    if (p.phase !== shownPhase) {
      shownPhase = p.phase;
      clearTimeout(timer);
      return flush();
    }
    timer ??= setTimeout(flush, PROGRESS_EVERY_MS);
  };
}

/** What a sync tells about the network: a download that got no answer, or any answer from the server. */
function requestOutcomeOf(result: SyncResult): RequestOutcome | null {
  if (result.status !== 'failed') return 'answered';
  if (result.error.code === 'network') return 'no-answer';
  return ['busy', 'quota', 'unknown'].includes(result.error.code) ? null : 'answered';
}

async function runHere(feedUrl: string, force: boolean, onProgress: (p: SyncProgress) => void): Promise<SyncResult> {
  const { createSyncApi } = await import('./sync-api.ts');
  return createSyncApi().sync(feedUrl, force, onProgress);
}

async function runInWorker(feedUrl: string, force: boolean, onProgress: (p: SyncProgress) => void): Promise<SyncResult> {
  const { syncInWorker } = await import('./sync-connection.ts');
  return syncInWorker(feedUrl, force, onProgress);
}

/** One read of the store (without Dexie), or undefined when there is none yet or it fails. */
async function readStored<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

/** The feed URL in effect: the `feedUrl` setting if valid, else the build-time default. */
export async function resolveFeedUrl(): Promise<string> {
  const setting = await readStored(() => getSetting('feedUrl'));
  return effectiveFeedUrl(setting, location.href);
}

/** Syncs now with the configured feed URL ("sync now" in Data status). */
export async function syncNow(force = false): Promise<SyncResult> {
  return startSync({ feedUrl: await resolveFeedUrl(), force }).done;
}

export type EnsureFeedResult =
  | { firstRun: true; result: SyncResult }
  | { firstRun: false; background: Promise<SyncResult> };

/**
 * Called once by the shell at start-up. Empty store: import the feed now (the shell shows
 * SyncProgressBar meanwhile) and resolve when done. Otherwise: resolve at once and check for a
 * newer version in the background.
 */
export async function ensureFeedLoaded(): Promise<EnsureFeedResult> {
  const hasData = (await readStored(async () => (await getFeedMeta())?.version)) !== undefined;
  const feedUrl = await resolveFeedUrl();
  if (!hasData) {
    const result = await startSync({ feedUrl, firstRun: true }).done;
    return { firstRun: true, result };
  }
  return { firstRun: false, background: startSync({ feedUrl }).done };
}
