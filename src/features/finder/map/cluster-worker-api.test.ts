import { describe, expect, it } from 'vitest';
import { createClusterApi, packPoints, toServiceIds } from './cluster-worker-api';

const services = [
  { id: 'kg-1', category: 'kindergarten' as const, lat: 22.82, lon: 113.67 },
  { id: 'park-a', category: 'parking' as const, lat: 22.9, lon: 113.75 },
  // one building: two services at the same gate
  { id: 'clinic-x', category: 'clinic' as const, lat: 23.02, lon: 113.75 },
  { id: 'nursery-x', category: 'nursery' as const, lat: 23.02, lon: 113.75 },
];

describe('cluster index as the worker serves it', () => {
  it('takes typed arrays only and names points by position; the page maps them back to ids', () => {
    const api = createClusterApi();
    const points = packPoints(services);
    expect(Object.keys(points).sort()).toEqual(['category', 'coords']);
    expect(api.load(points)).toBe(4);
    const near = toServiceIds(api.view([113.6, 22.7, 113.8, 23.1], 19), services);
    const pointIds = near.flatMap((i) => (i.kind === 'point' ? [i.id] : []));
    expect(pointIds.sort()).toEqual(['kg-1', 'park-a']);
    const building = near.find((i) => i.kind === 'cluster');
    expect(building && 'coLocated' in building && building.coLocated?.sort()).toEqual(['clinic-x', 'nursery-x']);
    // the stored coordinates come back exactly
    expect(near.find((i) => i.kind === 'point' && i.id === 'kg-1')).toMatchObject({ lat: 22.82, lon: 113.67 });
  });
});
