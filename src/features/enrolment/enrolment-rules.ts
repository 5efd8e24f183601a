/**
 * The enrolment check as small pure functions over a validated case and the dated rule set.
 * Every check and points item carries its citation; anything the research does not settle is null
 * ("unverified"). No React here: the CLI imports this file.
 */
import type { EnrolmentCase, Hukou, PermitType, Stage } from './enrolment-case.ts';
import { INSURANCE_TYPES, schoolYearOf } from './enrolment-case.ts';
import { addYears, daysBetween } from './enrolment-dates.ts';
import {
  DEFAULT_RULES,
  resolve,
  type ParameterId,
  type ParameterValues,
  type Reference,
  type DocRule,
  type Resolved,
  type RuleSet,
} from './enrolment-params.ts';
import { joinText, msg, townText, type LocalText } from './enrolment-text.ts';
import {
  datedSteps,
  educationOffice,
  registrationEnd,
  timelineDates,
  type EducationOffice,
  type TimelineDates,
} from './enrolment-next-step.ts';
import timelineFile from './rules/timeline.json';
import documentsFile from './rules/documents.json';

export type Tri = true | false | null;

export interface Check {
  id: string;
  /** true = passed, false = failed, null = unverified (the sources do not settle it, or facts are missing). */
  passed: Tri;
  reason: LocalText;
  reference: Reference | null;
}

export interface PointsItem {
  id: 'permit' | 'insurance' | 'tax' | 'home';
  points: number;
  detail: LocalText;
  unverified: boolean;
  reference: Reference;
}

export interface Points {
  total: number;
  items: PointsItem[];
  tieBreakOrder: string[];
  /** Points are counted up to this date; the official count runs to the end of the registration window. */
  countedTo: string;
  /** countedTo is the (known or estimated) last day of the year's online registration. */
  countedToRegistrationEnd: boolean;
  reference: Reference;
}

export interface Subsidy {
  eligible: Tri;
  level: 'primary' | 'junior';
  perTermYuan: number | null;
  perYearYuan: number | null;
  capAtActualFee: boolean;
  needsPoints: boolean;
  reason: LocalText;
  reference: Reference;
}

export interface TimelineEntry {
  id: string;
  from?: string;
  to?: string;
  text: LocalText;
  unverified: boolean;
  source: { document: string; url: string; quality: string; lastChecked?: string };
}

export interface DocumentItem {
  id: string;
  text: LocalText;
  source: { document: string; url: string; quality: string };
}

