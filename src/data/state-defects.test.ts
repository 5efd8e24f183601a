/**
 * Regression cases of issue 14, class 5 (state defects), each with the exact input that misbehaved.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DgNearbyDb } from './db.ts';
import { recordsOf } from './stored-read.ts';
import { runSync } from './sync-engine.ts';
import { describeIssues } from './chunk-check.ts';
import { validateServiceRecord } from './validate-feed.ts';
import { validateAvailabilityItem } from './availability-validate.ts';
import { createDexieAvailabilityStore } from './availability-store.ts';
import type { PollerState } from './availability-poll-loop.ts';
import type { PollApi } from './availability-poll-api.ts';
import { createWorkerPoller } from './availability-poller.ts';
import type { AvailabilityItem } from './feed-schema.ts';
import { FEED_URL, TOWN_A, TOWN_B, TOWN_C, buildFeed, makeRecord, mockServer } from '../../tests/unit/sync-feed-fixture.ts';
import { useFreshDb, withFreshDb } from '../../tests/unit/fresh-db.ts';
import { channelWorker, closeChannelWorkers } from '../../tests/unit/channel-worker.ts';

let db: DgNearbyDb;
useFreshDb('state-defects', (opened) => (db = opened));

const storedIds = async () => (await Promise.all((await db.serviceChunks.toArray()).map(recordsOf))).flat().map((x) => x.id).sort();

describe('incremental sync and a record whose id moves to another town', () => {
  const moved = { ...makeRecord(TOWN_A, 0), town: TOWN_C.code, lat: TOWN_C.lat, lon: TOWN_C.lon };
  const v1 = () =>
    buildFeed({ version: 'v1', chunks: [{ town: TOWN_A.code, services: [makeRecord(TOWN_A, 0), makeRecord(TOWN_A, 1)] }, { town: TOWN_C.code, services: [makeRecord(TOWN_C, 0)] }] });
  // v2: the record now also sits in town C's chunk; town A's chunk is byte-identical, so only C is fetched.
  const v2 = () =>
    buildFeed({
      version: 'v2',
      chunks: [{ town: TOWN_A.code, services: [makeRecord(TOWN_A, 0), makeRecord(TOWN_A, 1)] }, { town: TOWN_C.code, services: [makeRecord(TOWN_C, 0), moved] }],
    });

  it('keeps it once, exactly as a fresh device does', async () => {
    const sync = (files: Map<string, string>) => runSync({ feedUrl: FEED_URL, db, validateRecord: validateServiceRecord, fetch: mockServer(files).fetch });
    expect((await sync(v1())).status).toBe('updated');
    const result = await sync(v2());
    expect(result).toMatchObject({ status: 'updated', fetchedChunks: 1, unchangedChunks: 1 });
    const incremental = await storedIds();

    const freshIds = await withFreshDb('state-defects-fresh', async (fresh) => {
      await runSync({ feedUrl: FEED_URL, db: fresh, validateRecord: validateServiceRecord, fetch: mockServer(v2()).fetch });
      return (await Promise.all((await fresh.serviceChunks.toArray()).map(recordsOf))).flat().map((x) => x.id).sort();
    });

    expect(incremental).toEqual(freshIds);
    expect(new Set(incremental).size).toBe(incremental.length);
  });

  it('drops the copy in an unchanged later chunk when an earlier chunk gains the id', async () => {
    const later = { ...makeRecord(TOWN_C, 0), town: TOWN_B.code, lat: TOWN_B.lat, lon: TOWN_B.lon };
    const sync = (files: Map<string, string>) => runSync({ feedUrl: FEED_URL, db, validateRecord: validateServiceRecord, fetch: mockServer(files).fetch });
    await sync(buildFeed({ version: 'v1', chunks: [{ town: TOWN_B.code, services: [makeRecord(TOWN_B, 0)] }, { town: TOWN_C.code, services: [makeRecord(TOWN_C, 0)] }] }));
    const result = await sync(buildFeed({ version: 'v2', chunks: [{ town: TOWN_B.code, services: [makeRecord(TOWN_B, 0), later] }, { town: TOWN_C.code, services: [makeRecord(TOWN_C, 0)] }] }));
    expect(result).toMatchObject({ status: 'updated', totalRecords: 2 });
    expect(await storedIds()).toEqual([makeRecord(TOWN_B, 0).id, makeRecord(TOWN_C, 0).id].sort());
    const townB = await db.serviceChunks.get(`services/${TOWN_B.code}.json`);
    expect((await recordsOf(townB!)).map((r) => r.town)).toEqual([TOWN_B.code, TOWN_B.code]);
  });
});

describe('availability dated far in the future', () => {
  const services = new Map([['kg-1', 'kindergarten' as const]]);
  const item = (observedAt: string, free: number) => ({ serviceId: 'kg-1', observedAt, figures: { kind: 'kindergarten', classes: { xiaoban: { free, total: 90 } } } });
  const NOW = Date.parse('2026-11-28T08:00:00Z');

  it('is refused by the app item check', () => {
    expect(validateAvailabilityItem(item('2099-01-01T00:00:00Z', 5), services, NOW)).toMatchObject({ ok: false, fault: 'invalidItem' });
    expect(validateAvailabilityItem(item('2026-11-28T16:05:00+08', 5), services, NOW)).toMatchObject({ ok: true });
  });

  it('already stored does not block the next genuine figures', async () => {
    const store = createDexieAvailabilityStore(db, 'http://localhost/');
    await db.availability.put({ ...(item('2099-01-01T00:00:00Z', 1) as AvailabilityItem), fetchedAt: '2026-11-27T00:00:00Z' });
    const written = await store.putItems([item('2026-11-28T07:59:00Z', 7) as AvailabilityItem], new Date(NOW).toISOString());
    expect(written).toBe(1);
    expect((await db.availability.get('kg-1'))?.observedAt).toBe('2026-11-28T07:59:00Z');
  });
});

describe('the availability worker failing', () => {
  afterEach(closeChannelWorkers);
  /** The page's copy of the poll API, counting what it is asked. */
  const pageApi = () => {
    const calls = { start: 0, poll: 0 };
    const state: PollerState = { failures: 0, pollSeconds: 60, etag: null, running: true, nextDelayMs: 60_000 };
    const api: PollApi = {
      start: () => (calls.start++, state),
      env: () => {},
      pollOnce: async () => (calls.poll++, { outcome: { status: 'not-modified' }, state }),
      stop: () => {},
    };
    return { load: async () => api, calls };
  };
  const quiet = () => vi.spyOn(console, 'warn').mockImplementation(() => {});

  it('to load: a waiting pollOnce is answered on the page, which takes over and reports the error', async () => {
    quiet();
    const worker = channelWorker(null); // never answers the handshake
    const page = pageApi();
    const poller = createWorkerPoller(() => worker, page.load);
    poller.start();
    const waiting = poller.pollOnce();
    worker.fail();
    await expect(waiting).resolves.toEqual({ status: 'not-modified' });
    expect(worker.terminated).toBe(true);
    expect(page.calls.start).toBe(1);
    expect(poller.state().workerError).toBe('worker script did not load');
    await expect(poller.pollOnce()).resolves.toEqual({ status: 'not-modified' });
    expect(page.calls.poll).toBe(2);
  });

  it('to be created: the page polls at once', async () => {
    quiet();
    const page = pageApi();
    const poller = createWorkerPoller(() => {
      throw new Error('Worker is not allowed');
    }, page.load);
    poller.start();
    await expect(poller.pollOnce()).resolves.toEqual({ status: 'not-modified' });
    expect(page.calls.start).toBe(1);
    expect(poller.state().workerError).toBe('Worker is not allowed');
  });

  it('mid-poll: the poll settles, answered on the page, and the page loop starts in its place', async () => {
    quiet();
    let workerPolls = 0;
    const stuck: PollApi = { ...(await pageApi().load()), pollOnce: () => (workerPolls++, new Promise(() => {})) };
    const worker = channelWorker(stuck);
    const page = pageApi();
    const poller = createWorkerPoller(() => worker, page.load);
    poller.start();
    const waiting = poller.pollOnce();
    await vi.waitFor(() => expect(workerPolls).toBe(1)); // the worker has it
    worker.fail('out of memory');
    await expect(waiting).resolves.toEqual({ status: 'not-modified' });
    expect(poller.state().workerError).toBe('out of memory');
    expect(worker.terminated).toBe(true);
    await vi.waitFor(() => expect(page.calls.start).toBe(1));
    expect(page.calls.poll).toBe(1);
  });

  it('between polls: the page loop starts in its place', async () => {
    quiet();
    let workerStarts = 0;
    const worker = channelWorker({ ...(await pageApi().load()), start: () => void workerStarts++ });
    const page = pageApi();
    const poller = createWorkerPoller(() => worker, page.load);
    poller.start();
    await vi.waitFor(() => expect(workerStarts).toBe(1));
    expect(page.calls.start).toBe(0);
    worker.fail('worker crashed');
    await vi.waitFor(() => expect(page.calls.start).toBe(1));
    expect(poller.state()).toMatchObject({ workerError: 'worker crashed', running: true });
  });
});

describe('describeIssues on odd path items', () => {
  const throwing = { toString: () => { throw new Error('no'); } };
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  it.each([
    ['a key whose toString throws', [{ message: 'bad', path: [{ key: throwing }] }]],
    ['a path item whose toString throws', [{ message: 'bad', path: [throwing] }]],
    ['a null-prototype key', [{ message: 'bad', path: [{ key: Object.create(null) }] }]],
    ['a symbol key', [{ message: 'bad', path: [{ key: Symbol('s') }] }]],
    ['a revoked proxy as the issue', [revoked.proxy]],
    ['a revoked proxy as the list', revoked.proxy],
    ['a message with a newline', [{ message: 'line one\nline two' }]],
  ])('%s', (_name, issues) => {
    const line = describeIssues(issues);
    expect(typeof line).toBe('string');
    expect(line).not.toMatch(/\n/);
  });
});
