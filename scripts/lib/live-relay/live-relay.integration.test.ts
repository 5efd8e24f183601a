/**
 * The relay against four real owner servers on 127.0.0.1 and the sample feed folder (issue 24's "done when"):
 * a JSON parking API, a CSV of kindergarten places, one that stops answering and one that answers garbage.
 * Healthy figures reach availability.json within one interval, the failing owners' last good figures keep
 * their times, /metrics counts each failure kind, and a restart loses nothing. Short intervals (1 s).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AvailabilityItem } from '../../../src/data/feed-schema.ts';
import { feedServices } from './feed-services.ts';
import { checkConfig } from './config.ts';
import { createRelay, type Relay } from './relay.ts';
import { kindergartenCsvOwner, parkingApiOwner, singleLotOwner } from '../../../tests/fixtures/relay/owner-configs.ts';

type Mode = 'ok' | 'hang' | 'garbage' | 'html' | 'truncated' | '500';
type Owner = { server: Server; url: string; mode: Mode; body: () => string; type: string; hits: number; hanging: Set<ServerResponse> };

async function ownerServer(body: () => string, type: string): Promise<Owner> {
  const owner = { mode: 'ok', body, type, hits: 0, hanging: new Set<ServerResponse>() } as Owner;
  owner.server = createServer((req, res) => {
    owner.hits++;
    const text = owner.body();
    const etag = `"${Buffer.from(text).toString('base64').length}-${text.length}-${hash(text)}"`;
    switch (owner.mode) {
      case 'hang':
        owner.hanging.add(res);
        return;
      case 'garbage':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('\u0000\u0017garbage{{{;;');
        return;
      case 'html':
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Maintenance</title><p>We will be back soon.</p>');
        return;
      case 'truncated': {
        const bytes = Buffer.from(text);
        res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.length });
        res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
        return;
      }
      case '500':
        res.writeHead(500).end('oops');
        return;
      default:
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { ETag: etag }).end();
          return;
        }
        res.writeHead(200, { 'Content-Type': type, ETag: etag }).end(text);
    }
  });
  await new Promise<void>((resolve) => owner.server.listen(0, '127.0.0.1', resolve));
  const address = owner.server.address();
  owner.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  return owner;
}

const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36);
/** Wall-clock "YYYY-MM-DD HH:mm:ss" in Dongguan, as the owners write it. */
const cst = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

// Figures the test moves; times are whole seconds (owners rarely send milliseconds).
const parking = {
  at: seconds(Date.now() - 60_000),
  lots: [
    { code: '441900003-pk-1', free: 58, total: 210 },
    { code: '441900003-pk-2', free: 116, total: 300 },
  ],
};
const kgAt = seconds(Date.now() - 3_600_000);
const slowLot = { code: '441900003-pk-3', free: 7, total: 80, at: seconds(Date.now() - 120_000) };
const flakyLot = { code: '441900003-pk-4', free: 12, total: 95, at: seconds(Date.now() - 90_000) };

const parkingJson = () =>
  JSON.stringify({
    code: 0,
    data: {
      lots: [
        ...parking.lots.map((l) => ({ lotCode: l.code, freeSpaces: l.free, capacity: l.total, updateTime: cst(parking.at) })),
        // Impossible numbers and a service the feed doesn't have: counted, never written.
        { lotCode: '441900003-pk-5', freeSpaces: 400, capacity: 100, updateTime: cst(parking.at) },
        { lotCode: 'no-such-lot', freeSpaces: 1, capacity: 2, updateTime: cst(parking.at) },
      ],
    },
  });
const kgCsv = () =>
  '机构代码,小班空位,小班学位,大班空位,大班学位,更新时间\r\n' +
  `441900003-kg-1,11,75,10,75,${cst(kgAt)}\r\n` +
  `441900003-kg-3,16,120,0,120,${cst(kgAt)}\r\n` +
  `441900003-kg-4,abc,120,13,120,${cst(kgAt)}\r\n`;
