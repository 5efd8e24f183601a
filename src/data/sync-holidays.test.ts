/** The feed's holidays.json on the device (issue 12): validated like data:validate, stored, removed; the finder does not read it yet. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type DgNearbyDb } from './db.ts';
import { FEED_HOLIDAYS_KEY } from './stored-read.ts';
import { runSync } from './sync-engine.ts';
import { validateServiceRecord } from './validate-feed.ts';
import { FEED_URL, TOWN_A, buildFeed, makeRecord, mockServer } from '../../tests/unit/sync-feed-fixture.ts';
import { useFreshDb } from '../../tests/unit/fresh-db.ts';

const TABLE_2027 = { source: 'test: 2027 notice', years: [2027, 2027], names: [["New Year's Day", '元旦']], holidays: [['2027-01-01', 3, 0]], makeupDays: [['2027-01-09', 0]] };
const feed = (version: string, holidays?: unknown) => buildFeed({ version, chunks: [{ town: TOWN_A.code, services: [makeRecord(TOWN_A, 0)] }], ...(holidays !== undefined ? { holidays } : {}) });

let db: DgNearbyDb;
useFreshDb('sync-holidays', (opened) => (db = opened));
const sync = (files: Map<string, string>) => runSync({ feedUrl: FEED_URL, db, validateRecord: validateServiceRecord, fetch: mockServer(files).fetch });

describe('holidays.json in the sync', () => {
  it('stores a valid table and removes it when a later version no longer lists it', async () => {
    expect((await sync(feed('v1', TABLE_2027))).status).toBe('updated');
    expect((await db.settings.get(FEED_HOLIDAYS_KEY))?.value).toEqual(TABLE_2027);
    expect((await sync(feed('v2'))).status).toBe('updated');
    expect(await db.settings.get(FEED_HOLIDAYS_KEY)).toBeUndefined();
  });

  it('a bad table rejects the whole version and keeps the last good one', async () => {
    await sync(feed('v1', TABLE_2027));
    const bad = await sync(feed('v2', { ...TABLE_2027, holidays: [['2027-02-30', 1, 0]] }));
    expect(bad.status).toBe('failed');
    expect((await db.feedMeta.get('meta'))?.version).toBe('v1');
    expect((await db.settings.get(FEED_HOLIDAYS_KEY))?.value).toEqual(TABLE_2027);
  });
});
