/**
 * The 35 real town polygons (data/sources/dongguan/towns.geojson), keyed by official town code,
 * with point-in-polygon lookup and seeded random points inside a town. Node-only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { TOWN_BY_CODE } from '../../src/geo/towns.ts';
import type { Rng } from './prng.ts';

export const TOWNS_GEOJSON_PATH = fileURLToPath(new URL('../../data/sources/dongguan/towns.geojson', import.meta.url));

/** Two polygons in the source have no NBS code: map them by name (see data/sources/dongguan/README.md). */
const CODE_BY_SOURCE_NAME: Record<string, string> = {
  东莞生态园: '441900403',
  虎门港管委会: '441900402', // the port authority area = 东莞港
};

type Geometry = Polygon | MultiPolygon;
export interface TownPolygon {
  code: string;
  zh: string;
  en: string;
  geometry: Geometry;
  bbox: [number, number, number, number];
}

function bboxOf(geometry: Geometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings: Position[][] = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x! < b[0]) b[0] = x!;
      if (y! < b[1]) b[1] = y!;
      if (x! > b[2]) b[2] = x!;
      if (y! > b[3]) b[3] = y!;
    }
  return b;
}

let cache: TownPolygon[] | null = null;

/** Town polygons sorted by code. Throws if a polygon cannot be mapped to an official code. */
export function loadTownPolygons(): TownPolygon[] {
  if (cache) return cache;
  const fc = JSON.parse(readFileSync(TOWNS_GEOJSON_PATH, 'utf8')) as FeatureCollection<
    Geometry,
    { town: string; nbs_town_code: string | null }
  >;
  cache = fc.features
    .map((f) => {
      const code = f.properties.nbs_town_code ?? CODE_BY_SOURCE_NAME[f.properties.town];
      const town = code ? TOWN_BY_CODE.get(code) : undefined;
      if (!code || !town) throw new Error(`towns.geojson: cannot map polygon "${f.properties.town}" to a town code`);
      return { code, zh: town.zh, en: town.en, geometry: f.geometry, bbox: bboxOf(f.geometry) };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  return cache;
}

/** Official town code of the polygon containing the point, or null (outside Dongguan or in a gap). */
export function townAt(lon: number, lat: number): string | null {
  for (const t of loadTownPolygons()) {
    if (lon < t.bbox[0] || lon > t.bbox[2] || lat < t.bbox[1] || lat > t.bbox[3]) continue;
    if (booleanPointInPolygon([lon, lat], t.geometry)) return t.code;
  }
  return null;
}

/** A seeded random point inside the town polygon (rejection sampling in its bbox), rounded to 1e-5°. */
export function randomPointIn(town: TownPolygon, rng: Rng): [number, number] {
  const [w, s, e, n] = town.bbox;
  for (let i = 0; i < 10000; i++) {
    const lon = Math.round((w + rng.next() * (e - w)) * 1e5) / 1e5;
    const lat = Math.round((s + rng.next() * (n - s)) * 1e5) / 1e5;
    if (booleanPointInPolygon([lon, lat], town.geometry)) return [lon, lat];
  }
  throw new Error(`no point found inside ${town.code}`);
}

/** The feed's towns.geojson: one feature per polygon with properties {code, zh, en}, sorted by code. */
export function townsFeatureCollection(): FeatureCollection<Geometry, { code: string; zh: string; en: string }> {
  const features: Feature<Geometry, { code: string; zh: string; en: string }>[] = loadTownPolygons().map((t) => ({
    type: 'Feature',
    properties: { code: t.code, zh: t.zh, en: t.en },
    geometry: t.geometry,
  }));
  return { type: 'FeatureCollection', features };
}
