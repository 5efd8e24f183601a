/**
 * The wizard's answers (strings, as typed), per-step validation and the conversion to an EnrolmentCase.
 * No React here, so it is unit-tested without a DOM.
 */
import {
  INSURANCE_TYPES,
  MAX_MONTHS,
  parseCase,
  schoolYearOf,
  type EnrolmentCaseInput,
  type Hukou,
  type InsuranceType,
  type PermitType,
  type Stage,
  type ParseResult,
} from './enrolment-case.ts';
import { daysBetween, isIsoDate } from './enrolment-dates.ts';
import { registrationEnd } from './enrolment-next-step.ts';
import { DEFAULT_RULES, type RuleSet } from './enrolment-params.ts';

export const STORAGE_KEY = 'dg-nearby:enrolment-case';

export const STEPS = ['stage', 'town', 'child', 'parent', 'permit', 'insurance', 'tax', 'home', 'stability', 'review'] as const;
export type StepId = (typeof STEPS)[number];

export interface Draft {
  stage: Stage | '';
  schoolYear: string;
  asOf: string;
  targetTown: string;
  childBirth: string;
  childHukou: Hukou | '';
  currentGrade: 'primary6' | 'primary5' | 'other' | '';
  juniorYears: string;
  parentHukou: Hukou | '';
  hukouTown: string;
  permitType: PermitType | '';
  permitSince: string;
  permitTown: string;
  insurance: Record<InsuranceType, string>;
  insuranceTown: string;
  guangdongMonths: string;
  taxIncome: string;
  taxRental: string;
  taxTransfer: string;
  taxTown: string;
  reconciliation: 'yes' | 'no' | '';
  homeOwned: 'yes' | 'no' | '';
  homeTown: string;
  stableJob: boolean;
  stableHome: boolean;
}

export function emptyDraft(today: string, rules: RuleSet = DEFAULT_RULES): Draft {
  const schoolYear = schoolYearOf({ asOf: today });
  return {
    stage: '',
    schoolYear: String(schoolYear),
    // The city counts points to the end of the year's online registration, so that is the default.
    asOf: registrationEnd(schoolYear, rules).date,
    targetTown: '',
    childBirth: '',
    childHukou: '',
    currentGrade: '',
    juniorYears: '',
    parentHukou: '',
    hukouTown: '',
    permitType: '',
    permitSince: '',
    permitTown: '',
    insurance: { pension: '', medical: '', unemployment: '', workInjury: '', maternity: '' },
    insuranceTown: '',
    guangdongMonths: '',
    taxIncome: '',
    taxRental: '',
    taxTransfer: '',
    taxTown: '',
    reconciliation: '',
    homeOwned: '',
    homeTown: '',
    stableJob: false,
    stableHome: false,
  };
}

/** Field name → error code (translated as enrolment:errors.<code>). */
export type StepErrors = Partial<Record<string, { code: string; values?: Record<string, string | number> }>>;

const int = (s: string) => (s.trim() === '' ? 0 : Number(s));
const isWhole = (s: string, max: number) => s.trim() === '' || (/^\d+$/.test(s.trim()) && Number(s) <= max);
const isAmount = (s: string) => s.trim() === '' || (/^\d+(\.\d{1,2})?$/.test(s.trim()) && Number(s) <= 1e9);

function checkDate(errors: StepErrors, field: string, value: string, today: string, asOf: string) {
  if (!value) errors[field] = { code: 'required' };
  else if (!isIsoDate(value)) errors[field] = { code: 'invalidDate' };
  else if (value > today) errors[field] = { code: 'future' };
  else if (value > asOf) errors[field] = { code: 'afterAsOf', values: { asOf } };
}

