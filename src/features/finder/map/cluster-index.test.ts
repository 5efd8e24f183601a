import { describe, expect, it } from 'vitest';
import type { Category } from '../../../data/categories';
import { buildClusterIndex, CLUSTER_MAX_ZOOM, type BBox, type MapItem } from './cluster-index';

type P = { id: string; category: Category; lat: number; lon: number };
const DONGGUAN: BBox = [113.5, 22.6, 114.3, 23.2];

/** A deterministic grid of points (no randomness: failures must reproduce). */
function grid(n: number, category: Category = 'clinic'): P[] {
  const out: P[] = [];
  const side = Math.ceil(Math.sqrt(n));
  for (let i = 0; i < n; i++) {
    out.push({ id: `g${i}`, category, lat: 22.7 + (Math.floor(i / side) / side) * 0.4, lon: 113.6 + ((i % side) / side) * 0.6 });
  }
  return out;
}
const total = (items: MapItem[]) => items.reduce((n, it) => n + (it.kind === 'cluster' ? it.count : 1), 0);

describe('buildClusterIndex / query', () => {
  it('accounts for every service at every zoom', () => {
    const index = buildClusterIndex(grid(1000));
    expect(index.size).toBe(1000);
    for (const z of [8, 10, 12, 14, 16, 17, 18]) expect(total(index.query(DONGGUAN, z))).toBe(1000);
  });

  it('clusters at city zoom and shows single points at street zoom', () => {
    const index = buildClusterIndex(grid(400));
    const city = index.query(DONGGUAN, 9);
    expect(city.length).toBeLessThan(50);
    expect(city.some((i) => i.kind === 'cluster')).toBe(true);
    const street = index.query(DONGGUAN, 17);
    expect(street.filter((i) => i.kind === 'point')).toHaveLength(400);
  });

  it('only returns what lies in the bbox', () => {
    const index = buildClusterIndex([
      { id: 'in', category: 'parking', lat: 23.0, lon: 113.75 },
      { id: 'out', category: 'parking', lat: 22.5, lon: 114.5 },
    ]);
    const items = index.query([113.7, 22.95, 113.8, 23.05], 15);
    expect(items).toEqual([{ kind: 'point', id: 'in', category: 'parking', lat: 23.0, lon: 113.75 }]);
  });

  it('counts categories inside a cluster', () => {
    const index = buildClusterIndex([...grid(30, 'clinic').map((p) => ({ ...p, id: `c${p.id}` })), ...grid(20, 'kindergarten')]);
    const clusters = index.query(DONGGUAN, 3).filter((i) => i.kind === 'cluster');
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ count: 50, counts: { clinic: 30, kindergarten: 20 } });
  });

  it('accepts a world-wrapping bbox', () => {
    const index = buildClusterIndex(grid(10));
    expect(total(index.query([-200, -95, 200, 95], 2))).toBe(10);
  });
});

describe('expanding clusters', () => {
  it('expansion zoom, children and leaves agree with the cluster count', () => {
    const index = buildClusterIndex(grid(200));
    const cluster = index.query(DONGGUAN, 10).find((i) => i.kind === 'cluster');
    if (cluster?.kind !== 'cluster') throw new Error('expected a cluster');
    const zoom = index.expansionZoom(cluster.clusterId);
    expect(zoom).toBeGreaterThan(10);
    expect(zoom).toBeLessThanOrEqual(CLUSTER_MAX_ZOOM);
    const children = index.children(cluster.clusterId);
    expect(children.length).toBeGreaterThan(1);
    expect(total(children)).toBe(cluster.count);
    const leaves = index.leaves(cluster.clusterId);
    expect(new Set(leaves).size).toBe(cluster.count);
    expect(index.leaves(cluster.clusterId, 1)).toHaveLength(1);
    expect(index.coLocated(cluster.clusterId)).toBeNull();
  });
});

describe('co-located clusters', () => {
  const base = { lat: 22.8143, lon: 113.6724 };
  const building: P[] = [
    { id: 'k1', category: 'kindergarten', ...base },
    { id: 'n1', category: 'nursery', ...base },
    // 4 m away: the same building, a different door.
    { id: 'e1', category: 'elderly_daycare', lat: base.lat + 0.00003, lon: base.lon + 0.00001 },
  ];
  const neighbour: P = { id: 'far', category: 'clinic', lat: base.lat + 0.01, lon: base.lon };

  it('keeps identical and near-identical points together at the deepest zoom and lists them', () => {
    const index = buildClusterIndex([...building, neighbour]);
    const items = index.query([113.6, 22.7, 113.8, 22.9], 30);
    const cluster = items.find((i) => i.kind === 'cluster');
    if (cluster?.kind !== 'cluster') throw new Error('expected a co-located cluster at max zoom');
    expect(cluster.count).toBe(3);
    expect(index.expansionZoom(cluster.clusterId)).toBeGreaterThan(CLUSTER_MAX_ZOOM);
    expect(index.coLocated(cluster.clusterId)?.sort()).toEqual(['e1', 'k1', 'n1']);
    expect(items.find((i) => i.kind === 'point')).toMatchObject({ id: 'far' });
  });

  it('treats a low-zoom cluster of close-but-separate places as not co-located', () => {
    const spread: P[] = [0, 1, 2].map((i) => ({ id: `s${i}`, category: 'parking', lat: base.lat + i * 0.002, lon: base.lon }));
    const index = buildClusterIndex(spread);
    const cluster = index.query([113.6, 22.7, 113.8, 22.9], 11).find((i) => i.kind === 'cluster');
    if (cluster?.kind !== 'cluster') throw new Error('expected a cluster at zoom 11');
    expect(index.coLocated(cluster.clusterId)).toBeNull();
  });

  it('detects co-location by distance even below the max zoom', () => {
    const index = buildClusterIndex(building);
    const cluster = index.query([113.6, 22.7, 113.8, 22.9], 8).find((i) => i.kind === 'cluster');
    if (cluster?.kind !== 'cluster') throw new Error('expected a cluster');
    expect(index.coLocated(cluster.clusterId)).toHaveLength(3);
  });
});
