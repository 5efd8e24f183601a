import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../../geo/distance';
import { coordinatesOf, visitNearestFirst } from './search-nearest';

const point = fc.record({ lat: fc.double({ min: 22.5, max: 23.2, noNaN: true }), lon: fc.double({ min: 113.5, max: 114.3, noNaN: true }) });

describe('visitNearestFirst', () => {
  it('visits a candidate list in the order of a full sort by distance (ties: lower index first)', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 700 }), point, fc.nat(), (points, near, seed) => {
        // Duplicated points make ties; a subset of indices is the candidate list.
        const all = [...points, ...points.slice(0, 20)];
        const list = Uint32Array.from(all.map((_, i) => i).filter((i) => (i * 7 + seed) % 3 !== 0));
        const expected = Array.from(list)
          .map((i) => ({ i, m: distanceMetres(near.lat, near.lon, all[i]!.lat, all[i]!.lon) }))
          .sort((a, b) => a.m - b.m || a.i - b.i);
        const seen: { i: number; m: number }[] = [];
        visitNearestFirst(list, near, coordinatesOf(all), (i, m) => (seen.push({ i, m }), false));
        expect(seen.map((s) => s.m)).toEqual(expected.map((e) => e.m));
        // Same distances in the same order; among equal distances, indices ascending.
        expect(seen.map((s) => s.i)).toEqual(expected.map((e) => e.i));
      }),
      { numRuns: 60 },
    );
  });

  it('stops as soon as the visitor says so', () => {
    const pts = Array.from({ length: 1000 }, (_, i) => ({ lat: 22.8 + i * 1e-4, lon: 113.7 }));
    const list = Uint32Array.from(pts.keys());
    const seen: number[] = [];
    visitNearestFirst(list, { lat: 22.8, lon: 113.7 }, coordinatesOf(pts), (i) => (seen.push(i), seen.length === 5));
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    visitNearestFirst(new Uint32Array(0), { lat: 0, lon: 0 }, coordinatesOf(pts), () => {
      throw new Error('nothing to visit');
    });
  });
});
