import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DgNearbyDb } from './db.ts';
import type { ServiceRecord } from './feed-schema.ts';
import { backoffDelayMs, createAvailabilityPoller, DEFAULT_TIMEOUT_MS, MAX_BACKOFF_MS, type PollerEnv } from './availability-poll-loop.ts';
import { createDexieAvailabilityStore, FAULTS_KEY, readFaults } from './availability-store.ts';
import { createPollApi } from './availability-poll-api.ts';
import { createWorkerPoller } from './availability-poller.ts';
import { useFreshDb } from '../../tests/unit/fresh-db.ts';
import { channelWorker, closeChannelWorkers } from '../../tests/unit/channel-worker.ts';

describe('backoffDelayMs', () => {
  const poll = 30_000;
  it('waits the poll interval when healthy', () => {
    expect(backoffDelayMs(0, poll, () => 0.5)).toBe(poll);
  });
  it('doubles per failure with jitter in [d/2, d], never below the poll interval, capped', () => {
    for (let failures = 1; failures <= 12; failures++) {
      const d = Math.min(MAX_BACKOFF_MS, poll * 2 ** failures);
      const lo = backoffDelayMs(failures, poll, () => 0);
      const hi = backoffDelayMs(failures, poll, () => 1);
      expect(lo).toBe(Math.max(poll, d / 2));
      expect(hi).toBe(d);
      for (let i = 0; i < 50; i++) {
        const x = backoffDelayMs(failures, poll, Math.random);
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(hi);
      }
    }
    expect(backoffDelayMs(2, poll, () => 0.5)).toBe(90_000); // d = 120 s → 60 + 30
    expect(backoffDelayMs(99, poll, () => 1)).toBe(MAX_BACKOFF_MS);
  });
  it('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, (_, i) => backoffDelayMs(3, poll, () => i / 20)));
    expect(delays.size).toBe(20);
  });
});

type Call = { url: string; init: RequestInit };
function mockFetch(responder: (call: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(url), init: init ?? {} };
    calls.push(call);
    return responder(call, calls.length);
  }) as typeof fetch;
  return { fn, calls };
}
const header = (c: Call, name: string) => new Headers(c.init.headers).get(name);

const NOW = new Date('2026-11-28T06:00:00Z');
const fileWith = (items: unknown[], pollSeconds = 5) => JSON.stringify({ generatedAt: NOW.toISOString(), pollSeconds, items });
const parking = (id: string, free: number, total = 100, observedAt = NOW.toISOString()) => ({
  serviceId: id,
  observedAt,
  figures: { kind: 'parking', free, total },
});
const json = (body: string, etag?: string) =>
  new Response(body, { status: 200, headers: { 'Content-Type': 'application/json', ...(etag ? { ETag: etag } : {}) } });

let db: DgNearbyDb;
useFreshDb('avail', async (opened) => {
  db = opened;
  const records = [
    { id: 'pk-1', category: 'parking' },
    { id: 'pk-2', category: 'parking' },
    { id: 'kg-1', category: 'kindergarten' },
  ] as unknown as ServiceRecord[];
  await db.serviceChunks.put({ path: 'services/441900003.json', town: '441900003', sha256: 'x', version: 'v1', records });
  await db.settings.put({ key: 'feedUrl', value: 'http://127.0.0.1:9/feed/' });
});
// Only the poller's own clocks are faked: fake-indexeddb schedules with setImmediate and must keep running.
const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
afterEach(() => void vi.useRealTimers());

const quietEnv = (): PollerEnv & { fire(e: string): void; online: boolean; visible: boolean } => {
  const listeners = new Map<string, Set<() => void>>();
  const env = {
    online: true,
    visible: true,
    isOnline: () => env.online,
    isVisible: () => env.visible,
    listen(event: string, fn: () => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(fn);
      listeners.set(event, set);
      return () => set.delete(fn);
    },
    fire(e: string) {
      for (const fn of listeners.get(e) ?? []) fn();
    },
  };
  return env;
};

async function faults() {
  return readFaults((await db.settings.get(FAULTS_KEY))?.value);
}