const singleLot = (lot: typeof slowLot) => () =>
  JSON.stringify({ lots: [{ id: lot.code, free: lot.free, total: lot.total, t: new Date(lot.at).toISOString() }] });

let dir: string;
let owners: { parking: Owner; kg: Owner; slow: Owner; flaky: Owner };
let config: NonNullable<ReturnType<typeof checkConfig>['config']>;
let relay: Relay | undefined;
let relayUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'live-relay-'));
  owners = {
    parking: await ownerServer(parkingJson, 'application/json'),
    kg: await ownerServer(kgCsv, 'text/csv; charset=utf-8'),
    slow: await ownerServer(singleLot(slowLot), 'application/json'),
    flaky: await ownerServer(singleLot(flakyLot), 'application/json'),
  };
  const raw = {
    feed: path.resolve('public/feed'),
    out: path.join(dir, 'feed', 'availability.json'),
    pollSeconds: 1,
    owners: [
      parkingApiOwner({ id: 'park-api', url: owners.parking.url, every: 1 }),
      kindergartenCsvOwner({ id: 'kg-csv', url: owners.kg.url, every: 1 }),
      singleLotOwner({ id: 'slow', url: owners.slow.url }),
      singleLotOwner({ id: 'flaky', url: owners.flaky.url }),
    ],
  };
  const checked = checkConfig(raw, path.join(dir, 'live.json'));
  expect(checked.problems).toEqual([]);
  config = checked.config!;
});

afterAll(async () => {
  await relay?.close();
  for (const o of Object.values(owners ?? {})) {
    for (const res of o.hanging) res.destroy();
    o.server.closeAllConnections();
    o.server.close();
  }
  await rm(dir, { recursive: true, force: true });
});

async function startRelay(): Promise<Relay> {
  const r = createRelay(config, { loadServices: () => feedServices(config.feedDir) });
  expect(await r.probe()).toEqual([]);
  relayUrl = `http://127.0.0.1:${await r.listen(0)}/`;
  r.start();
  return r;
}

async function written(): Promise<Map<string, AvailabilityItem>> {
  try {
    const doc = JSON.parse(await readFile(config.outFile, 'utf8')) as { items: AvailabilityItem[] };
    return new Map(doc.items.map((i) => [i.serviceId, i]));
  } catch {
    return new Map();
  }
}

const free = (item: AvailabilityItem | undefined) => (item?.figures.kind === 'parking' ? item.figures.free : undefined);

/** The failure counters of /metrics as "owner/kind" → n. */
async function failureCounts(): Promise<Record<string, number>> {
  const text = await (await fetch(relayUrl + 'metrics')).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^live_relay_owner_failures_total\{owner="([^"]+)",kind="([^"]+)"\} (\d+)$/gm))
    out[`${m[1]}/${m[2]}`] = Number(m[3]);
  return out;
}

