/**
 * Enrolment rules and offices published in the feed (issue 22), turned into the engine's RuleSet. A
 * published file is used only when it is newer than the embedded rules; a parameter it sets applies to its
 * school year only (appended after the embedded values, so `resolve` finds it first), and everything it
 * leaves out keeps the embedded value. Pure: the page's hook reads the files, this builds the rules.
 */
import type { Citation, EnrolmentRulesFile, OfficesFile } from '../../data/published-files-schema';
import officesFile from './rules/education-offices.json';
import { DEFAULT_RULES, type DocRule, type OfficeRecord, type Parameter, type RuleSet, type SourceRef } from './enrolment-params';
import type { LocalText } from './enrolment-text';

/** The day the embedded rules were last checked against their sources: "应用内置资料，整理于 …". */
export const EMBEDDED_RULES_DATE = [
  officesFile.lastChecked,
  ...Object.values(DEFAULT_RULES.parameters).flatMap((p) => p.values.map((v) => v.lastChecked)),
].reduce((a, b) => (a > b ? a : b));

/** official → shown as an official source; secondary → shown as a copy or report. */
const sourceRef = (c: Citation): SourceRef => ({
  document: c.document,
  url: c.url,
  quality: c.status === 'official' ? 'gov' : 'mirror',
  lastChecked: c.checked,
});

export const isNewerThanEmbedded = (file: { published: string }): boolean => file.published > EMBEDDED_RULES_DATE;

function withYearParameters(parameters: Record<string, Parameter>, file: EnrolmentRulesFile): Record<string, Parameter> {
  const out = { ...parameters };
  const year = file.schoolYear;
  for (const [id, p] of Object.entries(file.parameters)) {
    if (!p) continue;
    const base = out[id] ?? { description: id, values: [] };
    const value = {
      validFrom: year,
      validTo: year,
      value: p.value,
      confirmedThrough: year,
      document: p.document,
      url: p.url,
      lastChecked: p.checked,
    };
    out[id] = {
      ...base,
      values: [...base.values, { ...value, quality: p.status === 'official' ? 'gov' : 'mirror', ...(p.note ? { note: p.note } : {}) }],
    };
  }
  return out;
}

/** The embedded rules with the published enrolment files and offices laid over them. */
export function withPublishedRules(base: RuleSet, files: readonly EnrolmentRulesFile[], offices: OfficesFile | null): RuleSet {
  let rules: RuleSet = base;
  for (const file of [...files].sort((a, b) => a.schoolYear - b.schoolYear)) {
    rules = { ...rules, parameters: withYearParameters(rules.parameters, file) };
    if (file.timeline?.length) {
      const steps = file.timeline.map((s) => ({ ...s, unverified: false, source: sourceRef(s.source) }));
      rules = { ...rules, timelineYears: { ...rules.timelineYears, [String(file.schoolYear)]: steps } };
    }
  }
  // The checklist of the latest year that publishes one.
  const checklist = [...files].sort((a, b) => b.schoolYear - a.schoolYear).find((f) => f.documents?.length)?.documents;
  if (checklist) rules = { ...rules, documents: checklist.map((d): DocRule => ({ ...d, source: sourceRef(d.source) })) };
  if (offices) {
    const byTown: Record<string, OfficeRecord> = {};
    for (const [town, o] of Object.entries(offices.offices)) byTown[town] = { ...o, source: sourceRef(o.source) };
    rules = { ...rules, offices: { cityHotline: offices.cityHotline ?? officesFile.cityHotline, byTown } };
  }
  return rules;
}

/** Who stands behind the rules a page shows: a publisher and its date, or the embedded copy (publisher null). */
export interface RulesProvenance {
  publisher: LocalText | null;
  date: string;
}

export function rulesProvenance(year: number, files: readonly EnrolmentRulesFile[]): RulesProvenance {
  const file = files.find((f) => f.schoolYear === year);
  return file ? { publisher: file.publisher, date: file.published } : { publisher: null, date: EMBEDDED_RULES_DATE };
}
