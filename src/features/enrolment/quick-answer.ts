/**
 * The quick answer for the commonest case: a migrant child (hukou elsewhere in the mainland) entering
 * primary 1 or junior 1 in one town. Nothing about the family is known beyond two optional yes/no taps,
 * so the answer is the list of conditions that decide it, each with its citation, stated as conditions
 * ("if ..."), never as a verdict. Pure data; no React.
 */
import { schoolYearOf } from './enrolment-case.ts';
import { DEFAULT_RULES, type Reference, type Resolved, type RuleSet } from './enrolment-params.ts';
import { Ctx, documentRules, primary1LatestBirth, timelineFor, type TimelineEntry } from './enrolment-rules.ts';
import { educationOffice, publishedCutoffs, registrationEnd, type EducationOffice, type PublishedCutoff } from './enrolment-next-step.ts';
import type { LocalText } from './enrolment-text.ts';

export const QUICK_STAGES = ['primary1', 'junior1'] as const;
export type QuickStage = (typeof QUICK_STAGES)[number];

/** The two one-tap refinements; null = not answered. */
export interface QuickFacts {
  permit: boolean | null;
  insurance: boolean | null;
}

/**
 * need: a condition the family must meet (not answered); met / missing: answered yes / no;
 * unverified: the sources do not settle it; info: how places are shared out, not a condition.
 */
export type LineState = 'need' | 'met' | 'missing' | 'unverified' | 'info';

export interface QuickLine {
  id: 'age' | 'graduate' | 'permit' | 'insurance' | 'town' | 'townUnclear' | 'points';
  state: LineState;
  params: Record<string, string | number>;
  reference: Reference | null;
  /** The value is only carried forward from the last year a source confirms. */
  carriedFrom: number | null;
}

export interface QuickDocument {
  id: string;
  text: LocalText;
  /** Needed only if the family has this (own home, tax paid). */
  onlyIf?: 'homeOwned' | 'hasTax';
  source: { document: string; url: string; quality: string };
}

export interface QuickAnswer {
  stage: QuickStage;
  town: string;
  year: number;
  /** 'conditional': the child can apply if the lines hold; 'missing': a condition answered "no" blocks it. */
  verdict: 'conditional' | 'missing';
  lines: QuickLine[];
  /** How many lines the sources leave open (unverified, or carried forward to this year). */
  openCount: number;
  office: EducationOffice;
  window: TimelineEntry | undefined;
  registration: { date: string; estimated: boolean };
  documents: QuickDocument[];
  cutoffs: PublishedCutoff[];
}

const carried = (r: Resolved<unknown> | undefined, year: number): number | null =>
  r && r.carriedForward ? (r.confirmedThrough ?? year) : null;

const line = (
  id: QuickLine['id'],
  state: LineState,
  r: Resolved<unknown> | undefined,
  year: number,
  params: QuickLine['params'] = {},
): QuickLine => ({
  id,
  state: r?.unverified && state !== 'met' && state !== 'missing' ? 'unverified' : state,
  params,
  reference: r?.reference ?? null,
  carriedFrom: carried(r, year),
});

const answered = (v: boolean | null): LineState => (v === true ? 'met' : v === false ? 'missing' : 'need');

/** What a migrant family prepares for this stage; home and tax items are marked "only if". */
export function quickDocuments(stage: QuickStage, rules: RuleSet = DEFAULT_RULES): QuickDocument[] {
  return documentRules(rules).flatMap(({ id, text, appliesTo: a, source }): QuickDocument[] => {
    if (a.parentHukou && !a.parentHukou.includes('otherMainland')) return [];
    if (a.stage && !a.stage.includes(stage)) return [];
    if (a.homeOwned === false || a.hasTax === false) return [];
    const onlyIf = a.homeOwned ? 'homeOwned' : a.hasTax ? 'hasTax' : undefined;
    return [{ id, text, source, ...(onlyIf ? { onlyIf } : {}) }];
  });
}

export function quickAnswer(
  stage: QuickStage,
  town: string,
  today: string,
  facts: QuickFacts = { permit: null, insurance: null },
  rules: RuleSet = DEFAULT_RULES,
): QuickAnswer {
  const year = schoolYearOf({ asOf: today });
  const ctx = new Ctx(rules, year);
  const lines: QuickLine[] = [];

  if (stage === 'primary1') {
    const r = ctx.get('primary1AgeCutoff');
    if (r) lines.push(line('age', 'need', r, year, { age: r.value.minAge, latest: primary1LatestBirth(year, r.value) }));
  } else {
    const r = ctx.get('junior1OnlyCurrentGraduates');
    if (r?.value) lines.push(line('graduate', 'need', r, year, { year }));
  }

  const docs = ctx.get('parentAcceptedDocuments');
  // The data names the permit a mainland parent needs; the page shows it by its id.
  const permit = docs?.value.otherMainland?.[0] ?? 'guangdong';
  lines.push(line('permit', answered(facts.permit), docs, year, { permit }));

  const si = ctx.get('socialInsuranceEntryCondition');
  if (si) {
    // Sources conflict on whether insurance gates entry: "yes" meets both readings, "no" leaves it open.
    const state: LineState =
      facts.insurance === true ? 'met' : si.unverified ? 'unverified' : si.value.gating ? answered(facts.insurance) : 'info';
    lines.push(line('insurance', state, si, year, { minMonths: si.value.olderReading.minMonths }));
  }

  const bases = ctx.get('applyTownBases');
  lines.push(line('town', 'need', bases, year, { town }));

  const unclear = ctx.get('townsWithUnclearAdmissions');
  if (unclear?.value.includes(town)) lines.push(line('townUnclear', 'unverified', unclear, year, { town }));

  const permitPoints = ctx.get('pointsPermit');
  const insurancePoints = ctx.get('pointsInsurance');
  if (permitPoints && insurancePoints)
    lines.push(
      line('points', 'info', permitPoints, year, {
        days: permitPoints.value.daysPerPeriod,
        per: permitPoints.value.pointsPerPeriod,
        perMonth: insurancePoints.value.pointsPerTypeMonth,
        types: insurancePoints.value.types.length,
      }),
    );

  const timeline = timelineFor(year, rules);
  return {
    stage,
    town,
    year,
    verdict: lines.some((l) => l.state === 'missing' && l.id === 'permit') ? 'missing' : 'conditional',
    lines,
    openCount: lines.filter((l) => l.state === 'unverified' || l.carriedFrom !== null).length,
    office: educationOffice(town, rules),
    window: timeline.find((e) => e.id === 'window'),
    registration: registrationEnd(year, rules),
    documents: quickDocuments(stage, rules),
    cutoffs: publishedCutoffs(town, stage),
  };
}
