import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTownLookup, townOfPoint, type TownBoundaries } from './town-of-point';
import { TOWNS } from './towns';

// The feed's boundaries (properties {code, zh, en}), as the app stores them.
const fc = JSON.parse(readFileSync(new URL('../../public/feed/towns.geojson', import.meta.url), 'utf8')) as TownBoundaries;

describe('townOfPoint', () => {
  const lookup = createTownLookup(fc);

  it('puts every town label point in its own town', () => {
    let checked = 0;
    for (const t of TOWNS) {
      if (!t.label) continue;
      const hasPolygon = fc.features.some((f) => f.properties.code === t.code);
      if (!hasPolygon) continue;
      expect(lookup(t.label[1], t.label[0]), t.zh).toBe(t.code);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('finds 虎门镇 for a point in Humen', () => {
    expect(townOfPoint(22.815, 113.672, fc)).toBe('441900121');
  });

  it('returns null outside Dongguan (Guangzhou Tianhe)', () => {
    expect(lookup(23.13, 113.33)).toBeNull();
  });
});
