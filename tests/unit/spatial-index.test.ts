import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../src/geo/distance';
import { buildSpatialIndex } from './spatial-index';

// Deterministic pseudo-random points around Dongguan.
function points(n: number, seed = 7) {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => ({ id: i, lat: 22.6 + rnd() * 0.5, lon: 113.5 + rnd() * 0.5, even: i % 2 === 0 }));
}

describe('spatial index', () => {
  const pts = points(2000);
  const idx = buildSpatialIndex(pts);
  const here = { lat: 22.815, lon: 113.672 };
  const brute = (pred: (p: (typeof pts)[number]) => boolean) =>
    pts
      .filter(pred)
      .map((p) => ({ id: p.id, d: distanceMetres(here.lat, here.lon, p.lat, p.lon) }))
      .sort((a, b) => a.d - b.d);

  it('nearest n equals a brute-force sort, closest first, with distances', () => {
    const got = idx.nearest(here.lat, here.lon, 25);
    const want = brute(() => true).slice(0, 25);
    expect(got.map((h) => h.item.id)).toEqual(want.map((w) => w.id));
    got.forEach((h, i) => expect(h.metres).toBeCloseTo(want[i]!.d, 3));
  });

  it('nearest applies the predicate', () => {
    const got = idx.nearest(here.lat, here.lon, 10, (p) => p.even);
    expect(got.map((h) => h.item.id)).toEqual(
      brute((p) => p.even)
        .slice(0, 10)
        .map((w) => w.id),
    );
  });

  it('withinRadius returns exactly the points inside the radius', () => {
    const got = idx.withinRadius(here.lat, here.lon, 3000);
    const want = brute(() => true).filter((w) => w.d <= 3000);
    expect(want.length).toBeGreaterThan(3);
    expect(got.map((h) => h.item.id)).toEqual(want.map((w) => w.id));
  });

  it('handles an empty set', () => {
    const empty = buildSpatialIndex([]);
    expect(empty.nearest(22, 113, 5)).toEqual([]);
    expect(empty.withinRadius(22, 113, 1000)).toEqual([]);
  });
});
