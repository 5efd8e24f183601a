/**
 * Is the app's own server reachable right now? `navigator.onLine` alone is not enough: phones behind a
 * captive portal or on dead Wi-Fi say "online", and some Chromium builds still say so after an emulated
 * offline reload. So the outcome of the app's own requests (the feed sync and the availability poll)
 * decides as well: a request that got no answer marks the network unreachable, any answer from the
 * server clears it. The browser's `offline` event still counts at once; its `online` event only
 * forgets the last failure (the next request will tell).
 */
import { createStore } from '../lib/create-store.ts';

export type RequestOutcome = 'answered' | 'no-answer';

let browserOnline = typeof navigator === 'undefined' || navigator.onLine !== false;
let lastOutcome: RequestOutcome | null = null;
/** The state lives in the two variables above; the store only says when to read them again. */
const changes = createStore<null>(null);
const notify = changes.notify;
let listening = false;

function listenToBrowser(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('offline', () => {
    browserOnline = false;
    notify();
  });
  window.addEventListener('online', () => {
    browserOnline = true;
    lastOutcome = null;
    notify();
  });
}

/** True when the browser says offline or the app's last request got no answer. */
export function isNetworkOffline(): boolean {
  return !browserOnline || lastOutcome === 'no-answer';
}

export function subscribeNetworkStatus(fn: () => void): () => void {
  listenToBrowser();
  return changes.subscribe(fn);
}

/** Called by the sync and the availability poller after each request to the feed's server. */
export function reportRequestOutcome(outcome: RequestOutcome): void {
  if (outcome === 'answered') browserOnline = true; // the server answered: whatever the browser said, we are online
  if (outcome === lastOutcome) return;
  lastOutcome = outcome;
  notify();
}

/** Test hook: back to "nothing known yet". */
export function resetNetworkStatus(online = true): void {
  browserOnline = online;
  lastOutcome = null;
  notify();
}
