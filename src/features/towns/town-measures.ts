/**
 * The town report card's figures: per town and category, the number of services, capacity per 1,000
 * residents (2020 census), the share of the town's area within 800 m straight-line of a service of that
 * category (grid sampling, see src/geo/coverage-grid.ts), and the figures the 2025 targets need.
 * Pure functions: the page's worker and `npm run report` both call computeTownReport, so they agree.
 * A figure nobody reported is null ("no data"), never 0.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { CATEGORIES, type Category } from '../../data/categories';
import { coverageWithin, rasteriseTowns, type TownRaster } from '../../geo/coverage-grid';
import { TOWNS } from '../../geo/towns';
import { CITY_KINDERGARTEN_CHILDREN_TARGET, COVERAGE_CELL_METRES, COVERAGE_RADIUS_METRES, TOWN_TARGETS } from './town-targets';

/** The record fields the measures read (a ServiceRecord has them all). */
export interface MeasuredService {
  category: Category;
  town: string;
  lat: number;
  lon: number;
  capacity?: number | undefined;
  beds?: number | undefined;
  doctors?: number | undefined;
  groundAreaM2?: number | undefined;
  floorAreaM2?: number | undefined;
}

type AmountField = 'capacity' | 'beds' | 'doctors' | 'groundAreaM2' | 'floorAreaM2';

export interface MeasureDef {
  id: string;
  category: Category;
  kind: 'count' | 'perResident' | 'coverage';
  /** For perResident: which record field is summed, and per how many residents. */
  field?: AmountField;
  per?: 1 | 1000;
}

const perResident = (category: Category, field: AmountField, per: 1 | 1000, name: string): MeasureDef => ({
  id: `${category}.${name}`,
  category,
  kind: 'perResident',
  field,
  per,
});

/** Every measure, in table order: for each category its count, capacity, coverage, then target figures. */
export const MEASURES: readonly MeasureDef[] = CATEGORIES.flatMap((category): MeasureDef[] => [
  { id: `${category}.count`, category, kind: 'count' },
  ...(category === 'clinic' ? [] : [perResident(category, 'capacity', 1000, 'capacityPer1000')]),
  { id: `${category}.coverage`, category, kind: 'coverage' },
  ...(category === 'clinic'
    ? [perResident(category, 'beds', 1000, 'bedsPer1000'), perResident(category, 'doctors', 1000, 'doctorsPer1000')]
    : []),
  ...(category === 'sports_venue' ? [perResident(category, 'groundAreaM2', 1, 'groundM2PerPerson')] : []),
  ...(category === 'elderly_daycare' ? [perResident(category, 'floorAreaM2', 1000, 'floorM2Per1000')] : []),
]);
export const MEASURE_BY_ID: ReadonlyMap<string, MeasureDef> = new Map(MEASURES.map((m) => [m.id, m]));

/** Why a figure is missing. */
export type NoValue = 'no-data' | 'no-census' | 'no-boundary';

export interface Figure {
  /** null: see `missing`. Coverage is a share 0–1. */
  value: number | null;
  missing?: NoValue;
  /** Sum of the field over the services that reported it (perResident measures). */
  total?: number;
  /** How many of the town's services of this category reported the field. */
  reported?: number;
  of?: number;
  target?: number;
}

export interface TownFigures {
  code: string;
  population: number | null;
  /** Area counted by the grid (cells × cell area), km²; null without a boundary. */
  gridAreaKm2: number | null;
  figures: Record<string, Figure>;
}

export interface TownReport {
  method: { radiusMetres: number; cellMetres: number; cells: number };
  towns: TownFigures[];
  /** The whole city: every service, the census total, coverage over every town cell. */
  city: TownFigures & { kindergartenPlaces: Figure };
  services: number;
}

interface Sums {
  count: number;
  amounts: Record<AmountField, { total: number; reported: number }>;
}
const emptySums = (): Sums => ({
  count: 0,
  amounts: {
    capacity: { total: 0, reported: 0 },
    beds: { total: 0, reported: 0 },
    doctors: { total: 0, reported: 0 },
    groundAreaM2: { total: 0, reported: 0 },
    floorAreaM2: { total: 0, reported: 0 },
  },
});
const AMOUNT_FIELDS: AmountField[] = ['capacity', 'beds', 'doctors', 'groundAreaM2', 'floorAreaM2'];

const rasterCache = new WeakMap<object, Map<number, TownRaster>>();
/** The towns' raster for a boundary set (cached: the boundaries change only with the feed). */
export function townRaster(
  boundaries: FeatureCollection<Polygon | MultiPolygon, { code: string }>,
  cellMetres = COVERAGE_CELL_METRES,
): TownRaster {
  let byCell = rasterCache.get(boundaries);
  if (!byCell) rasterCache.set(boundaries, (byCell = new Map()));
  let raster = byCell.get(cellMetres);
  if (!raster) byCell.set(cellMetres, (raster = rasteriseTowns(boundaries, cellMetres)));
  return raster;
}

