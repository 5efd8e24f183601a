import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { METRES_PER_DEGREE } from '../../geo/coverage-grid';
import { computeTownReport, MEASURES, type MeasuredService } from './town-measures';

const LAT0 = 23;
const LON0 = 113.8;
const mPerLon = METRES_PER_DEGREE * Math.cos((LAT0 * Math.PI) / 180);

/** A square town `side` metres wide whose south-west corner is `eastM` metres east of LON0. */
function square(code: string, side: number, eastM = 0): Feature<Polygon, { code: string }> {
  const w = LON0 + eastM / mPerLon,
    e = LON0 + (eastM + side) / mPerLon;
  // the grid projects about its middle latitude: keep the squares thin in latitude so the check is exact enough
  const s = LAT0,
    n = LAT0 + side / METRES_PER_DEGREE;
  return {
    type: 'Feature',
    properties: { code },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
  };
}
const fc = (...features: Feature<Polygon, { code: string }>[]): FeatureCollection<Polygon, { code: string }> => ({
  type: 'FeatureCollection',
  features,
});
/** A point `x`, `y` metres from LON0/LAT0. */
const at = (x: number, y: number) => ({ lon: LON0 + x / mPerLon, lat: LAT0 + y / METRES_PER_DEGREE });
const svc = (p: Partial<MeasuredService> & Pick<MeasuredService, 'category'>, x = 2000, y = 2000, town = 'A'): MeasuredService => ({
  town,
  ...at(x, y),
  ...p,
});

