import { describe, expect, it } from 'vitest';
import type { MapPoint } from './import-adapter';
import { mapPoints } from './map-points';

const point = (row: number, outside: boolean): MapPoint => ({ row, lon: 113.7 + row * 1e-5, lat: 22.8, outside });

describe('mapPoints', () => {
  it('sends the page at most 2,000 points with the full counts, every outside point kept and drawn last', () => {
    const points = [...Array.from({ length: 50_000 }, (_, i) => point(i, i % 20_000 === 7))];
    const { drawn, inside, outside } = mapPoints(points);
    expect([inside, outside]).toEqual([49_997, 3]);
    expect(drawn).toHaveLength(2000);
    expect(drawn.slice(-3).map((p) => p.row)).toEqual([40_007, 20_007, 7]);
    expect(drawn.slice(0, -3).every((p) => !p.outside)).toBe(true);
  });

  it('keeps a small list whole', () => {
    const { drawn, inside, outside } = mapPoints([point(0, false), point(1, true), point(2, false)]);
    expect([inside, outside]).toEqual([2, 1]);
    expect(drawn.map((p) => p.row)).toEqual([2, 0, 1]);
  });
});
