import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DgNearbyDb } from './db.ts';
import type { ServiceRecord } from './feed-schema.ts';
import { emitFeedChanged } from './feed-events.ts';
import { loadAllServices } from './services-repository.ts';
import { useFreshDb } from '../../tests/unit/fresh-db.ts';

// Minimal stand-ins: the reader does not validate, it only decodes what the sync stored.
const rec = (id: string, town: string, category: ServiceRecord['category']) => ({ id, town, category }) as unknown as ServiceRecord;

let db: DgNearbyDb;
useFreshDb(
  'repo-test',
  (opened) => {
    db = opened;
    emitFeedChanged(null); // drop any cache from the previous test
  },
  { asAppDb: true },
);

describe('loadAllServices', () => {
  it('flattens every chunk, ordered by town, and finds one by id', async () => {
    await db.serviceChunks.bulkPut([
      { path: 'services/441900004.json', town: '441900004', sha256: 'b', version: 'v1', records: [rec('b-1', '441900004', 'clinic'), rec('b-2', '441900004', 'parking')] },
      { path: 'services/441900003.json', town: '441900003', sha256: 'a', version: 'v1', records: [rec('a-1', '441900003', 'nursery')] },
    ]);
    const all = await loadAllServices();
    expect(all.map((r) => r.id)).toEqual(['a-1', 'b-1', 'b-2']);
    expect(((await loadAllServices()).find((r) => r.id === 'b-2'))?.category).toBe('parking');
    expect((await loadAllServices()).find((r) => r.id === 'nope')).toBeUndefined();
  });

  it('is cached until the feed changes', async () => {
    await db.serviceChunks.put({ path: 'p', town: '441900003', sha256: 'a', version: 'v1', records: [rec('x', '441900003', 'clinic')] });
    const first = await loadAllServices();
    await db.serviceChunks.put({ path: 'p', town: '441900003', sha256: 'b', version: 'v2', records: [rec('y', '441900003', 'clinic')] });
    expect(await loadAllServices()).toBe(first);
    emitFeedChanged('v2');
    expect((await loadAllServices()).map((r) => r.id)).toEqual(['y']);
  });
});
