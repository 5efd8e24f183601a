import { describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../../data/feed-schema';
import { buildFromRecords } from '../index/finder-index-build';
import { createClusterApi, packMatches } from './cluster-worker-api';

const service = (id: string, category: ServiceRecord['category'], lat: number, lon: number): ServiceRecord => ({
  id,
  category,
  name: { zh: id, en: id },
  town: '441900121',
  lat,
  lon,
  source: { kind: 'sample', reference: 'test', updated: '2026-11-28T00:00:00Z' },
  pinyin: { full: '', initials: '' },
});
const services = [
  service('kg-1', 'kindergarten', 22.82, 113.67),
  service('left-out', 'clinic', 22.85, 113.7),
  service('park-a', 'parking', 22.9, 113.75),
  // one building: two services at the same gate
  service('clinic-x', 'clinic', 23.02, 113.75),
  service('nursery-x', 'nursery', 23.02, 113.75),
];

describe('cluster index as the worker serves it', () => {
  it('takes typed arrays packed from the compact form and names points by position in the matches', () => {
    const { compact } = buildFromRecords(services);
    const numbers = Uint32Array.from(['kg-1', 'park-a', 'clinic-x', 'nursery-x'].map((id) => compact.indexOfId(id)!));
    const api = createClusterApi();
    const points = packMatches(compact, numbers);
    expect(Object.keys(points).sort()).toEqual(['category', 'coords']);
    expect(api.load(points)).toBe(4);
    const near = api.view([113.6, 22.7, 113.8, 23.1], 19);
    const idOf = (position: string) => compact.ids[numbers[Number(position)]!];
    const pointIds = near.flatMap((i) => (i.kind === 'point' ? [idOf(i.id)] : []));
    expect(pointIds.sort()).toEqual(['kg-1', 'park-a']);
    const building = near.find((i) => i.kind === 'cluster');
    expect(building && 'coLocated' in building && building.coLocated?.map(idOf).sort()).toEqual(['clinic-x', 'nursery-x']);
    // the stored coordinates and category come back exactly
    expect(near.find((i) => i.kind === 'point' && idOf(i.id) === 'kg-1')).toMatchObject({
      lat: 22.82,
      lon: 113.67,
      category: 'kindergarten',
    });
  });

  it('packs nothing without an index', () => {
    expect(createClusterApi().load(packMatches(null, new Uint32Array(0)))).toBe(0);
  });
});
