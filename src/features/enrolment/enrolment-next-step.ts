/**
 * What a family does next: when the year's online registration closes (known or estimated), whom to ask
 * in the target town, and the timeline as calendar dates. Pure data lookups; no React (the CLI imports it).
 */
import timelineFile from './rules/timeline.json';
import officesFile from './rules/education-offices.json';
import cutoffsFile from './rules/published-cutoffs.json';
import type { LocalText } from './enrolment-text.ts';
import { DEFAULT_RULES, type DatedStep, type OfficeRecord, type RuleSet, type SourceRef } from './enrolment-params.ts';

interface PatternEntry {
  id: string;
  estimate?: { fromMonthDay: string; toMonthDay: string };
}

/** The dated steps of one admission year: the published ones when the feed has them, else the embedded ones. */
export function datedSteps(year: number, rules: RuleSet = DEFAULT_RULES): DatedStep[] {
  return rules.timelineYears?.[String(year)] ?? (timelineFile.years as Record<string, DatedStep[]>)[String(year)] ?? [];
}

/** The last day of the citywide online registration for an admission year: a published date, else the usual one, marked estimated. */
export function registrationEnd(year: number, rules: RuleSet = DEFAULT_RULES): { date: string; estimated: boolean } {
  const known = datedSteps(year, rules).find((e) => e.id === 'window' && e.to);
  if (known?.to) return { date: known.to.slice(0, 10), estimated: false };
  const pattern = (timelineFile.pattern as PatternEntry[]).find((e) => e.id === 'window');
  return { date: `${year}-${pattern?.estimate?.toMonthDay ?? '05-31'}`, estimated: true };
}

export interface TimelineDates {
  id: string;
  from: string;
  to: string;
  estimated: boolean;
}

/** Calendar dates for each timeline step of `year`: published dates where a source gives them, else the usual months (estimated). */
export function timelineDates(year: number, rules: RuleSet = DEFAULT_RULES): TimelineDates[] {
  const known = datedSteps(year, rules);
  return (timelineFile.pattern as PatternEntry[]).flatMap((p): TimelineDates[] => {
    const k = known.find((e) => e.id === p.id);
    if (k?.from && k.to) return [{ id: p.id, from: k.from.slice(0, 10), to: k.to.slice(0, 10), estimated: false }];
    if (!p.estimate) return [];
    return [{ id: p.id, from: `${year}-${p.estimate.fromMonthDay}`, to: `${year}-${p.estimate.toMonthDay}`, estimated: true }];
  });
}

export interface EducationOffice {
  town: string;
  /** Only what a source names; anything missing is unverified and the answer points to the city hotline. */
  name?: LocalText;
  phone?: string;
  address?: LocalText;
  url?: string;
  /** When the office's window is open (published offices only). */
  window?: LocalText;
  source?: SourceRef;
  cityHotline: string;
  /** True when the source is not an official government page, or when name, address or phone is missing. */
  unverified: boolean;
}

/** The town's office: the published one when the feed's offices file names it, else the embedded one. */
export function educationOffice(town: string, rules: RuleSet = DEFAULT_RULES): EducationOffice {
  const published = rules.offices?.byTown[town];
  const record = published ?? (officesFile.offices as Record<string, OfficeRecord>)[town];
  const cityHotline = rules.offices?.cityHotline ?? officesFile.cityHotline;
  if (!record) return { town, cityHotline, unverified: true };
  const complete = !!(record.name && record.phone && record.address) && record.source.quality === 'gov';
  return {
    town,
    ...(record.name ? { name: record.name } : {}),
    ...(record.phone ? { phone: record.phone } : {}),
    ...(record.address ? { address: record.address } : {}),
    ...(record.url ? { url: record.url } : {}),
    ...(record.window ? { window: record.window } : {}),
    source: published ? record.source : { ...record.source, lastChecked: officesFile.lastChecked },
    cityHotline,
    unverified: !complete,
  };
}

export interface PublishedCutoff {
  town: string;
  year: number;
  stage: string;
  points: number;
  source: SourceRef;
}

/** Earlier years' lowest admitted points that a town published, newest first (empty when none is known). */
export function publishedCutoffs(
  town: string,
  stage: string,
  file: { cutoffs: PublishedCutoff[] } = cutoffsFile as { cutoffs: PublishedCutoff[] },
): PublishedCutoff[] {
  return file.cutoffs.filter((c) => c.town === town && c.stage === stage).sort((a, b) => b.year - a.year);
}
