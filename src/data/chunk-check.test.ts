import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DgNearbyDb, StoredChunkRow } from './db.ts';
import { readChunk, recordsOf } from './stored-read.ts';
import { openChunk } from './chunk-check.ts';
import { fastValidateServiceRecord } from './fast-record-check.ts';
import { runSync, type ChunkHelper, type SyncOptions, type SyncResult } from './sync-engine.ts';
import { worthChunkHelpers } from './sync-api.ts';
import type { ChunkEntry } from './feed-structure.ts';
import { validateServiceRecord } from './validate-feed.ts';
import { FEED_URL, TOWN_A, TOWN_B, TOWN_C, buildFeed, makeRecord, mockServer, type MockServer } from '../../tests/unit/sync-feed-fixture.ts';
import { useFreshDb, withFreshDb } from '../../tests/unit/fresh-db.ts';

const recs = (town: typeof TOWN_A, n: number) => Array.from({ length: n }, (_, i) => makeRecord(town, i));
const feed = (b: unknown[] = recs(TOWN_B, 4)) =>
  buildFeed({
    version: 'v1',
    chunks: [
      { town: TOWN_A.code, services: recs(TOWN_A, 6) },
      { town: TOWN_B.code, services: b },
      { town: TOWN_C.code, services: recs(TOWN_C, 2) },
    ],
  });

/** A helper on this thread, handed chunks as the second worker is; counts what it was given. */
function countingHelper(): ChunkHelper & { calls: number } {
  const helper = {
    calls: 0,
    async check(...[entry, at, downloaded]: Parameters<ChunkHelper['check']>) {
      helper.calls++;
      return openChunk(entry, at, downloaded, fastValidateServiceRecord, { keepExactRecords: false });
    },
  };
  return helper;
}

let db: DgNearbyDb;
useFreshDb('chunk-check', (opened) => (db = opened), { asAppDb: true });

const sync = (server: MockServer, extra: Partial<SyncOptions> = {}) =>
  runSync({ feedUrl: FEED_URL, db, validateRecord: fastValidateServiceRecord, fetch: server.fetch, ...extra });

function updated(r: SyncResult): Extract<SyncResult, { status: 'updated' }> {
  if (r.status !== 'updated') throw new Error(`expected updated, got ${JSON.stringify(r)}`);
  return r;
}

const rowsByPath = async () => new Map((await db.serviceChunks.toArray()).map((row) => [row.path, row] as const));
const form = (row: StoredChunkRow | undefined) => (row?.fileBytes ? 'bytes' : row?.gzipBytes ? 'gzip' : row?.records ? 'objects' : 'none');

/** What valibot keeps of the same feed, chunk by chunk (records as objects). */
async function keptByValibot(files: Map<string, string>) {
  return withFreshDb('chunk-check-valibot', async (fresh) => {
    updated(await runSync({ feedUrl: FEED_URL, db: fresh, validateRecord: validateServiceRecord, fetch: mockServer(files).fetch }));
    return new Map((await fresh.serviceChunks.toArray()).map((row) => [row.path, row.records] as const));
  });
}

