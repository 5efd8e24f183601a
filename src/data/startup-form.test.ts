import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from './categories.ts';
import { type DgNearbyDb } from './db.ts';
import { recordsOf } from './stored-read.ts';
import { STARTUP_FORM_VERSION, isCurrentStartupRow } from './startup-form.ts';
import { rebuildStartupForms } from './startup-rebuild.ts';
import { runSync } from './sync-engine.ts';
import { validateServiceRecord } from './validate-feed.ts';
import { FEED_URL, TOWN_A, TOWN_B, TOWN_C, buildFeed, makeRecord, mockServer } from '../../tests/unit/sync-feed-fixture.ts';
import { useFreshDb } from '../../tests/unit/fresh-db.ts';

const recs = (town: typeof TOWN_A, n: number, tag = '') => Array.from({ length: n }, (_, i) => makeRecord(town, i, tag));

let db: DgNearbyDb;
useFreshDb('startup-form-test', (opened) => (db = opened));

const sync = (files: Map<string, string>) => runSync({ feedUrl: FEED_URL, db, validateRecord: validateServiceRecord, fetch: mockServer(files).fetch });

const feed = (version: string, b: number, withC: boolean) =>
  buildFeed({
    version,
    chunks: [
      { town: TOWN_A.code, services: recs(TOWN_A, 7) },
      { town: TOWN_B.code, services: recs(TOWN_B, b, version) },
      ...(withC ? [{ town: TOWN_C.code, services: recs(TOWN_C, 3) }] : []),
    ],
  });

/** Every start-up row must describe its chunk's records exactly, in the same order. */
async function expectRowsMatchRecords(): Promise<void> {
  const chunks = await db.serviceChunks.orderBy('path').toArray();
  const rows = await db.startupChunks.orderBy('path').toArray();
  expect(rows.map((r) => r.path)).toEqual(chunks.map((c) => c.path));
  const meta = await db.feedMeta.get('meta');
  for (const [k, chunk] of chunks.entries()) {
    const row = rows[k]!;
    const records = await recordsOf(chunk);
    expect(isCurrentStartupRow(row, meta!.chunks![chunk.path]!)).toBe(true);
    expect(row.ids).toEqual(records.map((r) => r.id));
    expect(Array.from(row.coords)).toEqual(records.flatMap((r) => [r.lon, r.lat]));
    expect(Array.from(row.category, (c) => CATEGORIES[c])).toEqual(records.map((r) => r.category));
  }
}

describe('compact start-up form', () => {
  it('is written with every sync, in the same transaction as the records, and follows incremental syncs', async () => {
    expect((await sync(feed('v1', 4, true))).status).toBe('updated');
    await expectRowsMatchRecords();
    const before = await db.startupChunks.get(`services/${TOWN_A.code}.json`);
    // v2: B changes, C disappears, A is untouched
    expect((await sync(feed('v2', 5, false))).status).toBe('updated');
    await expectRowsMatchRecords();
    expect(await db.startupChunks.get(`services/${TOWN_C.code}.json`)).toBeUndefined();
    expect((await db.startupChunks.get(`services/${TOWN_A.code}.json`))?.kdbush).toEqual(before?.kdbush);
    expect((await db.startupChunks.get(`services/${TOWN_B.code}.json`))?.count).toBe(5);
  });

  it('a missing row or one of an older form version is rebuilt from the records, never taken as current', async () => {
    await sync(feed('v1', 4, true));
    const meta = (await db.feedMeta.get('meta'))!;
    const pathA = `services/${TOWN_A.code}.json`;
    const pathB = `services/${TOWN_B.code}.json`;
    await db.startupChunks.delete(pathA);
    const old = (await db.startupChunks.get(pathB))!;
    // What an older build wrote: same chunk, older layout (here: its fields mean something else).
    await db.startupChunks.put({ ...old, formVersion: STARTUP_FORM_VERSION - 1, ids: old.ids.slice().reverse() });
    expect(isCurrentStartupRow(await db.startupChunks.get(pathB), meta.chunks![pathB]!)).toBe(false);
    expect(isCurrentStartupRow(await db.startupChunks.get(pathA), meta.chunks![pathA]!)).toBe(false);

    expect(await rebuildStartupForms(db)).toBe(2);
    await expectRowsMatchRecords();
    expect(await rebuildStartupForms(db)).toBe(0); // nothing left to do
  });

  it('a row whose chunk changed (other sha256 or record count) is not current', async () => {
    await sync(feed('v1', 4, true));
    const pathB = `services/${TOWN_B.code}.json`;
    const row = (await db.startupChunks.get(pathB))!;
    const summary = (await db.feedMeta.get('meta'))!.chunks![pathB]!;
    expect(isCurrentStartupRow(row, summary)).toBe(true);
    expect(isCurrentStartupRow(row, { ...summary, sha256: 'f'.repeat(64) })).toBe(false);
    expect(isCurrentStartupRow(row, { ...summary, count: summary.count - 1 })).toBe(false);
  });
});