export interface EnrolmentResult {
  asOf: string;
  schoolYear: number;
  stage: Stage;
  targetTown: string;
  route: 'points' | 'localHukou' | 'outside' | 'kindergarten' | 'seniorHighTrack';
  eligible: true | false | 'unverified';
  summary: LocalText;
  checks: Check[];
  points: Points | null;
  applyTowns: string[];
  applyTownBases: { town: string; bases: string[] }[];
  subsidy: Subsidy | null;
  seniorHighTrack: { checks: Check[]; reference: Reference | null };
  documents: DocumentItem[];
  timeline: TimelineEntry[];
  channel: {
    bureauUrl: string;
    platformUrl: string | null;
    songshanLakeUrl: string;
    songshanLakePhone: string;
    cityHotline: string;
    text: LocalText;
    reference: Reference;
  };
  disclaimer: LocalText;
  rulesLastChecked: string;
  /** The step to take now (register in the window / ask the town), with whom to ask. */
  nextStep: LocalText;
  office: EducationOffice;
  registration: { date: string; estimated: boolean };
  timelineDates: TimelineDates[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Collects the parameters used, so the answer can say when a year's rules are only carried forward. */
export class Ctx {
  readonly used: Resolved<unknown>[] = [];
  constructor(
    readonly rules: RuleSet,
    readonly year: number,
  ) {}
  get<K extends ParameterId>(id: K): Resolved<ParameterValues[K]> | undefined {
    const r = resolve(this.rules, id, this.year);
    if (r) this.used.push(r);
    return r;
  }
  need<K extends ParameterId>(id: K): Resolved<ParameterValues[K]> {
    const r = this.get(id);
    if (!r) throw new Error(`enrolment parameter ${id} has no value for ${this.year}`);
    return r;
  }
}

const check = (id: string, passed: Tri, reason: LocalText, r: Resolved<unknown> | undefined): Check => ({
  id,
  passed,
  reason,
  reference: r ? r.reference : null,
});

const hukouText = (h: Hukou) => msg(`hukou.${h}` as 'hukou.dongguan');
const permitText = (p: PermitType) => msg(`permit.${p}` as 'permit.none');

// ---- Child -------------------------------------------------------------------------------------

export function childHukouCheck(ctx: Ctx, c: EnrolmentCase): Check {
  const r = ctx.need('childHukouPointsRoute');
  const h = c.child.hukou;
  if (h === 'dongguan') return check('child-hukou', false, msg('check.childHukou.dongguan'), r);
  if (h === 'foreign') return check('child-hukou', false, msg('check.childHukou.foreign'), r);
  const ok = r.value.includes(h);
  return check('child-hukou', ok, msg(ok ? 'check.childHukou.ok' : 'check.childHukou.no', { hukou: hukouText(h) }), r);
}

/** Kindergarten 小班 cohort for intake in September of `year`. */
export function kindergartenCohort(ctx: Ctx): { from: string; to: string; r: Resolved<unknown> } | undefined {
  const r = ctx.get('kindergartenCohort');
  if (!r) return undefined;
  const v = r.value;
  return { from: `${ctx.year + v.fromYearOffset}-${v.fromMonthDay}`, to: `${ctx.year + v.toYearOffset}-${v.toMonthDay}`, r };
}

export function kindergartenAgeCheck(ctx: Ctx, c: EnrolmentCase): Check {
  const cohort = kindergartenCohort(ctx);
  if (!cohort) return check('age-kindergarten', null, msg('check.noRuleForYear', { year: ctx.year }), undefined);
  const b = c.child.birthDate;
  const ok = b >= cohort.from && b <= cohort.to;
  return check(
    'age-kindergarten',
    ok,
    msg(ok ? 'check.ageKindergarten.ok' : 'check.ageKindergarten.no', { from: cohort.from, to: cohort.to, birth: b, year: ctx.year }),
    cohort.r,
  );
}

/** Latest birth date that reaches the primary-1 age by the cut-off day of `year` (inclusive). */
export function primary1LatestBirth(year: number, cutoff: { minAge: number; monthDay: string }): string {
  return `${year - cutoff.minAge}-${cutoff.monthDay}`;
}

export function primary1AgeCheck(ctx: Ctx, c: EnrolmentCase): Check {
  const r = ctx.get('primary1AgeCutoff');
  if (!r) return check('age-primary1', null, msg('check.noRuleForYear', { year: ctx.year }), undefined);
  const latest = primary1LatestBirth(ctx.year, r.value);
  const ok = c.child.birthDate <= latest;
  return check(
    'age-primary1',
    ok,
    msg(ok ? 'check.agePrimary1.ok' : 'check.agePrimary1.no', { latest, birth: c.child.birthDate, age: r.value.minAge }),
    r,
  );
}

export function junior1Check(ctx: Ctx, c: EnrolmentCase): Check {
  const r = ctx.get('junior1OnlyCurrentGraduates');
  if (!r) return check('junior1-graduate', null, msg('check.noRuleForYear', { year: ctx.year }), undefined);
  const g = c.child.currentGrade;
  if (g === undefined) return check('junior1-graduate', null, msg('check.junior1.unknown'), r);
  const ok = g === 'primary6';
  return check('junior1-graduate', ok, msg(ok ? 'check.junior1.ok' : 'check.junior1.no'), r);
}

// ---- Parent ------------------------------------------------------------------------------------

export function parentDocumentCheck(ctx: Ctx, c: EnrolmentCase): Check {
  const p = c.parent;
  const permit = p.residencePermit.type;
  if (p.hukou === 'dongguan') return check('parent-document', true, msg('check.parentDoc.dongguan'), ctx.get('parentAcceptedDocuments'));
  if (p.hukou === 'foreign') return check('parent-document', null, msg('check.parentDoc.foreign'), ctx.get('foreignParentDocuments'));
  const r = ctx.get('parentAcceptedDocuments');
  if (!r) return check('parent-document', null, msg('check.noRuleForYear', { year: ctx.year }), undefined);
  const accepted = r.value[p.hukou] ?? [];
  const needed = joinText(accepted.map(permitText), { zh: '或', en: ' or ', zhHant: '或' });
  if (accepted.includes(permit)) return check('parent-document', true, msg('check.parentDoc.ok', { permit: permitText(permit) }), r);
  if (p.hukou === 'taiwan' && permit === 'none') return check('parent-document', null, msg('check.parentDoc.taiwanNone'), r);
  if (permit === 'none') return check('parent-document', false, msg('check.parentDoc.none', { needed }), r);
  return check(
    'parent-document',
    false,
    msg('check.parentDoc.wrong', { permit: permitText(permit), needed, hukou: hukouText(p.hukou) }),
    r,
  );
}

const dongguanMonths = (c: EnrolmentCase) => INSURANCE_TYPES.map((t) => c.parent.socialInsurance.monthsByType[t]);

/** Sources conflict on whether insurance gates entry: pass when both readings pass, otherwise unverified. */
export function socialInsuranceEntryCheck(ctx: Ctx, c: EnrolmentCase): Check {
  const r = ctx.get('socialInsuranceEntryCondition');
  if (!r) return check('social-insurance-entry', null, msg('check.noRuleForYear', { year: ctx.year }), undefined);
  if (c.parent.hukou === 'dongguan') return check('social-insurance-entry', true, msg('check.siEntry.dongguan'), r);
  const months = dongguanMonths(c);
  const { allTypes, minMonths } = r.value.olderReading;
  const meetsOlder = allTypes ? Math.min(...months) >= minMonths : Math.max(...months) >= minMonths;
  if (meetsOlder) return check('social-insurance-entry', true, msg('check.siEntry.ok'), r);
  return check('social-insurance-entry', r.unverified ? null : !r.value.gating, msg('check.siEntry.conflict', { minMonths }), r);
}

// ---- Points ------------------------------------------------------------------------------------

export function permitPoints(ctx: Ctx, c: EnrolmentCase, countTo: string): PointsItem {
  const r = ctx.need('pointsPermit');
  const p = c.parent;
  const cap = ctx.get('pointsPermitInsuranceCap');
  const capNote = cap && cap.value === null ? msg('points.noCapFound') : msg('empty');
  let since: string | undefined;
  if (p.hukou === 'dongguan') since = r.value.dongguanHukouFrom;
  else if (p.hukou === 'foreign')
    return { id: 'permit', points: 0, unverified: true, detail: msg('points.permit.foreign'), reference: r.reference };
  else {
    const accepted = ctx.get('parentAcceptedDocuments')?.value[p.hukou] ?? [];
    if (accepted.includes(p.residencePermit.type)) since = p.residencePermit.since;
  }
  if (!since) return { id: 'permit', points: 0, unverified: false, detail: msg('points.permit.none'), reference: r.reference };
  const days = Math.max(0, daysBetween(since, countTo));
  const periods = Math.floor(days / r.value.daysPerPeriod);
  const points = round2(periods * r.value.pointsPerPeriod);
  const key = p.hukou === 'dongguan' ? 'points.permit.dongguan' : 'points.permit.count';
  return {
    id: 'permit',
    points,
    unverified: false,
    detail: joinText([msg(key, { since, to: countTo, days, periods, per: r.value.daysPerPeriod, points }), capNote].filter((t) => t.en)),
    reference: r.reference,
  };
}

export function insurancePoints(ctx: Ctx, c: EnrolmentCase): PointsItem {
  const r = ctx.need('pointsInsurance');
  const m = c.parent.socialInsurance.monthsByType;
  const typeMonths = r.value.types.reduce((sum, t) => sum + m[t], 0);
  const points = round2(typeMonths * r.value.pointsPerTypeMonth);
  const cap = ctx.get('pointsPermitInsuranceCap');
  const parts = [msg('points.insurance.count', { typeMonths, per: r.value.pointsPerTypeMonth, points })];
  if (cap && cap.value === null) parts.push(msg('points.noCapFound'));
  return { id: 'insurance', points, unverified: false, detail: joinText(parts), reference: r.reference };
}

export function taxPoints(ctx: Ctx, c: EnrolmentCase): PointsItem {
  const r = ctx.need('pointsTax');
  const t = c.parent.tax;
  const v = r.value;
  if (t.annualReconciliationDone === false)
    return { id: 'tax', points: 0, unverified: false, detail: msg('points.tax.noReconciliation'), reference: r.reference };
  const raw =
    t.incomeYuan * v.incomePerYuan + t.propertyRentalYuan * v.propertyRentalPerYuan + t.propertyTransferYuan * v.propertyTransferPerYuan;
  const points = round2(Math.min(raw, v.cap));
  const key = raw > v.cap ? 'points.tax.capped' : 'points.tax.count';
  return {
    id: 'tax',
    points,
    unverified: false,
    detail: msg(key, {
      years: v.years,
      income: t.incomeYuan,
      rental: t.propertyRentalYuan,
      transfer: t.propertyTransferYuan,
      raw: round2(raw),
      cap: v.cap,
      points,
    }),
    reference: r.reference,
  };
}

export function homePoints(ctx: Ctx, c: EnrolmentCase): PointsItem {
  const r = ctx.need('pointsHome');
  const h = c.parent.home;
  if (!h.owned || !h.town) {
    const rental = ctx.get('pointsRentalHome');
    return {
      id: 'home',
      points: rental?.value ?? 0,
      unverified: true,
      detail: msg('points.home.none'),
      reference: (rental ?? r).reference,
    };
  }
  const same = h.town === c.targetTown;
  const points = same ? r.value.sameTown : r.value.otherTown;
  return {
    id: 'home',
    points,
    unverified: false,
    detail: msg(same ? 'points.home.same' : 'points.home.other', { town: townText(h.town), points }),
    reference: r.reference,
  };
}

export function pointsEstimate(ctx: Ctx, c: EnrolmentCase): Points {
  const items = [permitPoints(ctx, c, c.asOf), insurancePoints(ctx, c), taxPoints(ctx, c), homePoints(ctx, c)];
  const tie = ctx.need('tieBreakOrder');
  return {
    total: round2(items.reduce((s, i) => s + i.points, 0)),
    items,
    tieBreakOrder: tie.value,
    countedTo: c.asOf,
    countedToRegistrationEnd: c.asOf === registrationEnd(schoolYearOf(c), ctx.rules).date,
    reference: tie.reference,
  };
}

// ---- Where to apply ----------------------------------------------------------------------------

export function applyTownBases(ctx: Ctx, c: EnrolmentCase): { town: string; bases: string[] }[] {
  const r = ctx.need('applyTownBases');
  const p = c.parent;
  const found: [string, string | undefined][] = [];
  if (Math.max(...dongguanMonths(c)) > 0) found.push(['socialInsurance', p.socialInsurance.town]);
  if (p.tax.incomeYuan + p.tax.propertyRentalYuan + p.tax.propertyTransferYuan > 0) found.push(['tax', p.tax.town]);
  if (p.home.owned) found.push(['home', p.home.town]);
  if (p.hukou !== 'dongguan' && p.residencePermit.type !== 'none') found.push(['residencePermit', p.residencePermit.town]);
  if (p.hukou === 'dongguan') found.push(['dongguanHukou', p.hukouTown]);
  const byTown = new Map<string, string[]>();
  for (const [basis, town] of found) {
    if (!town || !r.value.includes(basis)) continue;
    byTown.set(town, [...(byTown.get(town) ?? []), basis]);
  }
  return [...byTown].map(([town, bases]) => ({ town, bases })).sort((a, b) => a.town.localeCompare(b.town));
}

export function targetTownCheck(ctx: Ctx, c: EnrolmentCase, bases: { town: string; bases: string[] }[]): Check {
  const r = ctx.get('applyTownBases');
  const hit = bases.find((b) => b.town === c.targetTown);
  if (hit)
    return check(
      'target-town',
      true,
      msg('check.targetTown.ok', {
        town: townText(c.targetTown),
        bases: joinText(
          hit.bases.map((b) => msg(`basis.${b}` as 'basis.tax')),
          { zh: '、', en: ', ', zhHant: '、' },
        ),
      }),
      r,
    );
  const towns = bases.length
    ? joinText(
        bases.map((b) => townText(b.town)),
        { zh: '、', en: ', ', zhHant: '、' },
      )
    : msg('none');
  return check('target-town', false, msg('check.targetTown.no', { town: townText(c.targetTown), towns }), r);
}

export function townAdmissionsCheck(ctx: Ctx, c: EnrolmentCase): Check | undefined {
  const r = ctx.get('townsWithUnclearAdmissions');
  if (!r || !r.value.includes(c.targetTown)) return undefined;
  return check('town-admissions', null, msg('check.townAdmissions.unclear', { town: townText(c.targetTown) }), r);
}

// ---- Private-school subsidy ----------------------------------------------------------------------

export function privateSubsidy(ctx: Ctx, c: EnrolmentCase): Subsidy | null {
  if (c.stage !== 'primary1' && c.stage !== 'junior1') return null;
  const r = ctx.get('privateSubsidy');
  if (!r) return null;
  const level = c.stage === 'primary1' ? 'primary' : 'junior';
  const v = r.value;
  const levelText = msg(`level.${level}`);
  if (v.kind === 'tiersByPoints') {
    const tier = v.tiers[0];
    return {
      eligible: null,
      level,
      perTermYuan: null,
      perYearYuan: tier ? (level === 'primary' ? tier.primaryPerYear : tier.juniorPerYear) : null,
      capAtActualFee: false,
      needsPoints: true,
      reason: msg('subsidy.tiers', {
        level: levelText,
        t1: v.tiers[0] ? (level === 'primary' ? v.tiers[0].primaryPerYear : v.tiers[0].juniorPerYear) : 0,
        t2: v.tiers[1] ? (level === 'primary' ? v.tiers[1].primaryPerYear : v.tiers[1].juniorPerYear) : 0,
      }),
      reference: r.reference,
    };
  }
  const perTerm = level === 'primary' ? v.primaryPerTerm : v.juniorPerTerm;
  const h = c.child.hukou;
  let eligible: Tri = true;
  let reason = msg('subsidy.flat', { level: levelText, perTerm, perYear: perTerm * 2 });
  if (h === 'dongguan') {
    eligible = null;
    reason = joinText([reason, msg('subsidy.dongguanHukou', { date: v.excludeHukouMovedInOnOrBefore })]);
  } else if (h === 'foreign') {
    eligible = null;
    reason = joinText([reason, msg('subsidy.foreign')]);
  }
  reason = joinText([reason, msg('subsidy.excluded')]);
  if (r.carriedForward) {
    eligible = eligible === true ? null : eligible;
    reason = joinText([reason, msg('carriedForward', { year: ctx.year, confirmed: r.confirmedThrough ?? '—' })]);
  }
  return {
    eligible,
    level,
    perTermYuan: perTerm,
    perYearYuan: perTerm * 2,
    capAtActualFee: v.capAtActualFee,
    needsPoints: v.needsPoints,
    reason,
    reference: r.reference,
  };
}

// ---- Senior-high (中考) track --------------------------------------------------------------------

export function seniorHighChecks(ctx: Ctx, c: EnrolmentCase): { checks: Check[]; reference: Reference | null } {
  const r = ctx.get('seniorHighTrack');
  if (!r) return { checks: [check('senior-rule', null, msg('check.noRuleForYear', { year: ctx.year }), undefined)], reference: null };
  const v = r.value;
  const p = c.parent;
  const at = `${ctx.year}-${v.assessedAtMonthDay}`;
  const checks: Check[] = [];

  const jy = c.child.dongguanJuniorYears;
  checks.push(
    jy === undefined
      ? check('senior-junior-years', null, msg('check.senior.juniorYears.unknown', { years: v.juniorYears }), r)
      : check(
          'senior-junior-years',
          jy >= v.juniorYears,
          msg(jy >= v.juniorYears ? 'check.senior.juniorYears.ok' : 'check.senior.juniorYears.no', { have: jy, years: v.juniorYears }),
          r,
        ),
  );

  if (p.hukou === 'dongguan') checks.push(check('senior-permit', true, msg('check.senior.permit.dongguan'), r));
  else if (p.hukou !== 'otherMainland')
    checks.push(
      check('senior-permit', null, msg('check.senior.permit.hkMacauTaiwanForeign', { hukou: hukouText(p.hukou), years: v.permitYears }), r),
    );
  else if (p.residencePermit.type !== 'guangdong' || !p.residencePermit.since)
    checks.push(check('senior-permit', false, msg('check.senior.permit.none', { years: v.permitYears }), r));
  else {
    const enough = addYears(p.residencePermit.since, v.permitYears) <= at;
    checks.push(
      check(
        'senior-permit',
        enough,
        msg(enough ? 'check.senior.permit.ok' : 'check.senior.permit.short', {
          since: p.residencePermit.since,
          years: v.permitYears,
          at,
          from: addYears(p.residencePermit.since, v.permitYears),
        }),
        r,
      ),
    );
  }

  // Months are as given for the application; the rule reads "in total".
  const months = dongguanMonths(c);
  const dgMin = Math.min(...months);
  const dgMax = Math.max(...months);
  const gd = p.socialInsurance.guangdongMonths ?? dgMax;
  const params = { gd, dgMax, gdNeed: v.guangdongInsuranceMonths, dgNeed: v.dongguanInsuranceMonths };
  if (gd >= v.guangdongInsuranceMonths || dgMin >= v.dongguanInsuranceMonths)
    checks.push(check('senior-insurance', true, msg('check.senior.insurance.ok', params), r));
  else if (dgMax >= v.dongguanInsuranceMonths)
    checks.push(check('senior-insurance', null, msg('check.senior.insurance.typesDiffer', params), r));
  else checks.push(check('senior-insurance', false, msg('check.senior.insurance.no', params), r));

  const stable = p.stableJob && p.stableHome;
  checks.push(check('senior-stable', stable, msg(stable ? 'check.senior.stable.ok' : 'check.senior.stable.no'), r));
  return { checks, reference: r.reference };
}

// ---- Documents, timeline, channel --------------------------------------------------------------

/** rules/documents.json, typed: the full checklist and the quick answer both filter it (a published checklist replaces it). */
const DOCUMENT_RULES = documentsFile.items as DocRule[];

export const documentRules = (rules: RuleSet = DEFAULT_RULES): DocRule[] => rules.documents ?? DOCUMENT_RULES;

export function documentChecklist(c: EnrolmentCase, rules: RuleSet = DEFAULT_RULES): DocumentItem[] {
  const hasTax = c.parent.tax.incomeYuan + c.parent.tax.propertyRentalYuan + c.parent.tax.propertyTransferYuan > 0;
  return documentRules(rules)
    .filter(({ appliesTo: a }) => {
      if (a.parentHukou && !a.parentHukou.includes(c.parent.hukou)) return false;
      if (a.homeOwned !== undefined && a.homeOwned !== c.parent.home.owned) return false;
      if (a.hasTax !== undefined && a.hasTax !== hasTax) return false;
      if (a.stage && !a.stage.includes(c.stage)) return false;
      return true;
    })
    .map(({ id, text, source }) => ({ id, text, source }));
}

/** The year's known dates, filled in with the usual pattern (marked unverified) where a year has none. */
export function timelineFor(year: number, rules: RuleSet = DEFAULT_RULES): TimelineEntry[] {
  const known = datedSteps(year, rules).map((e) => ({ ...e }));
  const pattern = (timelineFile.pattern as TimelineEntry[]).filter((p) => !known.some((k) => k.id === p.id));
  const order = ['notices', 'window', 'results'];
  return [...known, ...pattern].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

// ---- Whole answer --------------------------------------------------------------------------------

export function combine(checks: Check[]): true | false | 'unverified' {
  if (checks.some((c) => c.passed === false)) return false;
  if (checks.some((c) => c.passed === null)) return 'unverified';
  return true;
}

export function evaluate(c: EnrolmentCase, rules: RuleSet = DEFAULT_RULES): EnrolmentResult {
  const year = schoolYearOf(c);
  const ctx = new Ctx(rules, year);
  const checks: Check[] = [];
  let route: EnrolmentResult['route'] = 'points';
  let points: Points | null = null;
  let bases: { town: string; bases: string[] }[] = [];

  const childCheck = childHukouCheck(ctx, c);
  checks.push(childCheck);
  if (c.child.hukou === 'dongguan') route = 'localHukou';
  else if (c.child.hukou === 'foreign') route = 'outside';

  // Information that is not part of this stage's eligibility uses its own context, so its rule years
  // do not make the eligibility answer "unverified".
  const info = new Ctx(rules, year);
  const senior = seniorHighChecks(c.stage === 'seniorHigh' ? ctx : info, c);
  if (c.stage === 'kindergarten') {
    route = route === 'points' ? 'kindergarten' : route;
    checks.push(kindergartenAgeCheck(ctx, c));
    const k = ctx.get('kindergartenPublicAdmission');
    checks.push(check('kindergarten-public', null, msg('check.kindergartenPublic'), k));
  } else if (c.stage === 'seniorHigh') {
    route = route === 'points' ? 'seniorHighTrack' : route;
    checks.push(...senior.checks);
  } else {
    checks.push(c.stage === 'primary1' ? primary1AgeCheck(ctx, c) : junior1Check(ctx, c));
    checks.push(parentDocumentCheck(ctx, c));
    checks.push(socialInsuranceEntryCheck(ctx, c));
    bases = applyTownBases(ctx, c);
    checks.push(targetTownCheck(ctx, c, bases));
    if (route === 'points') points = pointsEstimate(ctx, c);
  }
  const unclear = townAdmissionsCheck(ctx, c);
  if (unclear) checks.push(unclear);

  const subsidy = privateSubsidy(info, c);
  const channelR = info.need('officialChannel');

  // A year after the last confirmed one: the rules are carried forward, so the answer cannot be sure.
  const carried = ctx.used.filter((u) => u.carriedForward);
  if (carried.length) {
    const confirmed = Math.min(...carried.map((u) => u.confirmedThrough ?? year));
    checks.push({
      id: 'rules-year',
      passed: null,
      reason: msg('check.rulesYear.carried', { year, confirmed }),
      reference: carried[0]?.reference ?? null,
    });
  } else checks.push({ id: 'rules-year', passed: true, reason: msg('check.rulesYear.ok', { year }), reference: null });

  const eligible = combine(checks);
  const summaryKey = eligible === true ? 'summary.eligible' : eligible === false ? 'summary.notEligible' : 'summary.unverified';
  const office = educationOffice(c.targetTown, rules);
  const registration = registrationEnd(year, rules);
  const contact = contactText(office);
  const nextStep =
    route === 'points'
      ? msg(registration.estimated ? 'next.points.estimated' : 'next.points.known', {
          town: townText(c.targetTown),
          year,
          date: registration.date,
          contact,
        })
      : msg('next.other', { town: townText(c.targetTown), year, contact });
  const lastChecked = [...ctx.used, ...info.used].map((u) => u.reference.lastChecked).sort()[0] ?? '';

  return {
    asOf: c.asOf,
    schoolYear: year,
    stage: c.stage,
    targetTown: c.targetTown,
    route,
    eligible,
    summary: msg(summaryKey, {
      stage: msg(`stage.${c.stage}`),
      year,
      town: townText(c.targetTown),
      n: checks.filter((k) => k.passed === null).length,
    }),
    checks,
    points,
    applyTowns: bases.map((b) => b.town),
    applyTownBases: bases,
    subsidy,
    seniorHighTrack: c.stage === 'seniorHigh' ? { checks: [], reference: senior.reference } : senior,
    documents: documentChecklist(c, rules),
    timeline: timelineFor(year, rules),
    channel: {
      ...channelR.value,
      text: msg('channel', { phone: channelR.value.songshanLakePhone, hotline: channelR.value.cityHotline }),
      reference: channelR.reference,
    },
    disclaimer: msg('disclaimer'),
    rulesLastChecked: lastChecked,
    nextStep,
    office,
    registration,
    timelineDates: timelineDates(year, rules),
  };
}

/** Whom to ask, from what the sources name: the office and its phone, else the city hotline. */
export function contactText(office: EducationOffice): LocalText {
  const town = townText(office.town);
  if (office.name && office.phone) return msg('contact.named', { name: office.name, phone: office.phone });
  if (office.name) return msg('contact.nameOnly', { name: office.name, hotline: office.cityHotline });
  if (office.phone) return msg('contact.phoneOnly', { town, phone: office.phone });
  return msg('contact.hotline', { hotline: office.cityHotline, town });
}
