import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { type DgNearbyDb } from './db.ts';
import { META_ID, recordsOf } from './stored-read.ts';
import { runSync, type SyncOptions, type SyncProgress, type SyncResult } from './sync-engine.ts';
import { openChunk } from './chunk-check.ts';
import { fastValidateServiceRecord } from './fast-record-check.ts';
import { validateServiceRecord } from './validate-feed.ts';
import {
  FEED_URL,
  TOWN_A,
  TOWN_B,
  TOWN_C,
  buildFeed,
  makeRecord,
  mockServer,
  sha,
  type MockServer,
} from '../../tests/unit/sync-feed-fixture.ts';
import { useFreshDb } from '../../tests/unit/fresh-db.ts';

const recs = (town: typeof TOWN_A, n: number, tag = '') => Array.from({ length: n }, (_, i) => makeRecord(town, i, tag));

const V1 = () =>
  buildFeed({
    version: 'v1',
    chunks: [
      { town: TOWN_A.code, services: recs(TOWN_A, 6) },
      { town: TOWN_B.code, services: recs(TOWN_B, 4) },
      { town: TOWN_C.code, services: recs(TOWN_C, 2) },
    ],
    programmes: [{ id: 'p-1', title: 'x' }, { id: 'p-2' }, { nope: true }],
  });

let db: DgNearbyDb;
useFreshDb('sync-test', (opened) => (db = opened));

const syncWith = (server: MockServer, extra: Partial<SyncOptions>) => sync(server, extra as Parameters<typeof sync>[1]);
const sync = (server: MockServer, extra: Partial<Pick<SyncOptions, 'force' | 'onProgress' | 'validateRecord' | 'chunkHelper'>> = {}) =>
  runSync({ feedUrl: FEED_URL, db, validateRecord: validateServiceRecord, fetch: server.fetch, ...extra });

/** The app's record check, with a helper on this thread that is handed chunks as the second worker would be. */
const sharedChecks = (): Partial<SyncOptions> => ({
  validateRecord: fastValidateServiceRecord,
  chunkHelper: () => ({ check: (entry, at, downloaded) => openChunk(entry, at, downloaded, fastValidateServiceRecord, { keepExactRecords: false }) }),
});

/** Everything a reader of the store could see, for before/after comparisons. */
async function snapshot() {
  const chunks = await db.serviceChunks.orderBy('path').toArray();
  const meta = await db.feedMeta.get(META_ID);
  return {
    chunks,
    version: meta?.version,
    totals: meta?.totalRecords,
    towns: await db.towns.toArray(),
    programmes: await db.programmes.toArray(),
  };
}

function expectUpdated(r: SyncResult): asserts r is Extract<SyncResult, { status: 'updated' }> {
  if (r.status !== 'updated') throw new Error(`expected updated, got ${JSON.stringify(r)}`);
}

describe('first sync', () => {
  it('imports every chunk, towns and programmes, and reports progress through to done', async () => {
    const server = mockServer(V1(), '"e1"');
    const phases: SyncProgress[] = [];
    const r = await sync(server, { onProgress: (p) => phases.push(p) });
    expectUpdated(r);
    expect(r).toMatchObject({ version: 'v1', previousVersion: null, fetchedChunks: 3, totalRecords: 12, skipped: 0 });
    const rows = await db.serviceChunks.toArray();
    expect(rows.map((c) => c.path).sort()).toEqual(['services/441900003.json', 'services/441900004.json', 'services/441900005.json']);
    expect((await Promise.all(rows.map(recordsOf))).flat()).toHaveLength(12);
    const meta = await db.feedMeta.get(META_ID);
    expect(meta?.version).toBe('v1');
    expect(meta?.etag).toBe('"e1"');
    expect(meta?.manifest?.sources[0]?.licence).toBe('CC0-1.0');
    // 6 categories in round-robin: town A has one of each
    expect(meta?.chunks?.['services/441900003.json']?.byCategory).toEqual({
      kindergarten: 1, clinic: 1, nursery: 1, elderly_daycare: 1, sports_venue: 1, parking: 1,
    });
    expect((await db.towns.get('towns'))?.geojson).toEqual({ type: 'FeatureCollection', features: [] });
    expect((await db.programmes.toArray()).map((p) => p.id).sort()).toEqual(['p-1', 'p-2']);
    expect(phases[0]?.phase).toBe('manifest');
    expect(phases.at(-1)).toEqual({ phase: 'done', done: 1, total: 1 });
    expect(phases.filter((p) => p.phase === 'chunks').at(-1)).toEqual({ phase: 'chunks', done: 3, total: 3 });
  });
});

