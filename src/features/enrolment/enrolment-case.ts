/**
 * The enrolment case: what the family tells us. One valibot schema shared by the CLI and the wizard,
 * plus the cross-field checks a schema cannot express (dates in the future, months that cannot be).
 * No React here: the CLI imports this file.
 */
import * as v from 'valibot';
import { isTownCode } from '../../geo/towns.ts';
import { jsonObject } from '../../data/feed-schema.ts';
import { daysBetween, isIsoDate } from './enrolment-dates.ts';

export const STAGES = ['kindergarten', 'primary1', 'junior1', 'seniorHigh'] as const;
export const HUKOU_KINDS = ['dongguan', 'otherMainland', 'hk', 'macau', 'taiwan', 'foreign'] as const;
export const PERMIT_TYPES = ['guangdong', 'hkMacau', 'taiwan', 'none'] as const;
export const INSURANCE_TYPES = ['pension', 'medical', 'unemployment', 'workInjury', 'maternity'] as const;
export const CURRENT_GRADES = ['none', 'primary5', 'primary6', 'junior3', 'other'] as const;

export type Stage = (typeof STAGES)[number];
export type Hukou = (typeof HUKOU_KINDS)[number];
export type PermitType = (typeof PERMIT_TYPES)[number];
export type InsuranceType = (typeof INSURANCE_TYPES)[number];

/**
 * First admission year the rules file (rules/parameters.json) covers: the 2020 points scheme. Earlier
 * years have no values for the core parameters, so a case for them is refused rather than guessed.
 */
export const FIRST_RULES_YEAR = 2020;

/** Upper bound for any month count (50 years): anything above is a typo. */
export const MAX_MONTHS = 600;

const isoDate = v.pipe(v.string(), v.check(isIsoDate, 'must be a real date written YYYY-MM-DD'));
const town = v.pipe(v.string(), v.check(isTownCode, 'must be an official Dongguan town code such as 441900121'));
const months = v.pipe(
  v.number(),
  v.integer('must be a whole number of months'),
  v.minValue(0, 'cannot be negative'),
  v.maxValue(MAX_MONTHS, `cannot exceed ${MAX_MONTHS}`),
);
const yuan = v.pipe(v.number(), v.minValue(0, 'cannot be negative'), v.maxValue(1e9, 'is too large'));

export const enrolmentCaseSchema = jsonObject({
  asOf: isoDate,
  /** Admission year (September intake). Default: asOf's year, or the next year from September on. */
  schoolYear: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100))),
  stage: v.picklist(STAGES, `must be one of ${STAGES.join(', ')}`),
  targetTown: town,
  child: jsonObject({
    birthDate: isoDate,
    hukou: v.picklist(HUKOU_KINDS, `must be one of ${HUKOU_KINDS.join(', ')}`),
    currentGrade: v.optional(v.picklist(CURRENT_GRADES, `must be one of ${CURRENT_GRADES.join(', ')}`)),
    dongguanJuniorYears: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4))),
  }),
  parent: jsonObject({
    hukou: v.picklist(HUKOU_KINDS, `must be one of ${HUKOU_KINDS.join(', ')}`),
    hukouTown: v.optional(town),
    residencePermit: v.optional(
      jsonObject({
        type: v.picklist(PERMIT_TYPES, `must be one of ${PERMIT_TYPES.join(', ')}`),
        since: v.optional(isoDate),
        town: v.optional(town),
      }),
      { type: 'none' },
    ),
    socialInsurance: v.optional(
      jsonObject({
        monthsByType: jsonObject({
          pension: v.optional(months, 0),
          medical: v.optional(months, 0),
          unemployment: v.optional(months, 0),
          workInjury: v.optional(months, 0),
          maternity: v.optional(months, 0),
        }),
        town: v.optional(town),
        guangdongMonths: v.optional(months),
      }),
      { monthsByType: {} },
    ),
    tax: v.optional(
      jsonObject({
        incomeYuan: v.optional(yuan, 0),
        propertyRentalYuan: v.optional(yuan, 0),
        propertyTransferYuan: v.optional(yuan, 0),
        town: v.optional(town),
        annualReconciliationDone: v.optional(v.boolean()),
      }),
      {},
    ),
    home: v.optional(jsonObject({ owned: v.boolean(), town: v.optional(town) }), { owned: false }),
    stableJob: v.optional(v.boolean(), false),
    stableHome: v.optional(v.boolean(), false),
  }),
});

export type EnrolmentCaseInput = v.InferInput<typeof enrolmentCaseSchema>;
export type EnrolmentCase = v.InferOutput<typeof enrolmentCaseSchema>;