describe('availability poller', () => {
  it('writes good items, then sends If-None-Match and treats 304 as "no write"', async () => {
    const { fn, calls } = mockFetch((_c, n) => (n === 1 ? json(fileWith([parking('pk-1', 23), parking('pk-2', 7)]), '"e1"') : new Response(null, { status: 304 })));
    const store = createDexieAvailabilityStore(db);
    let writes = 0;
    const counting = { ...store, putItems: (...a: Parameters<typeof store.putItems>) => (writes++, store.putItems(...a)) };
    const poller = createAvailabilityPoller({ store: counting, fetch: fn, env: quietEnv(), now: () => NOW });

    expect(await poller.pollOnce()).toEqual({ status: 'updated', written: 2, rejected: 0 });
    expect(calls[0]!.url).toBe('http://127.0.0.1:9/feed/availability.json');
    expect(calls[0]!.init.cache).toBe('no-store');
    expect(header(calls[0]!, 'If-None-Match')).toBeNull();
    expect((await db.availability.get('pk-1'))?.figures).toMatchObject({ free: 23, total: 100 });
    expect(poller.state().pollSeconds).toBe(5);

    // Watch the table: a 304 must not touch it at all.
    let tableWrites = 0;
    db.availability.hook('creating', () => void tableWrites++);
    db.availability.hook('updating', () => void tableWrites++);
    expect(await poller.pollOnce()).toEqual({ status: 'not-modified' });
    expect(header(calls[1]!, 'If-None-Match')).toBe('"e1"');
    expect(writes).toBe(1);
    expect(tableWrites).toBe(0);
  });

  it('keeps the last good figures through 5xx, garbage, truncation, timeouts and bad items, counting each', async () => {
    const good = fileWith([parking('pk-1', 23), parking('pk-2', 7)]);
    const later = new Date(NOW.getTime() + 60_000).toISOString();
    const script: Array<() => Response | Promise<Response>> = [
      () => json(good, '"g"'),
      () => new Response('oops', { status: 503 }),
      () => json('<html>bad gateway</html>'),
      () => json(good.slice(0, good.length / 2)),
      () => new Response(good, { status: 200, headers: { 'Content-Length': String(good.length * 2) } }),
      () => json(fileWith([parking('pk-1', -4, 100, later), parking('pk-2', 120, 100, later), parking('ghost', 1, 2, later), { serviceId: 'kg-1', observedAt: later, figures: { kind: 'parking', free: 1, total: 2 } }])),
    ];
    const { fn } = mockFetch((_c, n) => script[n - 1]!());
    const poller = createAvailabilityPoller({ store: createDexieAvailabilityStore(db), fetch: fn, env: quietEnv(), now: () => NOW });

    expect((await poller.pollOnce()).status).toBe('updated');
    expect(await poller.pollOnce()).toEqual({ status: 'fault', fault: 'http5xx' });
    expect(await poller.pollOnce()).toEqual({ status: 'fault', fault: 'malformedJson' });
    expect(await poller.pollOnce()).toEqual({ status: 'fault', fault: 'truncated' });
    expect(await poller.pollOnce()).toEqual({ status: 'fault', fault: 'truncated' });
    expect(poller.state().failures).toBe(4);
    expect(await poller.pollOnce()).toEqual({ status: 'updated', written: 0, rejected: 4 });
    expect(poller.state().failures).toBe(0);

    expect((await db.availability.get('pk-1'))?.figures).toMatchObject({ free: 23 });
    expect((await db.availability.get('pk-2'))?.figures).toMatchObject({ free: 7 });
    expect(await db.availability.get('ghost')).toBeUndefined();
    const f = await faults();
    expect(f.counts).toMatchObject({ http5xx: 1, malformedJson: 1, truncated: 2, impossibleNumbers: 2, unknownService: 1, wrongKind: 1, timeout: 0 });
    expect(f.lastSuccessAt).toBe(NOW.toISOString());
  });

  it('aborts a hanging request after the timeout and counts it', async () => {
    fakeClock();
    let fetchStarted!: () => void;
    const started = new Promise<void>((r) => (fetchStarted = r));
    let aborted = false;
    const { fn } = mockFetch((c) => {
      fetchStarted();
      return new Promise<Response>((_resolve, reject) => {
        c.init.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    });
    const poller = createAvailabilityPoller({ store: createDexieAvailabilityStore(db), fetch: fn, env: quietEnv(), now: () => NOW });
    const outcome = poller.pollOnce();
    await started;
    vi.advanceTimersByTime(DEFAULT_TIMEOUT_MS - 1);
    expect(aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(aborted).toBe(true);
    expect(await outcome).toEqual({ status: 'fault', fault: 'timeout' });
    expect((await faults()).counts.timeout).toBe(1);
  });

  it('never replaces newer figures with older ones', async () => {
    const older = new Date(NOW.getTime() - 600_000).toISOString();
    const { fn } = mockFetch((_c, n) => json(fileWith([n === 1 ? parking('pk-1', 50) : parking('pk-1', 10, 100, older)]), `"e${n}"`));
    const poller = createAvailabilityPoller({ store: createDexieAvailabilityStore(db), fetch: fn, env: quietEnv(), now: () => NOW });
    await poller.pollOnce();
    expect(await poller.pollOnce()).toEqual({ status: 'updated', written: 0, rejected: 0 });
    expect((await db.availability.get('pk-1'))?.figures).toMatchObject({ free: 50 });
  });

  it('waits for the first feed sync instead of calling every item unknown', async () => {
    await db.serviceChunks.clear();
    const { fn, calls } = mockFetch(() => json(fileWith([parking('pk-1', 1)])));
    const poller = createAvailabilityPoller({ store: createDexieAvailabilityStore(db), fetch: fn, env: quietEnv(), now: () => NOW });
    expect(await poller.pollOnce()).toEqual({ status: 'skipped', reason: 'no-services' });
    expect(calls).toHaveLength(0);
    expect((await faults()).counts.unknownService).toBe(0);
  });

  it('schedules on the advertised interval, backs off on errors, pauses when hidden and resumes at once online', async () => {
    fakeClock();
    const env = quietEnv();
    let status = 200;
    const { fn, calls } = mockFetch(() => (status === 200 ? json(fileWith([parking('pk-1', 3)], 7), '"a"') : new Response('x', { status })));
    // Each poll ends by scheduling the next one: the test waits on that event, then moves the fake clock.
    let onScheduled: (ms: number) => void = () => {};
    const nextSchedule = () => new Promise<number>((r) => (onScheduled = r));
    const poller = createAvailabilityPoller({
      store: createDexieAvailabilityStore(db),
      fetch: fn,
      env,
      now: () => NOW,
      random: () => 1,
      setTimer: (f, ms) => {
        onScheduled(ms);
        return setTimeout(f, ms);
      },
    });

    let next = nextSchedule();
    poller.start();
    expect(await next).toBe(7_000); // pollSeconds from the file
    expect(calls).toHaveLength(1);

    status = 500;
    next = nextSchedule();
    await vi.advanceTimersByTimeAsync(6_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await next).toBe(14_000); // 1 failure, jitter at its top
    expect(calls).toHaveLength(2);
    next = nextSchedule();
    await vi.advanceTimersByTimeAsync(14_000);
    expect(await next).toBe(28_000);
    expect(calls).toHaveLength(3);

    env.visible = false;
    env.fire('visibilitychange');
    expect(vi.getTimerCount()).toBe(0);
    expect(poller.state().nextDelayMs).toBeNull();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(calls).toHaveLength(3); // nothing while hidden

    env.visible = true;
    env.online = false;
    env.fire('offline');
    status = 200;
    env.online = true;
    next = nextSchedule();
    env.fire('online');
    expect(await next).toBe(7_000);
    expect(calls).toHaveLength(4); // polled immediately on `online`
    expect(poller.state().failures).toBe(0);
    expect(vi.getTimerCount()).toBe(1);
    poller.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the poll API, served through the worker bridge', () => {
  afterEach(closeChannelWorkers);
  const apiOver = (fn: typeof fetch) => createPollApi((pageBase) => ({ store: createDexieAvailabilityStore(db, pageBase), fetch: fn, now: () => NOW }));

  it('runs the loop in the worker; its outcomes and state reach the page', async () => {
    const { fn, calls } = mockFetch((_c, n) => (n === 1 ? json(fileWith([parking('pk-1', 23)], 7), '"e1"') : new Response(null, { status: 304 })));
    const served = apiOver(fn);
    const poller = createWorkerPoller(
      () => channelWorker(served),
      () => Promise.reject(new Error('the page must not poll')),
    );
    poller.start();
    // Only the first poll's outcome, called back from the worker, can carry the file's pollSeconds here.
    await vi.waitFor(() => expect(poller.state().pollSeconds).toBe(7));
    expect((await db.availability.get('pk-1'))?.figures).toMatchObject({ free: 23 });
    expect(await poller.pollOnce()).toEqual({ status: 'not-modified' });
    expect(header(calls[1]!, 'If-None-Match')).toBe('"e1"');
    expect(poller.state()).toMatchObject({ running: true, etag: '"e1"' });
    expect(poller.state().workerError).toBeUndefined();
    poller.stop();
    served.stop();
  });

  it('sees the page go offline and come back through env', async () => {
    const { fn, calls } = mockFetch(() => json(fileWith([parking('pk-1', 4)]), '"e"'));
    const api = apiOver(fn);
    const heard: string[] = [];
    api.start('http://localhost/', false, true, (outcome) => heard.push(outcome.status));
    expect((await api.pollOnce()).outcome).toEqual({ status: 'skipped', reason: 'offline' });
    expect(calls).toHaveLength(0);
    api.env(true, true); // "online": the loop polls at once
    await vi.waitFor(() => expect(heard).toContain('updated'));
    expect(calls).toHaveLength(1);
    api.stop();
  });
});
