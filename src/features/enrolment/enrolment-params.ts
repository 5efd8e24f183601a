/**
 * Dated parameters (OpenFisca-style): look up the value in force for an admission year, with its citation.
 * No React here: the CLI imports this file.
 */
import parametersFile from './rules/parameters.json';

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

export interface RuleSet {
  parameters: Record<string, Parameter>;
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
export function resolve<T>(rules: RuleSet, id: string, year: number): Resolved<T> | undefined {
  const param = rules.parameters[id];
  if (!param) throw new Error(`unknown enrolment parameter ${id}`);
  const pv = [...param.values].reverse().find((x) => valueFor(x, year));
  if (!pv) return undefined;
  return {
    value: pv.value as T,
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
