import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromDisplay, geometryToDisplay, metresBetween, toDisplay, type TileProvider } from './display-datum';

// Independent reference: the shared town table lists each label point in both WGS-84 and GCJ-02.
const csv = readFileSync(new URL('../../../../data/sources/dongguan/towns.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n');
const header = csv[0]!.split(',');
const col = (name: string) => header.indexOf(name);
const towns = csv.slice(1, 9).map((line) => {
  const c = line.split(',');
  return {
    name: c[col('town')]!,
    wgs: [Number(c[col('label_lat_wgs84')]), Number(c[col('label_lon_wgs84')])] as const,
    gcj: [Number(c[col('label_lat_gcj02')]), Number(c[col('label_lon_gcj02')])] as const,
  };
});

describe('toDisplay', () => {
  it('has reference rows to test against', () => {
    expect(towns.length).toBe(8);
    for (const t of towns) expect(Number.isFinite(t.gcj[0] + t.gcj[1] + t.wgs[0] + t.wgs[1])).toBe(true);
  });

  const humen = { lat: 22.8143, lon: 113.6724 }; // 虎门, WGS-84
  const cases: { provider: TileProvider; minShift: number; maxShift: number }[] = [
    { provider: 'offline', minShift: 0, maxShift: 0 },
    { provider: 'osm', minShift: 0, maxShift: 0 },
    { provider: 'tianditu', minShift: 0, maxShift: 0 },
    { provider: 'amap', minShift: 200, maxShift: 800 },
  ];
  it.each(cases)('$provider shifts a Dongguan point by $minShift–$maxShift m', ({ provider, minShift, maxShift }) => {
    const [lat, lon] = toDisplay(humen.lat, humen.lon, provider);
    const shift = metresBetween(humen.lat, humen.lon, lat, lon);
    expect(shift).toBeGreaterThanOrEqual(minShift);
    expect(shift).toBeLessThanOrEqual(maxShift);
  });

  it.each(towns)('AMap display of $name label point matches its published GCJ-02 position', ({ wgs, gcj }) => {
    const [lat, lon] = toDisplay(wgs[0], wgs[1], 'amap');
    expect(metresBetween(lat, lon, gcj[0], gcj[1])).toBeLessThan(5);
    expect(metresBetween(wgs[0], wgs[1], gcj[0], gcj[1])).toBeGreaterThan(200);
  });

  it('fromDisplay undoes toDisplay for AMap within a metre', () => {
    const [dLat, dLon] = toDisplay(23.02, 113.75, 'amap');
    const [lat, lon] = fromDisplay(dLat, dLon, 'amap');
    expect(metresBetween(lat, lon, 23.02, 113.75)).toBeLessThan(1);
  });
});

describe('geometryToDisplay', () => {
  const square = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [113.7, 23.0],
        [113.71, 23.0],
        [113.71, 23.01],
        [113.7, 23.0],
      ],
    ],
  };
  it('leaves WGS-84 layers untouched', () => {
    expect(geometryToDisplay(square, 'tianditu')).toBe(square);
  });
  it('shifts every vertex for AMap without mutating the stored geometry', () => {
    const shown = geometryToDisplay(square, 'amap');
    expect(square.coordinates[0]![0]).toEqual([113.7, 23.0]);
    shown.coordinates[0]!.forEach((p, i) => {
      const orig = square.coordinates[0]![i]!;
      const [lat, lon] = toDisplay(orig[1]!, orig[0]!, 'amap');
      expect(p[0]).toBeCloseTo(lon, 9);
      expect(p[1]).toBeCloseTo(lat, 9);
    });
  });
  it('handles MultiPolygon', () => {
    const multi = { type: 'MultiPolygon' as const, coordinates: [square.coordinates] };
    const shown = geometryToDisplay(multi, 'amap');
    expect(shown.coordinates[0]![0]![0]![0]).not.toBe(113.7);
  });
});