describe('chunks stored as their verified bytes', () => {
  it('stores a chunk whose every record is kept as it is as the file bytes, read back as the records valibot keeps', async () => {
    const files = feed();
    const r = updated(await sync(mockServer(files)));
    expect(r.timings?.byteChunks).toBe(3);
    const rows = await rowsByPath();
    const valibot = await keptByValibot(files);
    for (const [path, row] of rows) {
      expect(form(row)).toBe('bytes');
      expect(new TextDecoder().decode(row.fileBytes)).toBe(files.get(path));
      expect(await recordsOf(row)).toEqual(valibot.get(path));
      expect((await readChunk(path))?.records).toEqual(valibot.get(path));
    }
    const startup = await db.startupChunks.get(`services/${TOWN_A.code}.json`);
    expect(startup?.ids).toEqual(recs(TOWN_A, 6).map((x) => x.id));
  });

  it('keeps records as objects, without the extra key, in a chunk where a record holds a key the schema drops', async () => {
    const b = recs(TOWN_B, 4);
    b[2] = { ...b[2], note: 'not in the schema', name: { zh: '名', en: 'Name', fr: 'Nom' } };
    const files = feed(b);
    const r = updated(await sync(mockServer(files)));
    expect(r.timings?.byteChunks).toBe(2);
    const rows = await rowsByPath();
    const pathB = `services/${TOWN_B.code}.json`;
    expect(form(rows.get(pathB))).toBe('objects');
    expect(rows.get(pathB)?.records?.[2]).not.toHaveProperty('note');
    expect(rows.get(pathB)?.records?.[2]?.name).toEqual({ zh: '名', en: 'Name' });
    expect(await recordsOf(rows.get(pathB)!)).toEqual((await keptByValibot(files)).get(pathB));
  });

  it('keeps records as objects in a chunk with a skipped record', async () => {
    const b = [...recs(TOWN_B, 3), { ...makeRecord(TOWN_B, 9), lat: 'north' }];
    const r = updated(await sync(mockServer(feed(b))));
    expect(r).toMatchObject({ totalRecords: 11, skipped: 1 });
    const rows = await rowsByPath();
    expect(form(rows.get(`services/${TOWN_B.code}.json`))).toBe('objects');
    expect(form(rows.get(`services/${TOWN_A.code}.json`))).toBe('bytes');
  });
});