describe('later syncs', () => {
  it('sends the stored ETag and downloads nothing else on 304', async () => {
    const server = mockServer(V1(), '"e1"');
    expectUpdated(await sync(server));
    server.requests.length = 0;
    const r = await sync(server);
    expect(r.status).toBe('unchanged');
    expect(server.manifestHeaders.at(-1)?.['If-None-Match']).toBe('"e1"');
    expect(server.requests).toEqual(['manifest.json']);
  });

  it('treats a same-version manifest without ETag as unchanged', async () => {
    const server = mockServer(V1());
    await sync(server);
    server.requests.length = 0;
    expect((await sync(server)).status).toBe('unchanged');
    expect(server.requests).toEqual(['manifest.json']);
  });

  it('fetches only chunks whose sha256 changed, removes chunks no longer listed, and replaces atomically', async () => {
    const server = mockServer(V1());
    await sync(server);
    const before = await db.serviceChunks.get('services/441900003.json');
    server.files = buildFeed({
      version: 'v2',
      chunks: [
        { town: TOWN_A.code, services: recs(TOWN_A, 6) }, // identical
        { town: TOWN_B.code, services: recs(TOWN_B, 5, '-new') }, // changed
        // TOWN_C dropped
      ],
      programmes: [{ id: 'p-1', title: 'x' }, { id: 'p-2' }, { nope: true }], // identical
    });
    server.requests.length = 0;
    const r = await sync(server);
    expectUpdated(r);
    expect(server.requests).toEqual(['manifest.json', 'services/441900004.json']);
    expect(r).toMatchObject({ fetchedChunks: 1, unchangedChunks: 1, removedChunks: 1, totalRecords: 11, previousVersion: 'v1' });
    const rows = await db.serviceChunks.orderBy('path').toArray();
    expect(rows.map((c) => c.path)).toEqual(['services/441900003.json', 'services/441900004.json']);
    expect(rows[0]).toEqual(before); // untouched row, still tagged v1
    expect(rows[1]?.version).toBe('v2');
    expect((await recordsOf(rows[1]!)).every((rec) => rec.id.endsWith('-new'))).toBe(true);
    expect((await db.feedMeta.get(META_ID))?.version).toBe('v2');
  });

  it('never touches favourites, recents or settings', async () => {
    await db.favourites.put({ serviceId: 't-441900005-0', addedAt: '2026-01-01T00:00:00.000Z' });
    await db.recents.put({ serviceId: 'x', viewedAt: '2026-01-01T00:00:00.000Z' });
    await db.settings.put({ key: 'lastPlace', value: { lat: 1 } });
    const server = mockServer(V1());
    await sync(server);
    server.files = buildFeed({ version: 'v2', chunks: [{ town: TOWN_A.code, services: recs(TOWN_A, 1) }] });
    expectUpdated(await sync(server));
    expect(await db.favourites.toArray()).toEqual([{ serviceId: 't-441900005-0', addedAt: '2026-01-01T00:00:00.000Z' }]);
    expect(await db.recents.count()).toBe(1);
    expect((await db.settings.get('lastPlace'))?.value).toEqual({ lat: 1 });
  });
});

