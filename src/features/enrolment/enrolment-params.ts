/**
 * Dated parameters (OpenFisca-style): look up the value in force for an admission year, with its citation.
 * No React here: the CLI imports this file.
 */
import parametersFile from './rules/parameters.json';
import type { InsuranceType, PermitType } from './enrolment-case.ts';
import type { LocalText } from './enrolment-text.ts';

export type Quality = 'gov' | 'mirror' | 'press' | 'agg';

export interface ParameterValue {
  /** First admission year (September intake) the value applies to; null = start not known. */
  validFrom: number | null;
  /** Last admission year; null = still open. */
  validTo: number | null;
  value: unknown;
  /** The last admission year a source shows this value in use; null when no source settles it. */
  confirmedThrough: number | null;
  /** The research does not settle this value. */
  unverified?: boolean;
  document: string;
  url: string;
  quality: Quality;
  lastChecked: string;
  note?: string;
}

export interface Parameter {
  description: string;
  values: ParameterValue[];
}

export type SubsidyValue =
  | {
      kind: 'flat';
      primaryPerTerm: number;
      juniorPerTerm: number;
      capAtActualFee: boolean;
      needsPoints: boolean;
      excludeHukouMovedInOnOrBefore: string;
    }
  | { kind: 'tiersByPoints'; tiers: { primaryPerYear: number; juniorPerYear: number }[]; needsPoints: boolean };

export type SeniorValue = {
  juniorYears: number;
  permitYears: number;
  guangdongInsuranceMonths: number;
  dongguanInsuranceMonths: number;
  stableJobAndHome: boolean;
  assessedAtMonthDay: string;
};

/** Every parameter in rules/parameters.json with the shape of its value: a misspelt id or a wrong shape does not compile. */
export interface ParameterValues {
  childHukouPointsRoute: string[];
  primary1AgeCutoff: { minAge: number; monthDay: string };
  junior1OnlyCurrentGraduates: boolean;
  kindergartenCohort: { fromYearOffset: number; fromMonthDay: string; toYearOffset: number; toMonthDay: string };
  /** No settled rule yet (null): cited, never computed with. */
  kindergartenPublicAdmission: unknown;
  parentAcceptedDocuments: Record<string, PermitType[]>;
  foreignParentDocuments: string[];
  socialInsuranceEntryCondition: { gating: boolean; olderReading: { allTypes: boolean; minMonths: number } };
  pointsPermit: { daysPerPeriod: number; pointsPerPeriod: number; dongguanHukouFrom: string };
  pointsInsurance: { pointsPerTypeMonth: number; types: InsuranceType[] };
  /** null: no cap found in the sources. */
  pointsPermitInsuranceCap: number | null;
  pointsTax: { years: number; incomePerYuan: number; propertyRentalPerYuan: number; propertyTransferPerYuan: number; cap: number };
  pointsHome: { sameTown: number; otherTown: number };
  pointsRentalHome: number;
  tieBreakOrder: string[];
  applyTownBases: string[];
  townsWithUnclearAdmissions: string[];
  privateSubsidy: SubsidyValue;
  seniorHighTrack: SeniorValue;
  officialChannel: {
    bureauUrl: string;
    platformUrl: string | null;
    songshanLakeUrl: string;
    songshanLakePhone: string;
    cityHotline: string;
  };
}
export type ParameterId = keyof ParameterValues;

/** The ids at run time (the record makes the compiler check the list against ParameterValues both ways). */
export const PARAMETER_IDS = Object.keys({
  childHukouPointsRoute: 1,
  primary1AgeCutoff: 1,
  junior1OnlyCurrentGraduates: 1,
  kindergartenCohort: 1,
  kindergartenPublicAdmission: 1,
  parentAcceptedDocuments: 1,
  foreignParentDocuments: 1,
  socialInsuranceEntryCondition: 1,
  pointsPermit: 1,
  pointsInsurance: 1,
  pointsPermitInsuranceCap: 1,
  pointsTax: 1,
  pointsHome: 1,
  pointsRentalHome: 1,
  tieBreakOrder: 1,
  applyTownBases: 1,
  townsWithUnclearAdmissions: 1,
  privateSubsidy: 1,
  seniorHighTrack: 1,
  officialChannel: 1,
} satisfies Record<ParameterId, 1>) as ParameterId[];

/** A citation of a timeline step, document item or office (`lastChecked` absent where the file dates it once). */
export interface SourceRef {
  document: string;
  url: string;
  quality: string;
  lastChecked?: string;
}

/** A dated step of one admission year (rules/timeline.json `years`). */
export interface DatedStep {
  id: string;
  from?: string;
  to?: string;
  text: LocalText;
  unverified: boolean;
  source: SourceRef;
}

/** A checklist item (rules/documents.json `items`); appliesTo filters by the case. */
export interface DocRule {
  id: string;
  text: LocalText;
  appliesTo: { parentHukou?: string[]; homeOwned?: boolean; hasTax?: boolean; stage?: string[] };
  source: SourceRef;
}

/** A town's education office as far as a source names it (rules/education-offices.json `offices[town]`). */
export interface OfficeRecord {
  name?: LocalText;
  phone?: string;
  address?: LocalText;
  url?: string;
  /** When the office's window is open, as the office words it (published offices only). */
  window?: LocalText;
  source: SourceRef;
}

/**
 * The rules the engine reads. The embedded set has only `parameters` (the other parts come from the
 * embedded files); rules published in the feed (published-rules.ts) add the year's dated steps, the
 * document checklist and the town offices, which take the place of the embedded ones.
 */
export interface RuleSet {
  parameters: Record<string, Parameter>;
  timelineYears?: Record<string, DatedStep[]>;
  documents?: DocRule[];
  offices?: { cityHotline: string; byTown: Record<string, OfficeRecord> };
}

export const DEFAULT_RULES: RuleSet = parametersFile as unknown as RuleSet;

/** Citation attached to every check and points item. */
export interface Reference {
  parameter: string;
  document: string;
  url: string;
  quality: Quality;
  validFrom: number | null;
  validTo: number | null;
  lastChecked: string;
}

export interface Resolved<T> {
  value: T;
  reference: Reference;
  /** The research does not settle the value itself. */
  unverified: boolean;
  /** The year asked for is after the last year a source confirms: the value is carried forward. */
  carriedForward: boolean;
  confirmedThrough: number | null;
  note?: string;
}

export function valueFor(pv: ParameterValue, year: number): boolean {
  return (pv.validFrom === null || pv.validFrom <= year) && (pv.validTo === null || year <= pv.validTo);
}

/** The value of parameter `id` in force for admission `year`, or undefined if the rule did not exist then. */
export function resolve<K extends ParameterId>(rules: RuleSet, id: K, year: number): Resolved<ParameterValues[K]> | undefined {
  const param = rules.parameters[id];
  if (!param) throw new Error(`unknown enrolment parameter ${id}`);
  const pv = [...param.values].reverse().find((x) => valueFor(x, year));
  if (!pv) return undefined;
  return {
    value: pv.value as ParameterValues[K],
    reference: {
      parameter: id,
      document: pv.document,
      url: pv.url,
      quality: pv.quality,
      validFrom: pv.validFrom,
      validTo: pv.validTo,
      lastChecked: pv.lastChecked,
    },
    unverified: pv.unverified === true,
    carriedForward: pv.confirmedThrough !== null && year > pv.confirmedThrough,
    confirmedThrough: pv.confirmedThrough,
    ...(pv.note ? { note: pv.note } : {}),
  };
}