describe('chunks shared with a helper', () => {
  it('hands chunks to the helper and stores what a sync on one thread stores', async () => {
    const files = feed();
    const helper = countingHelper();
    const r = updated(await sync(mockServer(files), { chunkHelper: () => helper }));
    expect(helper.calls).toBeGreaterThan(0);
    expect(r.timings?.helperChunks).toBe(helper.calls);
    const shared = await db.serviceChunks.orderBy('path').toArray();
    const sharedStartup = await db.startupChunks.orderBy('path').toArray();
    const alone = await withFreshDb('chunk-check-alone', async (fresh) => {
      updated(await runSync({ feedUrl: FEED_URL, db: fresh, validateRecord: fastValidateServiceRecord, fetch: mockServer(files).fetch }));
      return { rows: await fresh.serviceChunks.orderBy('path').toArray(), startup: await fresh.startupChunks.orderBy('path').toArray() };
    });
    expect(shared).toEqual(alone.rows);
    expect(sharedStartup).toEqual(alone.startup);
  });

  it('drops a duplicate id from an exact chunk the helper checked (its records read again here)', async () => {
    const dup = { ...makeRecord(TOWN_A, 0), town: TOWN_B.code, lat: TOWN_B.lat, lon: TOWN_B.lon };
    const server = mockServer(feed([makeRecord(TOWN_B, 0), dup]));
    const plain = server.fetch;
    // chunk A (first in the manifest) arrives last: B is checked (by the helper) before A
    server.fetch = async (input, init) => {
      if (String(input).endsWith(`${TOWN_A.code}.json`)) await new Promise((resolve) => setTimeout(resolve, 30));
      return plain(input, init);
    };
    const r = updated(await sync(server, { chunkHelper: () => countingHelper() }));
    expect(r).toMatchObject({ totalRecords: 9, skipped: 1 });
    const rowB = (await rowsByPath()).get(`services/${TOWN_B.code}.json`);
    expect(form(rowB)).toBe('objects');
    expect((await recordsOf(rowB!)).map((x) => x.id)).toEqual([makeRecord(TOWN_B, 0).id]);
    expect((await db.startupChunks.get(`services/${TOWN_B.code}.json`))?.ids).toEqual([makeRecord(TOWN_B, 0).id]);
  });

  it('starts no helper when at most one chunk is to be fetched (an unchanged feed starts no worker)', async () => {
    const server = mockServer(feed());
    let started = 0;
    const start = () => (started++, countingHelper());
    updated(await sync(server, { chunkHelper: start }));
    expect(started).toBe(1);
    expect((await sync(server, { chunkHelper: start })).status).toBe('unchanged');
    const one = feed(recs(TOWN_B, 3));
    const m = JSON.parse(one.get('manifest.json')!) as { version: string };
    one.set('manifest.json', JSON.stringify({ ...m, version: 'v2' }));
    server.files = one; // only town B's chunk differs
    const r = updated(await sync(server, { chunkHelper: start }));
    expect(r.fetchedChunks).toBe(1);
    expect(started).toBe(1);
  });

  it('leaves a download the size of the sample feed to the sync worker alone; 100k records get the helpers', () => {
    const chunks = (count: number, n: number): ChunkEntry[] =>
      Array.from({ length: n }, (_, i) => ({ path: `services/${i}.json`, town: '441900003', count, sha256: '0'.repeat(64) }));
    expect(worthChunkHelpers(chunks(95, 35))).toBe(false); // 3,325 records: about the sample feed
    expect(worthChunkHelpers(chunks(2_858, 35))).toBe(true); // the 100k bench feed
    expect(worthChunkHelpers(chunks(10_000, 2))).toBe(true);
  });

  it('shares the chunks between several helpers, and goes on without one that fails', async () => {
    const many = buildFeed({
      version: 'v1',
      chunks: [TOWN_A, TOWN_B, TOWN_C].map((town) => ({ town: town.code, services: recs(town, 5) })),
    });
    const helpers = [countingHelper(), countingHelper()];
    let next = 0;
    const r = updated(await sync(mockServer(many), { chunkHelper: () => helpers[next++], helperCount: 3 }));
    expect(next).toBe(2); // never more helpers than chunks less one
    // each takes up to two at once, the least busy first: both get work, this thread none
    expect(helpers.map((h) => h.calls)).toEqual([2, 1]);
    expect(r.timings?.helperChunks).toBe(3);

    await db.delete();
    await db.open();
    const failing: ChunkHelper = { check: () => Promise.reject(new Error('helper crashed')) };
    const working = countingHelper();
    const pair = [failing, working];
    const again = updated(await sync(mockServer(many), { chunkHelper: () => pair.shift(), helperCount: 2 }));
    expect(again).toMatchObject({ totalRecords: 15, fetchedChunks: 3 });
    expect(again.timings?.helperChunks).toBe(working.calls);
    expect(working.calls).toBeGreaterThan(0);
  });

  it('with two helpers this thread opens no chunk: a chunk waits for a free helper', async () => {
    // six towns (records at town A's point: the record check bounds coordinates by the city, not the town)
    const towns = ['441900003', '441900004', '441900005', '441900006', '441900101', '441900102'].map((code) => ({ ...TOWN_A, code }));
    const six = buildFeed({ version: 'v1', chunks: towns.map((town) => ({ town: town.code, services: recs(town, 3) })) });
    const helpers = [countingHelper(), countingHelper()];
    let next = 0;
    const r = updated(await sync(mockServer(six), { chunkHelper: () => helpers[next++], helperCount: 2 }));
    expect(r).toMatchObject({ totalRecords: 18, fetchedChunks: 6 });
    expect(r.timings?.helperChunks).toBe(6);
    expect(helpers[0]!.calls + helpers[1]!.calls).toBe(6);
  });

  it('checks every chunk itself when the helper fails', async () => {
    const failing: ChunkHelper = { check: () => Promise.reject(new Error('helper crashed')) };
    const r = updated(await sync(mockServer(feed()), { chunkHelper: () => failing }));
    expect(r).toMatchObject({ totalRecords: 12, fetchedChunks: 3 });
    expect(r.timings?.helperChunks).toBe(0);
    expect(r.timings?.byteChunks).toBe(3);
  });
});
