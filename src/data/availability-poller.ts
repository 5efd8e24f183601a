/**
 * Live availability for the app: `startAvailabilityPolling()` / `stopAvailabilityPolling()`, which the
 * shell calls. The poll loop (availability-poll-loop.ts: fetch, parse, validate ~3,300 items, diff,
 * Dexie write) runs in a module worker (availability-poll.worker.ts) so it never blocks the page; the
 * page only forwards online/visibility changes and "a new feed landed". Without Worker support, or
 * when a test injects dependencies, the loop runs here as before. The Dexie store and the fault
 * counters live in availability-store.ts (re-exported here for existing callers).
 */
import { createAvailabilityPoller, type AvailabilityPoller, type PollerDeps, type PollOutcome } from './availability-poll-loop.ts';
import { createDexieAvailabilityStore } from './availability-store.ts';
import { onFeedChanged } from './feed-events.ts';
import { reportRequestOutcome } from './network-status.ts';
import type { PollWorkerMessage, PollWorkerReply } from './availability-poll.worker.ts';

export { FAULTS_KEY, createDexieAvailabilityStore, emptyFaults, readFaults, type AvailabilityFaults } from './availability-store.ts';

let poller: AvailabilityPoller | null = null;
let unsubscribeFeed: (() => void) | null = null;

/** The page side of the poll worker, shaped like the in-page poller. */
function createWorkerPoller(): AvailabilityPoller {
  const worker = new Worker(new URL('./availability-poll.worker.ts', import.meta.url), { type: 'module', name: 'availability-poll' });
  const post = (m: PollWorkerMessage) => worker.postMessage(m);
  const envNow = () => ({
    online: typeof navigator === 'undefined' || navigator.onLine !== false,
    visible: typeof document === 'undefined' || document.visibilityState !== 'hidden',
  });
  let running = false;
  let lastState: ReturnType<AvailabilityPoller['state']> = { failures: 0, pollSeconds: 60, etag: null, running: false, nextDelayMs: null };
  let seq = 0;
  const pending = new Map<number, (o: PollOutcome) => void>();
  worker.addEventListener('message', (e: MessageEvent<PollWorkerReply>) => {
    const m = e.data;
    lastState = m.state;
    if (m.type === 'outcome') reportPollOutcome(m.outcome);
    if (m.type === 'polled') {
      pending.get(m.id)?.(m.outcome);
      pending.delete(m.id);
    }
  });
  const forward = () => post({ type: 'env', ...envNow() });
  return {
    start() {
      if (running) return;
      running = true;
      window.addEventListener('online', forward);
      window.addEventListener('offline', forward);
      document.addEventListener('visibilitychange', forward);
      post({ type: 'start', pageBase: location.href, ...envNow() });
    },
    stop() {
      running = false;
      window.removeEventListener('online', forward);
      window.removeEventListener('offline', forward);
      document.removeEventListener('visibilitychange', forward);
      post({ type: 'stop' });
      worker.terminate();
      for (const resolve of pending.values()) resolve({ status: 'skipped', reason: 'busy' });
      pending.clear();
    },
    pollOnce() {
      const id = ++seq;
      return new Promise<PollOutcome>((resolve) => {
        pending.set(id, resolve);
        post({ type: 'poll', id });
      });
    },
    state: () => ({ ...lastState, running }),
  };
}

/** Network status from a poll: no answer at all (network, timeout) or some answer from the server. */
function reportPollOutcome(outcome: PollOutcome): void {
  if (outcome.status === 'skipped') return;
  reportRequestOutcome(outcome.status === 'fault' && (outcome.fault === 'network' || outcome.fault === 'timeout') ? 'no-answer' : 'answered');
}

/**
 * Start polling (idempotent). The shell calls this once at start-up; it may run before the first
 * feed sync has finished — the poller waits for services, and a newly landed feed triggers a poll.
 * With `deps` (tests) the loop runs on this thread with them.
 */
export function startAvailabilityPolling(deps: Partial<PollerDeps> = {}): AvailabilityPoller {
  if (!poller) {
    const inWorker = Object.keys(deps).length === 0 && typeof Worker === 'function' && typeof window !== 'undefined';
    const p = inWorker ? createWorkerPoller() : createAvailabilityPoller({ store: createDexieAvailabilityStore(), onOutcome: reportPollOutcome, ...deps });
    poller = p;
    unsubscribeFeed = onFeedChanged(() => void p.pollOnce());
  }
  poller.start();
  return poller;
}

export function stopAvailabilityPolling(): void {
  poller?.stop();
  poller = null;
  unsubscribeFeed?.();
  unsubscribeFeed = null;
}
