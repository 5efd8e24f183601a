/**
 * "A new feed version landed" signal, without React. The sync fires it in the tab that ran the sync;
 * a BroadcastChannel carries it to other open tabs so their in-memory indexes reload too.
 */
import { createStore } from '../lib/create-store.ts';

type Listener = (version: string | null) => void;

/** The last change seen: a new object each time, so every change reaches the listeners. */
const changes = createStore<{ revision: number; version: string | null }>({ revision: 0, version: null });
const CHANNEL = 'dg-nearby-feed';
let channel: BroadcastChannel | null | undefined;

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
  changes.set((previous) => ({ revision: previous.revision + 1, version }));
}

/** Subscribes to feed changes; returns the unsubscribe function. */
export function onFeedChanged(fn: Listener): () => void {
  getChannel();
  return changes.subscribe(() => fn(changes.get().version));
}

/** Increases each time a new feed version is committed (in this tab or another). */
export function getFeedRevision(): number {
  return changes.get().revision;
}

/** Called by the sync after a commit. */
export function emitFeedChanged(version: string | null): void {
  notify(version);
  getChannel()?.postMessage({ version });
}