describe('town measures, hand-computed', () => {
  it('one kindergarten of 300 places in a town of 10,000 residents is 30 places per 1,000', () => {
    const report = computeTownReport([svc({ category: 'kindergarten', capacity: 300 })], fc(square('A', 4000)), {
      towns: [{ code: 'A', population2020: 10_000 }],
    });
    const town = report.towns[0]!;
    expect(town.figures['kindergarten.count']!.value).toBe(1);
    expect(town.figures['kindergarten.capacityPer1000']!.value).toBeCloseTo(30, 10);
    expect(town.figures['kindergarten.capacityPer1000']).toMatchObject({ total: 300, reported: 1, of: 1 });
  });

  it('coverage of a square town by one central point matches the analytic circle area', () => {
    const side = 4000,
      r = 800;
    const analytic = (Math.PI * r * r) / (side * side); // 0.1257
    const report = computeTownReport([svc({ category: 'clinic' }, 2000, 2000)], fc(square('A', side)), {
      towns: [{ code: 'A', population2020: 1 }],
    });
    const got = report.towns[0]!.figures['clinic.coverage']!.value!;
    expect(Math.abs(got - analytic)).toBeLessThan(0.003); // 50 m grid: under 0.3 percentage points
    expect(report.towns[0]!.gridAreaKm2).toBeCloseTo(16, 1);
    // a finer grid gets closer: the error is sampling error, not a bias in the method
    const fine = computeTownReport([svc({ category: 'clinic' }, 2000, 2000)], fc(square('A', side)), {
      towns: [{ code: 'A', population2020: 1 }],
      cellMetres: 10,
    });
    expect(Math.abs(fine.towns[0]!.figures['clinic.coverage']!.value! - analytic)).toBeLessThan(0.0008);
  });

  it('a point on the corner covers a quarter circle; a point in the neighbouring town still counts', () => {
    const side = 4000;
    const quarter = (Math.PI * 800 * 800) / 4 / (side * side);
    const towns = fc(square('A', side), square('B', side, side));
    const report = computeTownReport([svc({ category: 'parking' }, 4000 + 1e-6, 0, 'B')], towns, {
      towns: [
        { code: 'A', population2020: 1 },
        { code: 'B', population2020: 1 },
      ],
    });
    const [a, b] = report.towns;
    expect(a!.figures['parking.count']!.value).toBe(0);
    expect(Math.abs(a!.figures['parking.coverage']!.value! - quarter)).toBeLessThan(0.003);
    expect(Math.abs(b!.figures['parking.coverage']!.value! - quarter)).toBeLessThan(0.003);
    expect(report.city.figures['parking.coverage']!.value!).toBeCloseTo((2 * quarter) / 2, 2);
  });

  it('no data is null, never 0; and says why', () => {
    const towns = fc(square('A', 4000));
    const report = computeTownReport(
      [svc({ category: 'clinic', beds: 12 }), svc({ category: 'clinic' }), svc({ category: 'sports_venue' })],
      towns,
      {
        towns: [
          { code: 'A', population2020: 2000 },
          { code: 'X', population2020: null },
        ],
      },
    );
    const [a, x] = report.towns;
    expect(a!.figures['clinic.bedsPer1000']).toMatchObject({ value: 6, reported: 1, of: 2, target: 4.8 });
    expect(a!.figures['clinic.doctorsPer1000']).toMatchObject({ value: null, missing: 'no-data', reported: 0, target: 2.8 });
    expect(a!.figures['sports_venue.groundM2PerPerson']).toMatchObject({ value: null, missing: 'no-data' });
    expect(a!.figures['nursery.count']!.value).toBe(0);
    expect(a!.figures['nursery.capacityPer1000']).toMatchObject({ value: null, missing: 'no-data' });
    expect(a!.figures['nursery.coverage']!.value).toBe(0); // measured: nothing within 800 m
    expect(x!.figures['clinic.coverage']).toMatchObject({ value: null, missing: 'no-boundary' });
    expect(x!.gridAreaKm2).toBeNull();
  });

  it('per-resident figures without a census population say so', () => {
    const report = computeTownReport([svc({ category: 'elderly_daycare', capacity: 40, floorAreaM2: 300 })], fc(square('A', 4000)), {
      towns: [{ code: 'A', population2020: null }],
    });
    expect(report.towns[0]!.figures['elderly_daycare.capacityPer1000']).toMatchObject({ value: null, missing: 'no-census', total: 40 });
    expect(report.towns[0]!.figures['elderly_daycare.floorM2Per1000']).toMatchObject({ value: null, missing: 'no-census', total: 300 });
  });

  it('sports ground is per person, against 3.2 m²; the city row sums every town', () => {
    const towns = fc(square('A', 4000), square('B', 4000, 4000));
    const report = computeTownReport(
      [
        svc({ category: 'sports_venue', groundAreaM2: 6400 }),
        svc({ category: 'sports_venue', groundAreaM2: 3600 }, 6000, 2000, 'B'),
        svc({ category: 'kindergarten', capacity: 90 }, 6000, 2000, 'B'),
      ],
      towns,
      {
        towns: [
          { code: 'A', population2020: 2000 },
          { code: 'B', population2020: 3000 },
        ],
      },
    );
    expect(report.towns[0]!.figures['sports_venue.groundM2PerPerson']).toMatchObject({ value: 3.2, target: 3.2 });
    expect(report.towns[1]!.figures['sports_venue.groundM2PerPerson']!.value).toBeCloseTo(1.2, 10);
    expect(report.city.population).toBe(5000);
    expect(report.city.figures['sports_venue.groundM2PerPerson']!.value).toBeCloseTo(2, 10);
    expect(report.city.figures['kindergarten.capacityPer1000']!.value).toBeCloseTo(18, 10);
    expect(report.city.kindergartenPlaces).toMatchObject({ value: 90, target: 431_000 });
  });

  it('every category has a count and a coverage measure', () => {
    for (const c of ['kindergarten', 'clinic', 'nursery', 'elderly_daycare', 'sports_venue', 'parking']) {
      expect(MEASURES.some((m) => m.id === `${c}.count`)).toBe(true);
      expect(MEASURES.some((m) => m.id === `${c}.coverage`)).toBe(true);
    }
  });
});
