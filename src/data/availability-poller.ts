/**
 * Live availability for the app: `startAvailabilityPolling()`, which the shell calls after the first
 * screen. The poll loop (availability-poll-api.ts: fetch, parse, validate ~3,300 items, diff, Dexie
 * write) runs in a module worker through the app's worker bridge, so it never blocks the page; the page
 * forwards online/visibility changes and "a new feed landed". Without a worker the same API runs on the
 * page, in a chunk loaded only then.
 */
import { callback, connectWorker, type WorkerConnection } from '../lib/worker-bridge.ts';
import type { AvailabilityPoller, PollerState, PollOutcome } from './availability-poll-loop.ts';
import type { PollApi } from './availability-poll-api.ts';
import { onFeedChanged } from './feed-events.ts';
import { reportRequestOutcome } from './network-status.ts';

let poller: AvailabilityPoller | null = null;

const newPollWorker = (): Worker => new Worker(new URL('./availability-poll.worker.ts', import.meta.url), { type: 'module', name: 'availability-poll' });
const pagePollApi = (): Promise<PollApi> => import('./availability-poll-api.ts').then((m) => m.createPollApi());
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The page side of the poll worker, shaped like the loop itself. If the worker cannot be created, fails
 * to load or crashes, the error is reported (console and `state().workerError`), a poll waiting for it is
 * answered on the page, and the page runs the loop from then on.
 */
export function createWorkerPoller(
  makeWorker: (() => Worker) | null = typeof Worker === 'function' ? newPollWorker : null,
  makePageApi: () => Promise<PollApi> = pagePollApi,
): AvailabilityPoller {
  let running = false;
  let lastState: PollerState = { failures: 0, pollSeconds: 60, etag: null, running: false, nextDelayMs: null };
  let workerError: string | undefined;
  let onWorker = makeWorker !== null;
  // One page loop per poller, whichever way the page comes to run it: the bridge's fallback (a worker
  // that never answered) and the fail-over below (one that died later) must not start two.
  let pageApi: Promise<PollApi> | null = null;
  const onPage = () =>
    (pageApi ??= makePageApi().catch((err: unknown) => {
      pageApi = null; // its chunk did not load (offline): the next call tries again
      throw err;
    }));

  const giveUp = (reason: string): boolean => {
    if (!onWorker) return false;
    onWorker = false;
    workerError = reason;
    console.warn(`availability: poll worker failed (${reason}); polling in the page instead`);
    return true;
  };
  const watchedWorker = () => {
    try {
      const worker = makeWorker!();
      // A module worker that cannot be fetched or parsed fires "error" on the Worker object, nothing
      // else; so does one that throws later. Either way the page takes over.
      worker.addEventListener('error', (e) => failOver((e as ErrorEvent).message || 'worker script did not load'));
      return worker;
    } catch (err) {
      giveUp(messageOf(err)); // the bridge runs every call on the page
      throw err;
    }
  };
  let connection: WorkerConnection<PollApi> = connectWorker<PollApi>(makeWorker && watchedWorker, onPage);

  function failOver(reason: string) {
    if (!giveUp(reason)) return;
    const dead = connection;
    dead.terminate();
    connection = connectWorker<PollApi>(null, onPage);
    // Calls made before the handshake move to the page by themselves (the bridge); a worker that had
    // answered ran the loop, so the page starts its own.
    void dead.mode.then((mode) => mode === 'worker' && running && begin());
  }

  const envNow = () => ({
    online: typeof navigator === 'undefined' || navigator.onLine !== false,
    visible: typeof document === 'undefined' || document.visibilityState !== 'hidden',
  });
  const forward = () => {
    const { online, visible } = envNow();
    void connection.api.env(online, visible).catch(() => {});
  };
  const listenPage = (on: boolean) => {
    const method = on ? 'addEventListener' : 'removeEventListener';
    globalThis.window?.[method]('online', forward);
    globalThis.window?.[method]('offline', forward);
    globalThis.document?.[method]('visibilitychange', forward);
  };
  const heard = callback((outcome: PollOutcome, state: PollerState) => {
    lastState = state;
    reportPollOutcome(outcome);
  });
  function begin() {
    const viaWorker = onWorker;
    const { online, visible } = envNow();
    connection.api.start(globalThis.location?.href ?? 'http://localhost/', online, visible, heard).then(
      (state) => void (lastState = state),
      (err: unknown) => (viaWorker ? failOver(messageOf(err)) : console.warn('availability: polling did not start', err)),
    );
  }

  return {
    start() {
      if (running) return;
      running = true;
      listenPage(true);
      begin();
    },
    stop() {
      running = false;
      listenPage(false);
      void connection.api.stop().catch(() => {});
    },
    async pollOnce() {
      const viaWorker = onWorker;
      let answer: Awaited<ReturnType<PollApi['pollOnce']>>;
      try {
        answer = await connection.api.pollOnce();
      } catch (err) {
        // The bridge rejects a call the worker died on: answer it on the page, which takes over.
        if (!viaWorker) throw err;
        failOver(messageOf(err));
        answer = await connection.api.pollOnce();
      }
      lastState = answer.state;
      return answer.outcome;
    },
    state: () => ({ ...lastState, running, ...(workerError === undefined ? {} : { workerError }) }),
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
 */
export function startAvailabilityPolling(): AvailabilityPoller {
  if (!poller) {
    const p = createWorkerPoller();
    poller = p;
    // The poller lives as long as the page: it follows feed changes for good.
    onFeedChanged(() => void p.pollOnce());
  }
  poller.start();
  return poller;
}
