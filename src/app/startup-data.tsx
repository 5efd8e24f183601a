/**
 * Start-up data work, once per page load: load the embedded feed into IndexedDB on first run (with a progress bar)
 * or check for a newer version in the background, and start polling live availability. The sync and the poller
 * are loaded after the first render, so they never delay the first screen; the poller (a worker) starts only once
 * the first result list is on screen (or after a few seconds on other routes), then in idle time.
 */
import { useEffect } from 'react';
import { SyncProgressBar } from '../features/data-status/sync-progress-bar';
import { whenFirstPainted } from '../lib/first-paint';
import { whenIdle } from '../lib/when-idle';

// The bar is part of the first screen (under 1 KB; the sync-status store is there anyway): a lazy chunk arriving as
// the download starts was one more script to evaluate and a Suspense reveal to commit while the worker ran.

let started = false;

let settle: () => void = () => {};
const settled = new Promise<void>((resolve) => (settle = resolve));
/** Longest wait for the first download before work that waits for it goes ahead anyway (a stalled network). */
const SETTLE_WAIT_MS = 30_000;

/**
 * Resolves once the start-up sync has stored the feed or failed (at once on later visits, where it runs in the
 * background). The service worker's precache waits for it: on a two-core phone, downloading and storing the data
 * the app needs offline comes first, and two downloads at once slow the page's every task.
 */
export function whenStartupDataSettled(): Promise<void> {
  return Promise.race([settled, new Promise<void>((resolve) => setTimeout(resolve, SETTLE_WAIT_MS))]);
}

/** Longest wait for the finder's `first-results` mark before starting anyway (other routes never set it). */
const FIRST_SCREEN_WAIT_MS = 3000;

function afterFirstScreen(run: () => void): void {
  let done = false;
  let observer: PerformanceObserver | undefined;
  const go = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    clearTimeout(timer);
    whenIdle(run, 2000);
  };
  const timer = setTimeout(go, FIRST_SCREEN_WAIT_MS);
  if (performance.getEntriesByName('first-results').length > 0) return go();
  try {
    observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => e.name === 'first-results')) go();
    });
    observer.observe({ type: 'mark' });
  } catch {
    /* no PerformanceObserver: the timer starts it */
  }
}

export function StartupData() {
  useEffect(() => {
    if (started) return; // StrictMode mounts twice in development
    started = true;
    // The sync's worker and downloads start in the first quiet moment after the first screen is painted.
    void whenFirstPainted().then(() =>
      whenIdle(() => {
        void import('../data/sync')
          .then(({ ensureFeedLoaded }) => ensureFeedLoaded())
          .catch((error: unknown) => console.error('feed load failed', error))
          .finally(settle);
      }, 1000),
    );
    afterFirstScreen(() => {
      void import('../data/availability-poller').then(({ startAvailabilityPolling }) => startAvailabilityPolling());
    });
  }, []);
  // Renders nothing until the first download runs.
  return <SyncProgressBar firstRunOnly />;
}
