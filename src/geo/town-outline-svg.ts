/**
 * The town polygons as SVG paths in a 1000-unit-wide drawing (an equirectangular projection corrected for
 * Dongguan's latitude): the offline outline maps of the town report card and the operator page share it.
 */
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export type TownOutlines = FeatureCollection<Polygon | MultiPolygon, { code: string }>;

export const ringsOf = (g: Polygon | MultiPolygon): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

export interface OutlineDrawing {
  width: 1000;
  height: number;
  /** Drawing coordinates of a WGS-84 point. */
  xy(lon: number, lat: number): [number, number];
  /** One SVG path per town, in the collection's order. */
  paths: { code: string; d: string }[];
}

export function drawTownOutlines(fc: TownOutlines): OutlineDrawing {
  let west = Infinity,
    south = Infinity,
    east = -Infinity,
    north = -Infinity;
  for (const f of fc.features)
    for (const ring of ringsOf(f.geometry))
      for (const [x, y] of ring) {
        west = Math.min(west, x!);
        east = Math.max(east, x!);
        south = Math.min(south, y!);
        north = Math.max(north, y!);
      }
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = 1000 / ((east - west) * k);
  const xy = (lon: number, lat: number): [number, number] => [(lon - west) * k * scale, (north - lat) * scale];
  const px = (p: Position) =>
    xy(p[0]!, p[1]!)
      .map((n) => n.toFixed(1))
      .join(' ');
  return {
    width: 1000,
    height: Math.ceil((north - south) * scale),
    xy,
    paths: fc.features.map((f) => ({
      code: f.properties.code,
      d: ringsOf(f.geometry)
        .map((r) => `M${r.map(px).join('L')}Z`)
        .join(''),
    })),
  };
}
