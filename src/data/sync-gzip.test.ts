import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { DgNearbyDb } from './db.ts';
import { META_ID, inflateVerified, recordsOf } from './stored-read.ts';
import { openChunk } from './chunk-check.ts';
import { fastValidateServiceRecord } from './fast-record-check.ts';
import { inflateGzip } from './gzip-chunk.ts';
import { runSync, type ChunkHelper, type SyncOptions, type SyncResult } from './sync-engine.ts';
import {
  FEED_URL,
  TOWN_A,
  TOWN_B,
  TOWN_C,
  buildFeed,
  makeRecord,
  mockServer,
  sha,
  withGzipCopies,
  withPackedCopies,
  type MockServer,
} from '../../tests/unit/sync-feed-fixture.ts';
import { useFreshDb, withFreshDb } from '../../tests/unit/fresh-db.ts';

const recs = (town: typeof TOWN_A, n: number, tag = '') => Array.from({ length: n }, (_, i) => makeRecord(town, i, tag));
const feed = (version = 'v1', tagB = '') =>
  buildFeed({
    version,
    chunks: [
      { town: TOWN_A.code, services: recs(TOWN_A, 6) },
      { town: TOWN_B.code, services: recs(TOWN_B, 4, tagB) },
      { town: TOWN_C.code, services: recs(TOWN_C, 2) },
    ],
  });
const path = (town: typeof TOWN_A) => `services/${town.code}.json`;

let db: DgNearbyDb;
useFreshDb('sync-gzip', (opened) => (db = opened));

/** A helper handed chunks as the second worker is: the downloaded bytes arrive as a copy (structured clone). */
const cloningHelper = (): ChunkHelper & { calls: number } => {
  const helper = {
    calls: 0,
    async check(...[entry, at, downloaded]: Parameters<ChunkHelper['check']>) {
      helper.calls++;
      return openChunk(entry, at, structuredClone(downloaded), fastValidateServiceRecord, { keepExactRecords: false });
    },
  };
  return helper;
};

const sync = (on: DgNearbyDb, server: MockServer, extra: Partial<SyncOptions> = {}) =>
  runSync({ feedUrl: FEED_URL, db: on, validateRecord: fastValidateServiceRecord, fetch: server.fetch, ...extra });

function updated(r: SyncResult): Extract<SyncResult, { status: 'updated' }> {
  if (r.status !== 'updated') throw new Error(`expected updated, got ${JSON.stringify(r)}`);
  return r;
}
function failed(r: SyncResult): Extract<SyncResult, { status: 'failed' }> {
  if (r.status !== 'failed') throw new Error(`expected failed, got ${JSON.stringify(r)}`);
  return r;
}

/** What a reader of the store sees: chunk rows (bytes and records), start-up rows, the summaries. */
async function stored(on: DgNearbyDb) {
  const rows = await on.serviceChunks.orderBy('path').toArray();
  const meta = await on.feedMeta.get(META_ID);
  return {
    // the JSON a stored file holds, whichever form (a gzip copy is inflated): the same feed stores the same JSON
    rows: await Promise.all(
      rows.map(async (r) => ({
        path: r.path,
        sha256: r.sha256,
        bytes: r.gzipBytes ? new TextDecoder().decode(await inflateVerified(r.gzipBytes)) : r.fileBytes ? new TextDecoder().decode(r.fileBytes) : null,
        records: await recordsOf(r),
      })),
    ),
    startup: await on.startupChunks.orderBy('path').toArray(),
    chunks: meta?.chunks,
    version: meta?.version,
    totalRecords: meta?.totalRecords,
  };
}

/** Runs `run` as in a browser without DecompressionStream (Safari before 16.4, some in-app browsers). */
async function withoutDecompressionStream(run: () => Promise<unknown>) {
  vi.stubGlobal('DecompressionStream', undefined);
  try {
    await run();
  } finally {
    vi.unstubAllGlobals();
  }
}

