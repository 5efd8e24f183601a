/**
 * Coordinate systems of incoming data. Chinese web and government data is usually GCJ-02
 * (AMap, Tencent) or BD-09 (Baidu); the feed stores WGS-84 only, so every importer converts.
 */
import gcoord from 'gcoord';

export const INPUT_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type InputCrs = (typeof INPUT_CRS)[number];

export const isInputCrs = (x: string): x is InputCrs => (INPUT_CRS as readonly string[]).includes(x);

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** [lon, lat] in `crs` → [lon, lat] WGS-84, rounded to 1e-6° (about 0.1 m). */
export function toWgs84(lon: number, lat: number, crs: InputCrs): [number, number] {
  const [x, y] = crs === 'wgs84' ? [lon, lat] : (gcoord.transform([lon, lat], GCOORD_CRS[crs], gcoord.WGS84) as [number, number]);
  return [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
}

/** Latitude and longitude the wrong way round for Dongguan (lat ≈ 113, lon ≈ 23), with room for any datum offset. */
export const looksSwapped = (lon: number, lat: number) => lon > 21 && lon < 25 && lat > 112 && lat < 116;