export function stepErrors(step: StepId, d: Draft, today: string): StepErrors {
  const e: StepErrors = {};
  const year = Number(d.schoolYear);
  switch (step) {
    case 'stage':
      if (!d.stage) e.stage = { code: 'chooseOne' };
      if (!d.asOf) e.asOf = { code: 'required' };
      else if (!isIsoDate(d.asOf)) e.asOf = { code: 'invalidDate' };
      else if (d.asOf > `${year}-08-31`) e.asOf = { code: 'asOfAfterIntake', values: { year } };
      break;
    case 'town':
      if (!d.targetTown) e.targetTown = { code: 'chooseOne' };
      break;
    case 'child':
      checkDate(e, 'childBirth', d.childBirth, today, d.asOf);
      if (!e.childBirth && daysBetween(d.childBirth, d.asOf) > 19 * 366) e.childBirth = { code: 'tooOld' };
      if (!d.childHukou) e.childHukou = { code: 'chooseOne' };
      if (d.stage === 'junior1' && !d.currentGrade) e.currentGrade = { code: 'chooseOne' };
      if (d.stage === 'seniorHigh') {
        if (!isWhole(d.juniorYears, 4)) e.juniorYears = { code: 'wholeNumber', values: { max: 4 } };
        else if (
          !e.childBirth &&
          d.childBirth &&
          int(d.juniorYears) > Math.max(0, Math.ceil(daysBetween(d.childBirth, d.asOf) / 365.25 - 11))
        )
          e.juniorYears = { code: 'juniorYearsImpossible' };
      }
      break;
    case 'parent':
      if (!d.parentHukou) e.parentHukou = { code: 'chooseOne' };
      break;
    case 'permit':
      if (d.parentHukou === 'dongguan') break;
      if (!d.permitType) e.permitType = { code: 'chooseOne' };
      if (d.permitType && d.permitType !== 'none') {
        checkDate(e, 'permitSince', d.permitSince, today, d.asOf);
        if (!d.permitTown) e.permitTown = { code: 'chooseOne' };
      }
      break;
    case 'insurance': {
      let maxDg = 0;
      for (const t of INSURANCE_TYPES) {
        if (!isWhole(d.insurance[t], MAX_MONTHS)) e[`insurance.${t}`] = { code: 'wholeNumber', values: { max: MAX_MONTHS } };
        else maxDg = Math.max(maxDg, int(d.insurance[t]));
      }
      if (!isWhole(d.guangdongMonths, MAX_MONTHS)) e.guangdongMonths = { code: 'wholeNumber', values: { max: MAX_MONTHS } };
      else if (d.guangdongMonths.trim() !== '' && int(d.guangdongMonths) < maxDg)
        e.guangdongMonths = { code: 'gdBelowDg', values: { months: maxDg } };
      if (maxDg > 0 && !d.insuranceTown) e.insuranceTown = { code: 'chooseOne' };
      break;
    }
    case 'tax':
      for (const f of ['taxIncome', 'taxRental', 'taxTransfer'] as const) if (!isAmount(d[f])) e[f] = { code: 'amount' };
      if (int(d.taxIncome) + int(d.taxRental) + int(d.taxTransfer) > 0 && !d.taxTown) e.taxTown = { code: 'chooseOne' };
      break;
    case 'home':
      if (!d.homeOwned) e.homeOwned = { code: 'chooseOne' };
      if (d.homeOwned === 'yes' && !d.homeTown) e.homeTown = { code: 'chooseOne' };
      break;
    case 'stability':
    case 'review':
      break;
  }
  return e;
}

