/**
 * Start-up data work, once per page load: load the embedded feed into IndexedDB on first run (with a progress bar)
 * or check for a newer version in the background, and start polling live availability. The sync and the poller
 * are loaded after the first render, so they never delay the first screen.
 */
import { useEffect } from 'react';
import { SyncProgressBar } from '../features/data-status/sync-progress-bar';

let started = false;

export function StartupData() {
  useEffect(() => {
    if (started) return; // StrictMode mounts twice in development
    started = true;
    void import('../data/sync')
      .then(({ ensureFeedLoaded }) => ensureFeedLoaded())
      .catch((error: unknown) => console.error('feed load failed', error));
    void import('../data/availability-poller').then(({ startAvailabilityPolling }) => startAvailabilityPolling());
  }, []);
  return <SyncProgressBar firstRunOnly />;
}