/** The same feed synced from its plain chunks on another device. */
const plainDevice = (files: Map<string, string>) =>
  withFreshDb('sync-gzip-plain', async (other) => {
    updated(await sync(other, mockServer(files)));
    return stored(other);
  });

describe('chunks downloaded as their gzip copies (manifest gzipPath)', () => {
  for (const [name, helper] of [
    ['on the sync thread', undefined],
    ['shared with a second worker', cloningHelper],
  ] as const) {
    it(`downloads only the .json.gz files and stores exactly what the plain chunks give (${name})`, async () => {
      const plain = feed();
      const { files, binary } = withGzipCopies(plain);
      const server = mockServer(files, null, binary);
      const h = helper?.();
      const r = updated(await sync(db, server, h ? { chunkHelper: () => h } : {}));
      expect(r.timings?.byteChunks).toBe(3);
      const chunkRequests = server.requests.filter((p) => p.startsWith('services/'));
      expect(chunkRequests.sort()).toEqual([path(TOWN_A), path(TOWN_B), path(TOWN_C)].map((p) => `${p}.gz`));
      if (h) expect(h.calls).toBeGreaterThan(0);
      // stored as the gzip copies themselves: 20× fewer bytes to write and to read than the JSON
      const rows = await db.serviceChunks.orderBy('path').toArray();
      expect(rows.map((row) => row.gzipBytes)).toEqual([path(TOWN_A), path(TOWN_B), path(TOWN_C)].map((p) => binary.get(`${p}.gz`)));
      const got = await stored(db);
      expect(got.rows.map((row) => row.bytes)).toEqual([path(TOWN_A), path(TOWN_B), path(TOWN_C)].map((p) => plain.get(p)));
      expect(got).toEqual(await plainDevice(plain));
    });
  }

  it('syncs a manifest that mixes plain chunks and gzip copies', async () => {
    const plain = feed();
    const { files, binary } = withGzipCopies(plain, [TOWN_A.code, TOWN_C.code]);
    const server = mockServer(files, null, binary);
    updated(await sync(db, server, { chunkHelper: cloningHelper }));
    expect(server.requests.filter((p) => p.startsWith('services/')).sort()).toEqual([`${path(TOWN_A)}.gz`, path(TOWN_B), `${path(TOWN_C)}.gz`]);
    expect(await stored(db)).toEqual(await plainDevice(plain));
  });

  it('takes the JSON itself from a host that sends the .gz with Content-Encoding: gzip (the browser inflated it)', async () => {
    const plain = feed();
    const { files } = withGzipCopies(plain);
    const inflatedByHost = new Map([path(TOWN_A), path(TOWN_B), path(TOWN_C)].map((p) => [`${p}.gz`, new TextEncoder().encode(plain.get(p)!)] as const));
    updated(await sync(db, mockServer(files, null, inflatedByHost)));
    expect(await stored(db)).toEqual(await plainDevice(plain));
  });

  it('downloads the JSON of a chunk whose copy the host does not have (404), and checks it as JSON', async () => {
    const plain = feed();
    const { files, binary } = withGzipCopies(plain);
    binary.delete(`${path(TOWN_B)}.gz`);
    const server = mockServer(files, null, binary);
    updated(await sync(db, server, { chunkHelper: cloningHelper }));
    expect(server.requests.filter((p) => p.startsWith('services/')).sort()).toEqual([
      `${path(TOWN_A)}.gz`,
      path(TOWN_B),
      `${path(TOWN_B)}.gz`,
      `${path(TOWN_C)}.gz`,
    ]);
    expect(await stored(db)).toEqual(await plainDevice(plain));
  });

  it('downloads the JSON where the browser has no DecompressionStream (Safari before 16.4)', async () => {
    const plain = feed();
    const { files, binary } = withGzipCopies(plain);
    const server = mockServer(files, null, binary);
    await withoutDecompressionStream(async () => updated(await sync(db, server)));
    expect(server.requests.filter((p) => p.startsWith('services/')).sort()).toEqual([path(TOWN_A), path(TOWN_B), path(TOWN_C)]);
    expect(await stored(db)).toEqual(await plainDevice(plain));
  });

  it('does not download an unchanged gzip copy again, nor any chunk when a feed adds gzip copies of the same JSON', async () => {
    const v1 = withGzipCopies(feed('v1'));
    updated(await sync(db, mockServer(v1.files, null, v1.binary)));
    const v2 = withGzipCopies(feed('v2', '-changed'));
    const server = mockServer(v2.files, null, v2.binary);
    const r = updated(await sync(db, server));
    expect(r).toMatchObject({ fetchedChunks: 1, unchangedChunks: 2 });
    expect(server.requests.filter((p) => p.startsWith('services/'))).toEqual([`${path(TOWN_B)}.gz`]);
    expect((await recordsOf((await db.serviceChunks.get(path(TOWN_B)))!)).map((x) => x.id)).toEqual(recs(TOWN_B, 4, '-changed').map((x) => x.id));

    // a plain feed, then the same JSON with gzip copies (its sha256 is of the JSON, so nothing changed)
    await db.delete();
    await db.open();
    updated(await sync(db, mockServer(feed('v1'))));
    const gz = withGzipCopies(feed('v2'));
    const again = mockServer(gz.files, null, gz.binary);
    expect(updated(await sync(db, again))).toMatchObject({ fetchedChunks: 0, unchangedChunks: 3 });
    expect(again.requests.filter((p) => p.startsWith('services/'))).toEqual([]);
  });
});

