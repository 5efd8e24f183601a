/**
 * Which town a WGS-84 point is in, handed to the import core by its caller: the CLI reads the polygons from
 * data/sources (scripts/lib/town-polygons.ts), the operator page passes the feed's towns.geojson it has stored.
 * The core itself never reads a file.
 */
import { createTownLookup, type TownBoundaries } from '../geo/town-of-point.ts';

/** Official town code of the polygon containing [lon, lat], or null (outside Dongguan or in a gap). */
export type TownAt = (lon: number, lat: number) => string | null;

/** A TownAt over a town FeatureCollection (properties.code), e.g. the feed's towns.geojson. */
export function townAtOf(boundaries: TownBoundaries): TownAt {
  const lookup = createTownLookup(boundaries);
  return (lon, lat) => lookup(lat, lon);
}