describe('bad records are skipped and counted, never half-written', () => {
  it('keeps the valid records and reports each skipped one with a reason', async () => {
    const good = recs(TOWN_A, 3);
    const bad = [
      { ...makeRecord(TOWN_A, 10), lat: 'north' },
      { ...makeRecord(TOWN_A, 11), url: 'javascript:alert(1)' },
      { ...makeRecord(TOWN_A, 12), town: TOWN_B.code, lat: TOWN_B.lat, lon: TOWN_B.lon }, // in the wrong chunk
      makeRecord(TOWN_A, 0), // duplicate id
      'not even an object',
    ];
    const server = mockServer(buildFeed({ version: 'v1', chunks: [{ town: TOWN_A.code, services: [...good, ...bad] }] }));
    const r = await sync(server);
    expectUpdated(r);
    expect(r.totalRecords).toBe(3);
    expect(r.skipped).toBe(5);
    expect(r.skipSamples).toHaveLength(5);
    expect(r.skipSamples[0]).toMatch(/^services\/441900003\.json: t-441900003-10: .*lat/);
    expect(r.skipSamples[1]).toMatch(/t-441900003-11: .*url/);
    expect(r.skipSamples[2]).toMatch(/t-441900003-12: town 441900004 does not match/);
    expect(r.skipSamples[3]).toMatch(/t-441900003-0: duplicate id/);
    expect(r.skipSamples[4]).toMatch(/#7: /);
    const stored = (await Promise.all((await db.serviceChunks.toArray()).map(recordsOf))).flat();
    expect(stored.map((s) => s.id)).toEqual(good.map((g) => g.id));
    const meta = await db.feedMeta.get(META_ID);
    expect(meta?.skipped).toBe(5);
    expect(meta?.skipSamples).toEqual(r.skipSamples);
  });
});

describe('duplicate ids across chunks', () => {
  it('keeps the copy in the earlier chunk of the manifest even when the later chunk arrives first', async () => {
    const shared = { ...makeRecord(TOWN_A, 0), town: TOWN_B.code, lat: TOWN_B.lat, lon: TOWN_B.lon }; // same id, town B
    const server = mockServer(
      buildFeed({ version: 'v1', chunks: [{ town: TOWN_A.code, services: recs(TOWN_A, 2) }, { town: TOWN_B.code, services: [makeRecord(TOWN_B, 0), shared] }] }),
    );
    const plain = server.fetch;
    // chunk A (first in the manifest) is slow: validation of B finishes before A's
    server.fetch = async (input, init) => {
      if (String(input).endsWith(`${TOWN_A.code}.json`)) await new Promise((r) => setTimeout(r, 30));
      return plain(input, init);
    };
    const r = await sync(server);
    expectUpdated(r);
    expect(r.totalRecords).toBe(3);
    expect(r.skipped).toBe(1);
    expect(r.skipSamples).toEqual([`services/${TOWN_B.code}.json: t-${TOWN_A.code}-0: duplicate id`]);
    const a = await db.serviceChunks.get(`services/${TOWN_A.code}.json`);
    expect((await recordsOf(a!)).map((x) => x.id)).toEqual([`t-${TOWN_A.code}-0`, `t-${TOWN_A.code}-1`]);
  });
});

describe('many bad records', () => {
  it('counts every skip but keeps only the first reasons, in file order', async () => {
    const bad = Array.from({ length: 8 }, (_, i) => ({ ...makeRecord(TOWN_A, 20 + i), lat: 'x' }));
    const services = [makeRecord(TOWN_A, 0), ...bad.slice(0, 2), makeRecord(TOWN_A, 0), ...bad.slice(2)]; // a duplicate at index 3
    const r = await sync(mockServer(buildFeed({ version: 'v1', chunks: [{ town: TOWN_A.code, services }] })));
    expectUpdated(r);
    expect(r.totalRecords).toBe(1);
    expect(r.skipped).toBe(9);
    expect(r.skipSamples.map((x) => x.split(': ')[1])).toEqual([`t-${TOWN_A.code}-20`, `t-${TOWN_A.code}-21`, `t-${TOWN_A.code}-0`, `t-${TOWN_A.code}-22`, `t-${TOWN_A.code}-23`]);
    expect(r.skipSamples[2]).toMatch(/duplicate id$/);
  });
});

describe('a structural failure keeps the previous version fully usable', () => {
  const brokenV2 = (server: MockServer) => {
    server.files = buildFeed({
      version: 'v2',
      chunks: [
        { town: TOWN_A.code, services: recs(TOWN_A, 2, '-v2') },
        { town: TOWN_B.code, services: recs(TOWN_B, 2, '-v2') },
        { town: TOWN_C.code, services: recs(TOWN_C, 2) },
      ],
      programmes: [{ id: 'p-9' }],
    });
  };
  const secondChunk = 'services/441900004.json';

  const cases: [string, (s: MockServer) => void, string][] = [
    ['network error on the second chunk', (s) => s.faults.set(secondChunk, 'network'), 'network'],
    ['connection dropped mid-body', (s) => s.faults.set(secondChunk, 'truncate'), 'network'],
    ['HTTP 500', (s) => s.faults.set(secondChunk, 'http500'), 'http'],
    ['checksum mismatch', (s) => s.files.set(secondChunk, s.files.get(secondChunk)!.replace('-v2', '-XX')), 'checksum'],
    [
      'truncated JSON whose checksum matches (manifest built from the broken file)',
      (s) => {
        const broken = s.files.get(secondChunk)!.slice(0, 40);
        s.files.set(secondChunk, broken);
        const m = JSON.parse(s.files.get('manifest.json')!);
        m.chunks[1].sha256 = sha(broken);
        s.files.set('manifest.json', JSON.stringify(m));
      },
      'parse',
    ],
    [
      'chunk record count differs from the manifest',
      (s) => {
        const m = JSON.parse(s.files.get('manifest.json')!);
        m.chunks[1].count = 7;
        s.files.set('manifest.json', JSON.stringify(m));
      },
      'chunk',
    ],
    ['invalid manifest', (s) => s.files.set('manifest.json', JSON.stringify({ version: 'v2', chunks: 'x' })), 'manifest'],
    ['manifest cut mid-body', (s) => s.faults.set('manifest.json', 'truncate'), 'network'],
    ['towns.geojson missing', (s) => s.files.delete('towns.geojson'), 'http'],
  ];

  // valibot's check keeps records as objects; the app's fast check stores exact chunks as their bytes and shares chunks with a helper
  for (const [checks, options] of [['valibot', {}], ['fast check + helper', sharedChecks()]] as const)
  for (const [label, breakIt, code] of cases) {
    it(`${label} → ${code}, old data intact (${checks})`, async () => {
      const sync = (server: MockServer) => syncWith(server, options);
      const server = mockServer(V1());
      // make towns differ in v2 so that the towns file is fetched too
      expectUpdated(await sync(server));
      const before = await snapshot();
      brokenV2(server);
      server.files.set('towns.geojson', JSON.stringify({ type: 'FeatureCollection', features: [], v: 2 }));
      const m = JSON.parse(server.files.get('manifest.json')!);
      m.files['towns.geojson'] = sha(server.files.get('towns.geojson')!);
      server.files.set('manifest.json', JSON.stringify(m));
      breakIt(server);
      const r = await sync(server);
      expect(r.status).toBe('failed');
      if (r.status !== 'failed') return;
      expect(r.error.code).toBe(code);
      expect(r.previousVersion).toBe('v1');
      expect(await snapshot()).toEqual(before);
      expect((await db.feedMeta.get(META_ID))?.lastError?.code).toBe(code);
      // and the fixed feed then syncs fine
      server.faults.clear();
      brokenV2(server);
      const again = await sync(server);
      expectUpdated(again);
      expect((await db.feedMeta.get(META_ID))?.lastError).toBeUndefined();
      expect((await snapshot()).version).toBe('v2');
    });
  }

  it('a quota error during the write → clear "quota" error, nothing written', async () => {
    const server = mockServer(V1());
    expectUpdated(await sync(server));
    const before = await snapshot();
    brokenV2(server);
    const spy = vi.spyOn(db.feedMeta, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const r = await sync(server);
    spy.mockRestore();
    expect(r.status).toBe('failed');
    if (r.status === 'failed') expect(r.error.code).toBe('quota');
    // the chunks written earlier in the same transaction were rolled back
    expect(await snapshot()).toEqual(before);
  });

  it('a failed first sync leaves an empty store that still reports no version', async () => {
    const server = mockServer(V1());
    server.faults.set('services/441900004.json', 'truncate');
    const r = await sync(server);
    expect(r.status).toBe('failed');
    expect(await db.serviceChunks.count()).toBe(0);
    const meta = await db.feedMeta.get(META_ID);
    expect(meta?.version).toBeUndefined();
    expect(meta?.lastError?.code).toBe('network');
  });
});

describe('a feed that still pins availability.json (built before the relay): its shape is part of the version', () => {
  const withAvailability = (version: string, availability: string) =>
    buildFeed({ version, chunks: [{ town: TOWN_A.code, services: recs(TOWN_A, 3) }], availability });
  const GOOD = '{"generatedAt":"2026-11-27T23:59:00Z","pollSeconds":30,"items":[]}';

  it('takes the version when the file is well formed, and refuses the next one when it is not (the stored version stays)', async () => {
    const sync = (version: string, availability: string) =>
      runSync({ feedUrl: FEED_URL, db, validateRecord: validateServiceRecord, fetch: mockServer(withAvailability(version, availability)).fetch });
    expectUpdated(await sync('v1', GOOD));
    const before = await snapshot();
    // An array is not an availability file: the whole version is refused and v1 stays as it was.
    const bad = await sync('v2', '[]');
    expect(bad.status).toBe('failed');
    if (bad.status === 'failed') expect(bad.error).toMatchObject({ code: 'parse', file: 'availability.json' });
    expect(await snapshot()).toEqual(before);
    const unreadable = await sync('v3', '{"items":');
    expect(unreadable.status === 'failed' && unreadable.error.message).toMatch(/^unreadable JSON/);
    expect(await snapshot()).toEqual(before);
  });
});
