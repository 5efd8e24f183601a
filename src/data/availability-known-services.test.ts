import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DgNearbyDb } from './db.ts';
import { createDexieAvailabilityStore } from './availability-store.ts';
import { fastValidateServiceRecord } from './fast-record-check.ts';
import { runSync } from './sync-engine.ts';
import { FEED_URL, TOWN_A, TOWN_B, buildFeed, makeRecord, mockServer, withPackedCopies } from '../../tests/unit/sync-feed-fixture.ts';
import { useFreshDb } from '../../tests/unit/fresh-db.ts';

let db: DgNearbyDb;
useFreshDb('known-services', (opened) => (db = opened));

const recs = (town: typeof TOWN_A, n: number) => Array.from({ length: n }, (_, i) => makeRecord(town, i));
const expected = [...recs(TOWN_A, 5), ...recs(TOWN_B, 3)].map((r) => [r.id as string, r.category as string] as const);

async function syncedFeed() {
  const { files, binary } = withPackedCopies(
    buildFeed({
      version: 'v1',
      chunks: [
        { town: TOWN_A.code, services: recs(TOWN_A, 5) },
        { town: TOWN_B.code, services: recs(TOWN_B, 3) },
      ],
    }),
  );
  const r = await runSync({ feedUrl: FEED_URL, db, validateRecord: fastValidateServiceRecord, fetch: mockServer(files, null, binary).fetch });
  expect(r.status).toBe('updated');
}
const known = async () => [...(await createDexieAvailabilityStore(db).knownServices())].sort();

describe('the availability store’s known services (id → category)', () => {
  it('come from the start-up rows: a chunk whose stored records are gone is still known by its row', async () => {
    await syncedFeed();
    expect(await known()).toEqual([...expected].sort());
    await db.serviceChunks.delete(`services/${TOWN_A.code}.json`);
    expect(await known()).toEqual([...expected].sort());
  });

  it('come from a chunk’s full records where its start-up row is missing or out of date', async () => {
    await syncedFeed();
    await db.startupChunks.delete(`services/${TOWN_B.code}.json`);
    const stale = (await db.startupChunks.get(`services/${TOWN_A.code}.json`))!;
    await db.startupChunks.put({ ...stale, formVersion: stale.formVersion - 1, ids: [], count: 0 });
    expect(await known()).toEqual([...expected].sort());
    // with neither a row nor records a chunk's ids are not known (the poller then counts its items as unknown)
    await db.serviceChunks.delete(`services/${TOWN_B.code}.json`);
    expect((await known()).map(([id]) => id)).toEqual(recs(TOWN_A, 5).map((r) => r.id as string).sort());
  });
});
