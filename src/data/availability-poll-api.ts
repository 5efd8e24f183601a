/**
 * What the availability poll worker does, as one API (served by availability-poll.worker.ts through the
 * worker bridge; run on the page when no worker starts): the poll loop (availability-poll-loop.ts) over
 * the Dexie store, seeing connectivity and visibility as the page reports them through `env` — a worker
 * has no document, and its own `navigator.onLine` need not agree with the page's.
 */
import { createAvailabilityPoller, DEFAULT_POLL_SECONDS, type AvailabilityPoller, type PollerDeps, type PollerEnv, type PollerState, type PollOutcome } from './availability-poll-loop.ts';
import { createDexieAvailabilityStore } from './availability-store.ts';

export interface PollApi {
  /** Starts the loop (again after `stop`); `onOutcome` hears every poll with the state after it. */
  start(pageBase: string, online: boolean, visible: boolean, onOutcome: (outcome: PollOutcome, state: PollerState) => void): PollerState;
  /** The page went on- or offline, or was hidden or shown. */
  env(online: boolean, visible: boolean): void;
  /** One poll now. */
  pollOnce(): Promise<{ outcome: PollOutcome; state: PollerState }>;
  stop(): void;
}

type EnvEvent = 'online' | 'offline' | 'visibilitychange';
/** What the loop is built from, given the page URL (relative feed URLs resolve against the page, not the worker script). */
type LoopDeps = (pageBase: string) => Omit<PollerDeps, 'env' | 'onOutcome'>;

const dexieLoop: LoopDeps = (pageBase) => ({ store: createDexieAvailabilityStore(undefined, pageBase) });

export function createPollApi(loopDeps: LoopDeps = dexieLoop): PollApi {
  const seen = { online: true, visible: true };
  const handlers: Record<EnvEvent, Set<() => void>> = { online: new Set(), offline: new Set(), visibilitychange: new Set() };
  const env: PollerEnv = {
    isOnline: () => seen.online,
    isVisible: () => seen.visible,
    listen(event, fn) {
      handlers[event].add(fn);
      return () => handlers[event].delete(fn);
    },
  };
  let loop: AvailabilityPoller | null = null;

  return {
    start(pageBase, online, visible, onOutcome) {
      seen.online = online;
      seen.visible = visible;
      loop ??= createAvailabilityPoller({ ...loopDeps(pageBase), env, onOutcome: (outcome) => loop && onOutcome(outcome, loop.state()) });
      loop.start();
      return loop.state();
    },
    env(online, visible) {
      const fired: EnvEvent[] = [];
      if (online !== seen.online) fired.push(online ? 'online' : 'offline');
      if (visible !== seen.visible) fired.push('visibilitychange');
      seen.online = online;
      seen.visible = visible;
      for (const e of fired) for (const fn of [...handlers[e]]) fn();
    },
    async pollOnce() {
      // Not started yet: there is no store to poll into (the page always starts first).
      if (!loop) return { outcome: { status: 'skipped', reason: 'busy' }, state: { failures: 0, pollSeconds: DEFAULT_POLL_SECONDS, etag: null, running: false, nextDelayMs: null } };
      const outcome = await loop.pollOnce();
      return { outcome, state: loop.state() };
    },
    stop() {
      loop?.stop();
    },
  };
}
