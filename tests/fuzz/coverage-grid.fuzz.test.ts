/**
 * The coverage grid against plain methods: every sampled cell's town agrees with turf's point-in-polygon on the
 * real boundaries, and every sampled cell's mark agrees with a brute-force distance check.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import fc from 'fast-check';
import fs from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  cellCentre,
  coverageWithin,
  coveredCells,
  gridDistanceMetres,
  markWithinRadius,
  rasteriseTowns,
} from '../../src/geo/coverage-grid';
import { fuzzOptions } from './fuzz-config';

type Towns = FeatureCollection<Polygon | MultiPolygon, { code: string }>;
const raw = JSON.parse(fs.readFileSync(new URL('../../public/feed/towns.geojson', import.meta.url), 'utf8')) as Towns;
const raster = rasteriseTowns(raw, 200);

describe('coverage grid (property)', () => {
  it('a cell belongs to the town whose polygon contains its centre', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: raster.cols * raster.rows - 1 }), (i) => {
        const p = cellCentre(raster, i);
        const t = raster.townOfCell[i]!;
        const containing = raw.features.filter((f) => booleanPointInPolygon([p.lon, p.lat], f)).map((f) => f.properties.code);
        if (t === 0) expect(containing).toEqual([]);
        else expect(containing).toContain(raster.codes[t - 1]);
      }),
      fuzzOptions(20),
    );
  });

  it('a cell is marked exactly when its centre is within the radius of some point', () => {
    const point = fc.record({
      lat: fc.double({ min: raster.south - 0.01, max: raster.south + 0.5, noNaN: true }),
      lon: fc.double({ min: raster.west - 0.01, max: raster.west + 0.75, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 100, max: 3000 }),
        fc.array(fc.integer({ min: 0, max: raster.cols * raster.rows - 1 }), { minLength: 20, maxLength: 20 }),
        (points, radius, cells) => {
          const marks = markWithinRadius(raster, points, radius);
          for (const i of cells) {
            const c = cellCentre(raster, i);
            const d = Math.min(...points.map((p) => gridDistanceMetres(raster, c, p)));
            if (Math.abs(d - radius) < 1e-6) continue; // on the circle itself: either answer is right
            expect(marks[i] === 1).toBe(d <= radius);
          }
        },
      ),
      fuzzOptions(),
    );
  });
});

describe('coverage grid: the one-pass count', () => {
  it('equals marking then counting', () => {
    const point = fc.record({
      lat: fc.double({ min: raster.south, max: raster.south + 0.5, noNaN: true }),
      lon: fc.double({ min: raster.west, max: raster.west + 0.75, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 0, maxLength: 40 }), fc.integer({ min: 50, max: 5000 }), (points, radius) => {
        const once = coverageWithin(raster, points, radius);
        const twice = coveredCells(raster, markWithinRadius(raster, points, radius));
        expect(once.total).toBe(twice.total);
        expect([...once.perTown]).toEqual([...twice.perTown]);
      }),
      fuzzOptions(0.5),
    );
  });
});
