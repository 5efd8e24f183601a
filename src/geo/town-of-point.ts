/** Which official town unit contains a point (point-in-polygon on the real boundaries). */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type TownProperties = { code: string; zh?: string; en?: string };
export type TownBoundaries = FeatureCollection<Polygon | MultiPolygon, TownProperties>;

type Box = [number, number, number, number];

function bboxOf(f: Feature<Polygon | MultiPolygon>): Box {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
  for (const ring of rings)
    for (const p of ring) {
      const x = p[0] as number,
        y = p[1] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  return [minX, minY, maxX, maxY];
}

/** Build a lookup once per boundary set; a bbox test skips most polygons cheaply. */
export function createTownLookup(boundaries: TownBoundaries): (lat: number, lon: number) => string | null {
  const entries = boundaries.features
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => ({ f, box: bboxOf(f) }));
  return (lat, lon) => {
    for (const { f, box } of entries) {
      if (lon < box[0] || lon > box[2] || lat < box[1] || lat > box[3]) continue;
      if (booleanPointInPolygon([lon, lat], f)) return f.properties?.code ?? null;
    }
    return null;
  };
}

/** One-off lookup; prefer createTownLookup when asking repeatedly. */
export function townOfPoint(lat: number, lon: number, boundaries: TownBoundaries): string | null {
  return createTownLookup(boundaries)(lat, lon);
}
