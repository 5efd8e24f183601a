import { describe, expect, it } from 'vitest';
import { asTownBoundaries, DEFAULT_TILE_SETTINGS, parseTileSettings } from './map-settings';

describe('parseTileSettings', () => {
  it.each([
    [undefined, DEFAULT_TILE_SETTINGS],
    ['amap', DEFAULT_TILE_SETTINGS],
    [{ provider: 'google' }, DEFAULT_TILE_SETTINGS],
    [{ provider: 'amap' }, { provider: 'amap', tiandituKey: '' }],
    [
      { provider: 'tianditu', tiandituKey: 'abc' },
      { provider: 'tianditu', tiandituKey: 'abc' },
    ],
    [
      { provider: 'osm', tiandituKey: 42 },
      { provider: 'osm', tiandituKey: '' },
    ],
  ])('%j → %j', (stored, expected) => {
    expect(parseTileSettings(stored)).toEqual(expected);
  });
});

describe('asTownBoundaries', () => {
  it('rejects non-collections and drops non-polygon features', () => {
    expect(asTownBoundaries(null)).toBeNull();
    expect(asTownBoundaries({ type: 'Feature' })).toBeNull();
    const poly = {
      type: 'Feature',
      properties: { code: '441900121' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
    };
    const point = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } };
    expect(asTownBoundaries({ type: 'FeatureCollection', features: [poly, point, null] })?.features).toEqual([poly]);
  });
});
