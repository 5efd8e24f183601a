/**
 * "A new feed version landed" signal, without React. The sync fires it in the tab that ran the sync;
 * a BroadcastChannel carries it to other open tabs so their in-memory indexes reload too.
 */
type Listener = (version: string | null) => void;

const listeners = new Set<Listener>();
const CHANNEL = 'dg-nearby-feed';
let channel: BroadcastChannel | null | undefined;
let revision = 0;

function getChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    channel?.addEventListener('message', (e: MessageEvent) => {
      const version = typeof e.data?.version === 'string' ? (e.data.version as string) : null;
      notify(version);
    });
  }
  return channel;
}

function notify(version: string | null): void {
  revision++;
  for (const fn of [...listeners]) fn(version);
}

/** Subscribes to feed changes; returns the unsubscribe function. */
export function onFeedChanged(fn: Listener): () => void {
  getChannel();
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Increases each time a new feed version is committed (in this tab or another). */
export function getFeedRevision(): number {
  return revision;
}

/** Called by the sync after a commit. */
export function emitFeedChanged(version: string | null): void {
  notify(version);
  getChannel()?.postMessage({ version });
}
