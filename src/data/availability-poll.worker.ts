/// <reference lib="webworker" />
/**
 * Module worker that runs the availability poll loop off the main thread: fetch, JSON parse,
 * validation of every item, the diff against stored figures and the Dexie write all happen here
 * (Dexie's change events still reach the page's live queries). The page (availability-poller.ts)
 * tells it the page URL, online/visibility changes and when a new feed landed.
 */
import { createAvailabilityPoller, type AvailabilityPoller, type PollerEnv, type PollOutcome } from './availability-poll-loop.ts';
import { createDexieAvailabilityStore } from './availability-store.ts';

export type PollWorkerMessage =
  | { type: 'start'; pageBase: string; online: boolean; visible: boolean }
  | { type: 'env'; online: boolean; visible: boolean }
  | { type: 'poll'; id: number }
  | { type: 'stop' };

export type PollWorkerReply =
  | { type: 'state'; state: ReturnType<AvailabilityPoller['state']> }
  | { type: 'outcome'; outcome: PollOutcome; state: ReturnType<AvailabilityPoller['state']> }
  | { type: 'polled'; id: number; outcome: PollOutcome; state: ReturnType<AvailabilityPoller['state']> };

type EnvEvent = 'online' | 'offline' | 'visibilitychange';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const env = { online: true, visible: true };
const handlers: Record<EnvEvent, Set<() => void>> = { online: new Set(), offline: new Set(), visibilitychange: new Set() };

// The page's view of connectivity and visibility, not the worker's own navigator.
const workerEnv: PollerEnv = {
  isOnline: () => env.online,
  isVisible: () => env.visible,
  listen(event, fn) {
    handlers[event].add(fn);
    return () => handlers[event].delete(fn);
  },
};

let poller: AvailabilityPoller | null = null;

function reply(m: PollWorkerReply): void {
  scope.postMessage(m);
}

function applyEnv(online: boolean, visible: boolean): void {
  const fired: EnvEvent[] = [];
  if (online !== env.online) fired.push(online ? 'online' : 'offline');
  if (visible !== env.visible) fired.push('visibilitychange');
  env.online = online;
  env.visible = visible;
  for (const e of fired) for (const fn of [...handlers[e]]) fn();
}

scope.addEventListener('message', (e: MessageEvent<PollWorkerMessage>) => {
  const m = e.data;
  switch (m.type) {
    case 'start':
      env.online = m.online;
      env.visible = m.visible;
      poller ??= createAvailabilityPoller({
        store: createDexieAvailabilityStore(undefined, m.pageBase),
        env: workerEnv,
        onOutcome: (outcome) => poller && reply({ type: 'outcome', outcome, state: poller.state() }),
      });
      poller.start();
      reply({ type: 'state', state: poller.state() });
      break;
    case 'env':
      applyEnv(m.online, m.visible);
      break;
    case 'poll':
      if (!poller) return reply({ type: 'polled', id: m.id, outcome: { status: 'skipped', reason: 'busy' }, state: { failures: 0, pollSeconds: 60, etag: null, running: false, nextDelayMs: null } });
      void poller.pollOnce().then((outcome) => poller && reply({ type: 'polled', id: m.id, outcome, state: poller.state() }));
      break;
    case 'stop':
      poller?.stop();
      poller = null;
      break;
  }
});
