import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DgNearbyDb } from '../../../data/db';
import { REMEMBERED_PLACE_KEY } from '../../../data/stored-read';
import { useFreshDb } from '../../../../tests/unit/fresh-db.ts';
import { getFinderState, resetFinderStateForTests, restoreRememberedPlace } from './finder-store';
import type { Place } from './finder-types';

let db: DgNearbyDb;
useFreshDb('finder-store', (opened) => (db = opened), { asAppDb: true });
beforeEach(() => resetFinderStateForTests());

const humen: Place = { lat: 22.82, lon: 113.67, source: 'town', townCode: '441900121' };
const houjie: Place = { lat: 22.94, lon: 113.67, source: 'town', townCode: '441900122' };

describe('the remembered place', () => {
  it('is read from the database once per visit, however many views ask, and put into the store', async () => {
    await db.settings.put({ key: REMEMBERED_PLACE_KEY, value: humen });
    const [list, map] = await Promise.all([restoreRememberedPlace(), restoreRememberedPlace()]);
    expect(list).toEqual(humen);
    expect(map).toBe(list);
    expect(getFinderState().place).toEqual(humen);
    // A later write (another tab) is not read again: the index loader asks after the views did.
    await db.settings.put({ key: REMEMBERED_PLACE_KEY, value: houjie });
    expect(await restoreRememberedPlace()).toEqual(humen);
  });
});