export interface ReportOptions {
  /** Town units to report (default: the 36 official units). */
  towns?: readonly { code: string; population2020: number | null }[];
  cellMetres?: number;
  radiusMetres?: number;
}

function figureFor(def: MeasureDef, sums: Sums, population: number | null, coverage: number | null, boundary: boolean): Figure {
  if (def.kind === 'count') return { value: sums.count };
  if (def.kind === 'coverage') return boundary ? { value: coverage } : { value: null, missing: 'no-boundary' };
  const amount = sums.amounts[def.field!];
  const target = (TOWN_TARGETS as Record<string, number>)[def.id];
  const base = {
    total: amount.reported ? amount.total : 0,
    reported: amount.reported,
    of: sums.count,
    ...(target !== undefined ? { target } : {}),
  };
  if (amount.reported === 0) return { ...base, value: null, missing: 'no-data' };
  if (!population) return { ...base, value: null, missing: 'no-census' };
  return { ...base, value: (amount.total / population) * def.per! };
}

/** Computes every figure for every town and the city. */
export function computeTownReport(
  services: Iterable<MeasuredService>,
  boundaries: FeatureCollection<Polygon | MultiPolygon, { code: string }>,
  options: ReportOptions = {},
): TownReport {
  const units = options.towns ?? TOWNS;
  const cellMetres = options.cellMetres ?? COVERAGE_CELL_METRES;
  const radiusMetres = options.radiusMetres ?? COVERAGE_RADIUS_METRES;
  const raster = townRaster(boundaries, cellMetres);
  const rasterIndex = new Map(raster.codes.map((code, i) => [code, i]));

  const sums = new Map<string, Sums>(); // `${town}|${category}`, and `city|${category}`
  const byCategory = new Map<Category, MeasuredService[]>(CATEGORIES.map((c) => [c, []]));
  let n = 0;
  for (const s of services) {
    n++;
    byCategory.get(s.category)?.push(s);
    for (const key of [`${s.town}|${s.category}`, `city|${s.category}`]) {
      let acc = sums.get(key);
      if (!acc) sums.set(key, (acc = emptySums()));
      acc.count++;
      for (const f of AMOUNT_FIELDS) {
        const v = s[f];
        if (typeof v === 'number') {
          acc.amounts[f].total += v;
          acc.amounts[f].reported++;
        }
      }
    }
  }

  const covered = new Map(CATEGORIES.map((category) => [category, coverageWithin(raster, byCategory.get(category)!, radiusMetres)]));
  const cellKm2 = (cellMetres * cellMetres) / 1e6;
  const totalCells = raster.cellsPerTown.reduce((a, b) => a + b, 0);

  const towns: TownFigures[] = units.map((unit) => {
    const ri = rasterIndex.get(unit.code);
    const cells = ri === undefined ? 0 : raster.cellsPerTown[ri]!;
    const boundary = cells > 0;
    const figures: Record<string, Figure> = {};
    for (const def of MEASURES) {
      const s = sums.get(`${unit.code}|${def.category}`) ?? emptySums();
      const coverage = boundary ? covered.get(def.category)!.perTown[ri!]! / cells : null;
      figures[def.id] = figureFor(def, s, unit.population2020, coverage, boundary);
    }
    return { code: unit.code, population: unit.population2020, gridAreaKm2: boundary ? cells * cellKm2 : null, figures };
  });

  const cityPopulation = units.reduce((sum, u) => sum + (u.population2020 ?? 0), 0) || null;
  const cityFigures: Record<string, Figure> = {};
  for (const def of MEASURES) {
    const s = sums.get(`city|${def.category}`) ?? emptySums();
    cityFigures[def.id] = figureFor(
      def,
      s,
      cityPopulation,
      totalCells ? covered.get(def.category)!.total / totalCells : null,
      totalCells > 0,
    );
  }
  const kg = sums.get('city|kindergarten')?.amounts.capacity ?? { total: 0, reported: 0 };
  const kindergartenPlaces: Figure = kg.reported
    ? {
        value: kg.total,
        total: kg.total,
        reported: kg.reported,
        of: sums.get('city|kindergarten')!.count,
        target: CITY_KINDERGARTEN_CHILDREN_TARGET,
      }
    : { value: null, missing: 'no-data', target: CITY_KINDERGARTEN_CHILDREN_TARGET };

  return {
    method: { radiusMetres, cellMetres, cells: totalCells },
    towns,
    city: { code: 'city', population: cityPopulation, gridAreaKm2: totalCells * cellKm2, figures: cityFigures, kindergartenPlaces },
    services: n,
  };
}