it('keeps availability.json true while owners fail, counts every fault, and loses nothing on restart', { timeout: 120_000 }, async () => {
  const started = Date.now();
  relay = await startRelay();

  // 1. Every owner answers: the figures are written within one interval of the first poll, with the owners' own times.
  await expect.poll(async () => (await written()).size, { timeout: 1500, interval: 100 }).toBe(6);
  expect(Date.now() - started).toBeLessThan(1000 + 1500);
  let file = await written();
  expect(file.get('s-441900003-pk-1')).toEqual({
    serviceId: 's-441900003-pk-1',
    observedAt: new Date(parking.at).toISOString(),
    figures: { kind: 'parking', free: 58, total: 210 },
  });
  expect(file.get('s-441900003-kg-3')?.figures).toEqual({
    kind: 'kindergarten',
    classes: { xiaoban: { free: 16, total: 120 }, daban: { free: 0, total: 120 } },
  });
  expect(file.get('s-441900003-kg-1')?.observedAt).toBe(new Date(kgAt).toISOString());
  // Impossible numbers, an unknown service and a cell that is not a number are never written.
  expect(file.has('s-441900003-pk-5')).toBe(false);
  expect(file.has('s-no-such-lot')).toBe(false);
  expect(file.has('s-441900003-kg-4')).toBe(false);
  const slowBefore = file.get('s-441900003-pk-3')!;
  const flakyBefore = file.get('s-441900003-pk-4')!;
  expect(slowBefore.observedAt).toBe(new Date(slowLot.at).toISOString());

  // 2. One owner stops answering, another answers garbage, HTML, a cut body and 500s in turn; the healthy ones move on.
  owners.slow.mode = 'hang';
  owners.flaky.mode = 'garbage';
  slowLot.free = 1; // behind the outage: must never reach the file
  flakyLot.free = 2;
  parking.lots[0]!.free = 41;
  parking.at = seconds(Date.now());
  const changedAt = Date.now();
  await expect.poll(async () => free((await written()).get('s-441900003-pk-1')), { timeout: 2500, interval: 100 }).toBe(41);
  expect(Date.now() - changedAt).toBeLessThan(2500);
  for (const mode of ['html', 'truncated', '500'] as const) {
    const before = owners.flaky.hits;
    await expect.poll(() => owners.flaky.hits > before, { timeout: 10_000, interval: 100 }).toBe(true);
    owners.flaky.mode = mode;
  }
  // By now the flaky owner has failed five times in a row: its next poll (the 500) comes after the backoff, up to
  // 16 s with jitter, so wait longer than that.
  await expect.poll(failureCounts, { timeout: 40_000, interval: 250 }).toMatchObject({
    'slow/timeout': expect.any(Number),
    'flaky/malformedJson': expect.any(Number),
    'flaky/html': expect.any(Number),
    'flaky/truncated': expect.any(Number),
    'flaky/http5xx': expect.any(Number),
  });
  file = await written();
  expect(file.get('s-441900003-pk-3')).toEqual(slowBefore);
  expect(file.get('s-441900003-pk-4')).toEqual(flakyBefore);
  expect(free(file.get('s-441900003-pk-1'))).toBe(41);

  const metrics = await (await fetch(relayUrl + 'metrics')).text();
  expect(metrics).toMatch(/^live_relay_owner_items_rejected_total\{owner="park-api",reason="impossibleNumbers"\} [1-9]/m);
  expect(metrics).toMatch(/^live_relay_owner_items_rejected_total\{owner="park-api",reason="unknownService"\} [1-9]/m);
  expect(metrics).toMatch(/^live_relay_owner_items_rejected_total\{owner="kg-csv",reason="notANumber"\} [1-9]/m);
  expect(metrics).toMatch(/^live_relay_owner_not_modified_total\{owner="kg-csv"\} [1-9]/m); // ETag: the unchanged CSV came back 304
  expect(metrics).not.toMatch(/failures_total\{owner="(park-api|kg-csv)"/);
  expect((await fetch(relayUrl + 'healthz')).status).toBe(200);
  console.log(`/metrics after the faults:\n${metrics}`);

  // 3. Restart while every owner is down: the file read back keeps every figure and its time.
  await relay.close();
  relay = undefined;
  const beforeRestart = await readFile(config.outFile, 'utf8');
  for (const o of Object.values(owners)) o.mode = '500';
  owners.slow.mode = 'hang';
  relay = await startRelay();
  await new Promise((r) => setTimeout(r, 2500));
  const after = JSON.parse(await readFile(config.outFile, 'utf8')) as { items: unknown[] };
  expect(after.items).toEqual((JSON.parse(beforeRestart) as { items: unknown[] }).items);
  expect((await fetch(relayUrl + 'healthz')).status).toBe(200);

  // 4. The owners come back: the restarted relay takes their new figures.
  for (const o of Object.values(owners)) o.mode = 'ok';
  parking.lots[1]!.free = 99;
  parking.at = seconds(Date.now());
  await expect.poll(async () => free((await written()).get('s-441900003-pk-2')), { timeout: 15_000, interval: 200 }).toBe(99);
});