describe('chunks downloaded as their packed copies (manifest packedPath, packedSha256)', () => {
  const WEEKDAYS = ['08:00-17:00', '08:00-17:00', '08:00-17:00', '08:00-17:00', '08:00-17:00', '', ''];
  /** Records that share opening hours (two patterns, some without) and a source per owner, as real towns do. */
  const varied = (town: typeof TOWN_A, n: number, tag = '') =>
    recs(town, n, tag).map((r, i) => ({
      ...r,
      ...(i % 3 === 0 ? {} : { hours: { weekly: i % 3 === 1 ? WEEKDAYS : WEEKDAYS.map((d) => d && '09:00-12:00'), publicHolidays: 'closed' } }),
      source: { kind: 'spreadsheet', reference: `owner ${i % 2}`, updated: '2026-11-01T00:00:00.000Z' },
    }));
  const variedFeed = (version = 'v1', tagB = '') =>
    buildFeed({
      version,
      chunks: [
        { town: TOWN_A.code, services: varied(TOWN_A, 6) },
        { town: TOWN_B.code, services: varied(TOWN_B, 4, tagB) },
        { town: TOWN_C.code, services: varied(TOWN_C, 2) },
      ],
    });
  const packedOf = (town: typeof TOWN_A) => `services/${town.code}-packed.json.gz`;

  for (const [name, helper] of [
    ['on the sync thread', undefined],
    ['shared with a second worker', cloningHelper],
  ] as const) {
    it(`downloads only the packed copies and reads back exactly the records the plain chunks give (${name})`, async () => {
      const plain = variedFeed();
      const { files, binary } = withPackedCopies(plain);
      const server = mockServer(files, null, binary);
      const h = helper?.();
      const r = updated(await sync(db, server, h ? { chunkHelper: () => h } : {}));
      expect(r.timings?.byteChunks).toBe(3);
      expect(server.requests.filter((p) => p.startsWith('services/')).sort()).toEqual([packedOf(TOWN_A), packedOf(TOWN_B), packedOf(TOWN_C)]);
      const rows = await db.serviceChunks.orderBy('path').toArray();
      expect(rows.map((row) => [row.packed, row.gzipBytes])).toEqual([TOWN_A, TOWN_B, TOWN_C].map((t) => [true, binary.get(packedOf(t))]));
      const got = await stored(db);
      const other = await plainDevice(plain);
      // the same records, start-up rows and summaries; only the stored file differs (the packed copy's JSON)
      expect(got.rows.map((row) => row.records)).toEqual(other.rows.map((row) => row.records));
      expect({ ...got, rows: null }).toEqual({ ...other, rows: null });
      // records share their chunk's table entries, which no reader can change
      const a = got.rows[0]!.records;
      expect(a[1]!.hours).toBe(a[4]!.hours);
      expect(Object.isFrozen(a[1]!.hours!.weekly)).toBe(true);
    });
  }

  it('falls back to the gzip copy when the host has no packed copy (404), and to the JSON without DecompressionStream', async () => {
    const plain = variedFeed();
    const { files, binary } = withPackedCopies(plain);
    binary.delete(packedOf(TOWN_B));
    const server = mockServer(files, null, binary);
    updated(await sync(db, server, { chunkHelper: cloningHelper }));
    expect(server.requests.filter((p) => p.startsWith('services/')).sort()).toEqual([packedOf(TOWN_A), packedOf(TOWN_B), `${path(TOWN_B)}.gz`, packedOf(TOWN_C)]);
    expect((await db.serviceChunks.get(path(TOWN_B)))?.packed).toBeUndefined();
    expect((await stored(db)).rows.map((row) => row.records)).toEqual((await plainDevice(plain)).rows.map((row) => row.records));

    await db.delete();
    await db.open();
    const again = mockServer(files, null, binary);
    await withoutDecompressionStream(async () => updated(await sync(db, again)));
    expect(again.requests.filter((p) => p.startsWith('services/')).sort()).toEqual([path(TOWN_A), path(TOWN_B), path(TOWN_C)]);
  });

  it('a packed copy that unpacks to a changed record is checked as the records it gives: the record check still decides', async () => {
    const plain = variedFeed();
    const { files, binary } = withPackedCopies(plain, [TOWN_A.code]);
    // an index past the end of the table is no reference: the record keeps the number, which no schema accepts
    const manifest = JSON.parse(files.get('manifest.json')!) as { chunks: { town: string; packedPath?: string; packedSha256?: string }[] };
    const entry = manifest.chunks.find((c) => c.town === TOWN_A.code)!;
    const packed = JSON.parse(new TextDecoder().decode(await inflateVerified(binary.get(entry.packedPath!)!))) as { services: { source: number }[] };
    packed.services[2]!.source = 99;
    const text = JSON.stringify(packed);
    binary.set(entry.packedPath!, new Uint8Array(gzipSync(text)));
    entry.packedSha256 = sha(text);
    files.set('manifest.json', JSON.stringify(manifest));
    const r = updated(await sync(db, mockServer(files, null, binary)));
    const summary = (await db.feedMeta.get(META_ID))!.chunks![path(TOWN_A)]!;
    expect(summary).toMatchObject({ count: 5, skipped: 1 });
    expect(summary.skipSamples).toEqual([`${path(TOWN_A)}: t-${TOWN_A.code}-2: $.source: expected an object`]);
    expect(r.timings?.byteChunks).toBe(2);
  });

  it('a packed copy whose JSON is not the one packedSha256 names rejects the version and keeps the old one', async () => {
    const v1 = withPackedCopies(variedFeed('v1'));
    updated(await sync(db, mockServer(v1.files, null, v1.binary)));
    const before = await stored(db);
    const v2 = withPackedCopies(variedFeed('v2', '-changed'));
    v2.binary.set(packedOf(TOWN_B), v1.binary.get(packedOf(TOWN_B))!);
    const r = failed(await sync(db, mockServer(v2.files, null, v2.binary), { chunkHelper: cloningHelper }));
    expect(r.error).toMatchObject({ code: 'checksum', file: packedOf(TOWN_B) });
    expect(r.error.message).toMatch(/^sha256 of the inflated JSON mismatch/);
    expect(await stored(db)).toEqual(before);
  });
});

