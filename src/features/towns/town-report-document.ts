/**
 * The report as one plain JSON document: what `npm run report` prints, what the page renders and what the
 * CSV export writes. Figures stay unrounded here (the page rounds for display), so page and CLI agree exactly.
 */
import { TOWN_BY_CODE } from '../../geo/towns';
import type { Figure, TownFigures, TownReport } from './town-measures';
import { CENSUS, CITY_KINDERGARTEN_CHILDREN_TARGET, PLAN_2020_46, TOWN_TARGETS } from './town-targets';

export interface FeedFacts {
  version: string;
  generatedAt: string;
  sample: boolean;
}

export interface TownEntry {
  code: string;
  zh: string;
  en: string;
  population2020: number | null;
  gridAreaKm2: number | null;
  figures: Record<string, Figure>;
}

export interface TownReportDocument {
  feed: FeedFacts;
  census: { year: number; source: string };
  method: { coverage: string; radiusMetres: number; cellMetres: number; cells: number };
  targets: {
    document: string;
    title: string;
    issued: string;
    url: string;
    lastChecked: string;
    figuresVerified: boolean;
    targetYear: number;
    perTown: Record<string, number>;
    cityKindergartenChildren: number;
  };
  services: number;
  city: TownEntry & { kindergartenPlaces: Figure };
  towns: TownEntry[];
}

const entry = (t: TownFigures): TownEntry => {
  const town = TOWN_BY_CODE.get(t.code);
  return {
    code: t.code,
    zh: town?.zh ?? t.code,
    en: town?.en ?? t.code,
    population2020: t.population,
    gridAreaKm2: t.gridAreaKm2,
    figures: t.figures,
  };
};

export function toReportDocument(report: TownReport, feed: FeedFacts): TownReportDocument {
  return {
    feed,
    census: { year: CENSUS.year, source: CENSUS.name },
    method: {
      coverage: `share of the town's area within ${report.method.radiusMetres} m straight-line of at least one service of the category; grid sampling with ${report.method.cellMetres} m cells`,
      ...report.method,
    },
    targets: {
      document: PLAN_2020_46.document,
      title: PLAN_2020_46.titleZh,
      issued: PLAN_2020_46.issued,
      url: PLAN_2020_46.url,
      lastChecked: PLAN_2020_46.lastChecked,
      figuresVerified: PLAN_2020_46.figuresVerified,
      targetYear: PLAN_2020_46.targetYear,
      perTown: { ...TOWN_TARGETS },
      cityKindergartenChildren: CITY_KINDERGARTEN_CHILDREN_TARGET,
    },
    services: report.services,
    city: { ...entry(report.city), zh: '东莞市', en: 'Dongguan (city)', kindergartenPlaces: report.city.kindergartenPlaces },
    towns: report.towns.map(entry),
  };
}