export interface CaseProblem {
  /** Dotted path of the field, e.g. "parent.residencePermit.since". */
  path: string;
  /** Stable code; the wizard translates it (namespace enrolment, errors.<code>). */
  code: string;
  message: string;
}

export type ParseResult = { ok: true; value: EnrolmentCase } | { ok: false; problems: CaseProblem[] };

/** The admission year a case is about. */
export function schoolYearOf(c: Pick<EnrolmentCase, 'asOf' | 'schoolYear'>): number {
  if (c.schoolYear !== undefined) return c.schoolYear;
  const year = Number(c.asOf.slice(0, 4));
  return Number(c.asOf.slice(5, 7)) >= 9 ? year + 1 : year;
}

/** Cross-field checks, after the schema has passed. */
export function caseProblems(c: EnrolmentCase): CaseProblem[] {
  const out: CaseProblem[] = [];
  const add = (path: string, code: string, message: string) => out.push({ path, code, message });
  const year = schoolYearOf(c);
  const p = c.parent;

  if (year < FIRST_RULES_YEAR)
    add(
      c.schoolYear !== undefined ? 'schoolYear' : 'asOf',
      'yearNotCovered',
      `admission year ${year} is before ${FIRST_RULES_YEAR}, the first year the rules cover`,
    );
  if (c.asOf > `${year}-08-31`) add('asOf', 'asOfAfterIntake', `application date ${c.asOf} is after the ${year} intake (31 Aug ${year})`);
  if (c.child.birthDate > c.asOf)
    add('child.birthDate', 'dateAfterAsOf', `birth date ${c.child.birthDate} is after the application date ${c.asOf}`);
  else if (daysBetween(c.child.birthDate, c.asOf) > 19 * 366)
    add('child.birthDate', 'tooOld', 'the child would be over 18: compulsory-education admission covers ages 6–18');

  const permit = p.residencePermit;
  if (permit.type !== 'none') {
    if (!permit.since) add('parent.residencePermit.since', 'required', 'first issue date of the residence permit is missing');
    else if (permit.since > c.asOf)
      add(
        'parent.residencePermit.since',
        'dateAfterAsOf',
        `permit first issue date ${permit.since} is after the application date ${c.asOf}`,
      );
    if (!permit.town) add('parent.residencePermit.town', 'required', 'town on the residence permit is missing');
  }

  const si = p.socialInsurance;
  const maxDg = Math.max(...INSURANCE_TYPES.map((t) => si.monthsByType[t]));
  if (maxDg > 0 && !si.town) add('parent.socialInsurance.town', 'required', 'town where social insurance is paid is missing');
  if (si.guangdongMonths !== undefined && si.guangdongMonths < maxDg)
    add(
      'parent.socialInsurance.guangdongMonths',
      'guangdongBelowDongguan',
      `Guangdong months (${si.guangdongMonths}) cannot be fewer than Dongguan months (${maxDg}): Dongguan is in Guangdong`,
    );
  const tax = p.tax;
  const anyTax = tax.incomeYuan + tax.propertyRentalYuan + tax.propertyTransferYuan > 0;
  if (anyTax && !tax.town) add('parent.tax.town', 'required', 'town where tax is paid is missing');
  if (p.home.owned && !p.home.town) add('parent.home.town', 'required', 'town of the owned home is missing');
  if (c.child.dongguanJuniorYears !== undefined && c.child.dongguanJuniorYears > 0) {
    // A child cannot have been in junior-middle school before about age 11.
    const ageYears = daysBetween(c.child.birthDate, c.asOf) / 365.25;
    if (c.child.dongguanJuniorYears > Math.max(0, Math.ceil(ageYears - 11)))
      add(
        'child.dongguanJuniorYears',
        'juniorYearsImpossible',
        `${c.child.dongguanJuniorYears} years of junior-middle school is not possible for a child born ${c.child.birthDate}`,
      );
  }
  return out;
}

/** Schema plus cross-field checks. */
export function parseCase(input: unknown): ParseResult {
  const r = v.safeParse(enrolmentCaseSchema, input);
  if (!r.success) {
    return {
      ok: false,
      problems: r.issues.map((i) => {
        const path = v.getDotPath(i) ?? '(case)';
        return { path, code: 'invalid', message: i.message };
      }),
    };
  }
  const problems = caseProblems(r.output);
  return problems.length ? { ok: false, problems } : { ok: true, value: r.output };
}

/** One clear line for the CLI. */
export function problemLine(p: CaseProblem): string {
  return `invalid case: ${p.path}: ${p.message}`;
}
