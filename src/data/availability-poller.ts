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

let poller: AvailabilityPoller | null = null;

/** What the page needs of a Worker (a fake one in unit tests). */
export type PollWorkerLike = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>;

const newPollWorker = (): PollWorkerLike =>
  new Worker(new URL('./availability-poll.worker.ts', import.meta.url), { type: 'module', name: 'availability-poll' });
const inPagePoller = (): AvailabilityPoller => createAvailabilityPoller({ store: createDexieAvailabilityStore(), onOutcome: reportPollOutcome });

/**
 * The page side of the poll worker, shaped like the in-page poller. If the worker fails to load or
 * crashes, the error is reported (console and `state().workerError`), polls waiting for it are answered
 * by the in-page loop, and that loop carries on in its place.
 */
export function createWorkerPoller(makeWorker: () => PollWorkerLike = newPollWorker, makeFallback: () => AvailabilityPoller = inPagePoller): AvailabilityPoller {
  const post = (m: PollWorkerMessage) => worker?.postMessage(m);
  const envNow = () => ({
    online: typeof navigator === 'undefined' || navigator.onLine !== false,
    visible: typeof document === 'undefined' || document.visibilityState !== 'hidden',
  });
  let running = false;
  let lastState: ReturnType<AvailabilityPoller['state']> = { failures: 0, pollSeconds: 60, etag: null, running: false, nextDelayMs: null };
  let seq = 0;
  const pending = new Map<number, (o: PollOutcome) => void>();
  let fallback: AvailabilityPoller | null = null;
  let workerError: string | undefined;
  const forward = () => post({ type: 'env', ...envNow() });
  const listenPage = (on: boolean) => {
    const method = on ? 'addEventListener' : 'removeEventListener';
    globalThis.window?.[method]('online', forward);
    globalThis.window?.[method]('offline', forward);
    globalThis.document?.[method]('visibilitychange', forward);
  };

  function failOver(reason: string) {
    if (fallback) return;
    workerError = reason;
    console.warn(`availability: poll worker failed (${reason}); polling in the page instead`);
    listenPage(false);
    try {
      worker?.terminate();
    } catch {
      // already gone
    }
    worker = null;
    fallback = makeFallback();
    if (running) fallback.start();
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) void fallback.pollOnce().then(resolve, () => resolve({ status: 'fault', fault: 'network' }));
  }

  let worker: PollWorkerLike | null = null;
  try {
    worker = makeWorker();
  } catch (e) {
    failOver(e instanceof Error ? e.message : String(e));
  }
  worker?.addEventListener('message', (e: MessageEvent<PollWorkerReply>) => {
    const m = e.data;
    lastState = m.state;
    if (m.type === 'outcome') reportPollOutcome(m.outcome);
    if (m.type === 'polled') {
      pending.get(m.id)?.(m.outcome);
      pending.delete(m.id);
    }
  });
  // A module worker that cannot be fetched or parsed fires "error" on the Worker object, nothing else.
  worker?.addEventListener('error', (e: Event) => failOver((e as ErrorEvent).message || 'worker script did not load'));
  worker?.addEventListener('messageerror', () => failOver('message could not be read'));

  return {
    start() {
      if (running) return;
      running = true;
      if (fallback) return fallback.start();
      listenPage(true);
      post({ type: 'start', pageBase: globalThis.location?.href ?? 'http://localhost/', ...envNow() });
    },
    stop() {
      running = false;
      if (fallback) return fallback.stop();
      listenPage(false);
      post({ type: 'stop' });
      worker?.terminate();
      for (const resolve of pending.values()) resolve({ status: 'skipped', reason: 'busy' });
      pending.clear();
    },
    pollOnce() {
      if (fallback) return fallback.pollOnce();
      const id = ++seq;
      return new Promise<PollOutcome>((resolve) => {
        pending.set(id, resolve);
        post({ type: 'poll', id });
      });
    },
    state: () => (fallback ? { ...fallback.state(), workerError } : { ...lastState, running }),
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
    // The poller lives as long as the page: it follows feed changes for good.
    onFeedChanged(() => void p.pollOnce());
  }
  poller.start();
  return poller;
}