export function draftToInput(d: Draft): EnrolmentCaseInput {
  const dongguanParent = d.parentHukou === 'dongguan';
  const permitType: PermitType = dongguanParent ? 'none' : d.permitType || 'none';
  return {
    asOf: d.asOf,
    schoolYear: Number(d.schoolYear),
    stage: d.stage as Stage,
    targetTown: d.targetTown,
    child: {
      birthDate: d.childBirth,
      hukou: d.childHukou as Hukou,
      ...(d.stage === 'junior1' && d.currentGrade ? { currentGrade: d.currentGrade } : {}),
      ...(d.stage === 'seniorHigh' ? { dongguanJuniorYears: int(d.juniorYears) } : {}),
    },
    parent: {
      hukou: d.parentHukou as Hukou,
      ...(dongguanParent && d.hukouTown ? { hukouTown: d.hukouTown } : {}),
      residencePermit: permitType === 'none' ? { type: 'none' } : { type: permitType, since: d.permitSince, town: d.permitTown },
      socialInsurance: {
        monthsByType: Object.fromEntries(INSURANCE_TYPES.map((t) => [t, int(d.insurance[t])])) as Record<InsuranceType, number>,
        ...(d.insuranceTown ? { town: d.insuranceTown } : {}),
        ...(d.guangdongMonths.trim() !== '' ? { guangdongMonths: int(d.guangdongMonths) } : {}),
      },
      tax: {
        incomeYuan: int(d.taxIncome),
        propertyRentalYuan: int(d.taxRental),
        propertyTransferYuan: int(d.taxTransfer),
        ...(d.taxTown ? { town: d.taxTown } : {}),
        ...(d.reconciliation ? { annualReconciliationDone: d.reconciliation === 'yes' } : {}),
      },
      home: d.homeOwned === 'yes' ? { owned: true, town: d.homeTown } : { owned: false },
      stableJob: d.stableJob,
      stableHome: d.stableHome,
    },
  };
}

export const draftToCase = (d: Draft): ParseResult => parseCase(draftToInput(d));

/** A new admission year moves the count date along with it, unless the parent typed their own date. */
export function withSchoolYear(d: Draft, year: string, rules: RuleSet = DEFAULT_RULES): Draft {
  const followed = d.asOf === registrationEnd(Number(d.schoolYear), rules).date;
  return { ...d, schoolYear: year, asOf: followed ? registrationEnd(Number(year), rules).date : d.asOf };
}

/** Rules from the feed may date the registration window: a count date that followed the old end follows the new one. */
export function withRules(d: Draft, from: RuleSet, to: RuleSet): Draft {
  const year = Number(d.schoolYear);
  if (!Number.isInteger(year) || d.asOf !== registrationEnd(year, from).date) return d;
  const asOf = registrationEnd(year, to).date;
  return asOf === d.asOf ? d : { ...d, asOf };
}

/** What is kept on the device between visits: the answers, the step and whether the result was open. */
export interface KeptProgress {
  draft: Draft;
  step: number;
  showResult: boolean;
}

export function readProgress(storage: Pick<Storage, 'getItem'> | undefined, today: string): KeptProgress | null {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { draft?: unknown; step?: unknown; showResult?: unknown };
    // Older versions stored the bare draft.
    const draft = readSaved(
      { getItem: () => JSON.stringify(parsed && typeof parsed === 'object' && 'draft' in parsed ? parsed.draft : parsed) },
      today,
    );
    if (!draft) return null;
    const step =
      typeof parsed.step === 'number' && Number.isInteger(parsed.step) && parsed.step >= 0 && parsed.step < STEPS.length ? parsed.step : 0;
    return { draft, step, showResult: parsed.showResult === true };
  } catch {
    return null;
  }
}

/** Saved answers are read defensively: anything unexpected is ignored, never trusted. */
export function readSaved(storage: Pick<Storage, 'getItem'> | undefined, today: string): Draft | null {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    if (!parsed || typeof parsed !== 'object') return null;
    const base = emptyDraft(today);
    const out = { ...base } as Record<string, unknown>;
    for (const [k, v] of Object.entries(base)) {
      const got = (parsed as Record<string, unknown>)[k];
      if (typeof v === 'string' && typeof got === 'string') out[k] = got;
      else if (typeof v === 'boolean' && typeof got === 'boolean') out[k] = got;
    }
    const ins = parsed.insurance;
    if (ins && typeof ins === 'object')
      out.insurance = Object.fromEntries(INSURANCE_TYPES.map((t) => [t, typeof ins[t] === 'string' ? ins[t] : '']));
    return out as unknown as Draft;
  } catch {
    return null;
  }
}