describe('a broken gzip copy rejects the version and keeps the old one', () => {
  /** v1 stored from gzip copies, then v2 whose copy of town B is broken by `spoil`. */
  async function afterBrokenV2(spoil: (gz: Uint8Array, json: string) => Uint8Array) {
    const v1 = withGzipCopies(feed('v1'));
    updated(await sync(db, mockServer(v1.files, null, v1.binary)));
    const before = await stored(db);
    const v2 = withGzipCopies(feed('v2', '-changed'));
    const file = `${path(TOWN_B)}.gz`;
    v2.binary.set(file, spoil(v2.binary.get(file)!, v2.files.get(path(TOWN_B))!));
    const r = failed(await sync(db, mockServer(v2.files, null, v2.binary), { chunkHelper: cloningHelper }));
    expect(await stored(db)).toEqual(before);
    expect((await db.feedMeta.get(META_ID))?.lastError).toMatchObject({ code: r.error.code, file });
    return r.error;
  }

  it('corrupt deflate data: a parse fault naming the .gz file', async () => {
    const error = await afterBrokenV2((gz) => {
      const bad = gz.slice();
      for (let i = 20; i < 40; i++) bad[i] = bad[i]! ^ 0xff;
      return bad;
    });
    expect(error.code).toBe('parse');
    expect(error.message).toMatch(/^not valid gzip \(/);
  });

  it('cut short: a parse fault', async () => {
    const error = await afterBrokenV2((gz) => gz.slice(0, gz.length - 12));
    expect(error).toMatchObject({ code: 'parse' });
    expect(error.message).toMatch(/gzip/);
  });

  it('a valid gzip of other JSON: a checksum fault over the inflated bytes', async () => {
    const error = await afterBrokenV2((_gz, json) => new Uint8Array(gzipSync(json.replace('测试服务 0', '测试服务 X'))));
    expect(error.code).toBe('checksum');
    expect(error.message).toMatch(/^sha256 of the inflated JSON mismatch \(expected [0-9a-f]{12}…, got [0-9a-f]{12}…\)$/);
  });

  it('neither gzip nor the JSON: a checksum fault that says so', async () => {
    const error = await afterBrokenV2(() => new TextEncoder().encode('{"town":"441900004","services":[]}'));
    expect(error.code).toBe('checksum');
    expect(error.message).toMatch(/^not gzip data, nor the JSON the sha256 names/);
  });
});

describe('inflateGzip', () => {
  it('inflates what node:zlib wrote, byte for byte', async () => {
    const json = JSON.stringify({ town: TOWN_A.code, services: recs(TOWN_A, 50) });
    const out = await inflateGzip(new Uint8Array(gzipSync(json, { level: 9 })));
    expect(out.ok && new TextDecoder().decode(out.bytes)).toBe(json);
    expect(out.ok && out.bytes.byteLength === out.bytes.buffer.byteLength).toBe(true);
  });

  it('refuses output beyond its bound (a small file that inflates to a huge one)', async () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(4 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(10_000);
    expect(await inflateGzip(bomb, 1024 * 1024)).toEqual({ ok: false, reason: 'inflates to more than 1 MB' });
    expect((await inflateGzip(bomb, 8 * 1024 * 1024)).ok).toBe(true);
  });

  it('refuses what is not gzip, and junk after the end', async () => {
    expect(await inflateGzip(new TextEncoder().encode('{"town":"x","services":[]}'))).toEqual({ ok: false, reason: 'not gzip data' });
    const gz = new Uint8Array(gzipSync('{"a":1}'));
    const junk = new Uint8Array([...gz, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect((await inflateGzip(junk)).ok).toBe(false);
  });
});
