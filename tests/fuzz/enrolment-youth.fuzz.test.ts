/**
 * The two audit entry points (issue 14, classes 1, 3 and 6): enrolment cases and youth profiles.
 * parseCase never throws, and a case it accepts is one evaluate() can answer (no "parameter has no value
 * for 2019"); arrays where objects belong are refused. The /youth form never throws, and a profile it
 * lets through has an age of 10–80, which the matcher answers; loadProgrammes survives any programmes.json.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCase } from '../../src/features/enrolment/enrolment-case.ts';
import { evaluate } from '../../src/features/enrolment/enrolment-rules.ts';
import { validateForm } from '../../src/features/youth/matcher-form.ts';
import { matchProgrammes, profileAge } from '../../src/features/youth/programme-matcher.ts';
import { PROGRAMMES, loadProgrammes } from '../../src/features/youth/programme-catalogue.ts';
import { TOWNS } from '../../src/geo/towns.ts';
import { fuzzOptions } from './fuzz-config.ts';
import { countCase, countDetail, flushFuzzSummary, FUZZ_TIMEOUT_MS } from './fuzz-summary.ts';
import type { Json, Mutation } from './record-arbitraries.ts';

afterAll(flushFuzzSummary);

const worked = JSON.parse(readFileSync(new URL('../fixtures/enrolment/worked-example.json', import.meta.url), 'utf8'));
const town = fc.constantFrom(...TOWNS.map((t) => t.code));
const date = (minYear: number, maxYear: number) =>
  fc.integer({ min: Date.UTC(minYear, 0, 1), max: Date.UTC(maxYear, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const months = fc.integer({ min: 0, max: 600 });

/** Plausible cases over every stage, hukou, year (2000–2100 as the schema allows) and benefit. */
const looseCase = fc.record(
  {
    asOf: date(2000, 2100),
    schoolYear: fc.integer({ min: 2000, max: 2100 }),
    stage: fc.constantFrom('kindergarten', 'primary1', 'junior1', 'seniorHigh'),
    targetTown: town,
    child: fc.record(
      {
        birthDate: date(1990, 2100),
        hukou: fc.constantFrom('dongguan', 'otherMainland', 'hk', 'macau', 'taiwan', 'foreign'),
        currentGrade: fc.constantFrom('none', 'primary5', 'primary6', 'junior3', 'other'),
        dongguanJuniorYears: fc.integer({ min: 0, max: 4 }),
      },
      { requiredKeys: ['birthDate', 'hukou'] },
    ),
    parent: fc.record(
      {
        hukou: fc.constantFrom('dongguan', 'otherMainland', 'hk', 'macau', 'taiwan', 'foreign'),
        hukouTown: town,
        residencePermit: fc.record({ type: fc.constantFrom('guangdong', 'hkMacau', 'taiwan', 'none'), since: date(1990, 2100), town }),
        socialInsurance: fc.record(
          {
            monthsByType: fc.record(
              { pension: months, medical: months, unemployment: months, workInjury: months, maternity: months },
              { requiredKeys: [] },
            ),
            town,
            guangdongMonths: months,
          },
          { requiredKeys: ['monthsByType'] },
        ),
        tax: fc.record(
          {
            incomeYuan: fc.integer({ min: 0, max: 1e6 }),
            propertyRentalYuan: fc.integer({ min: 0, max: 1e6 }),
            propertyTransferYuan: fc.integer({ min: 0, max: 1e6 }),
            town,
            annualReconciliationDone: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
        home: fc.record({ owned: fc.boolean(), town }, { requiredKeys: ['owned'] }),
        stableJob: fc.boolean(),
        stableHome: fc.boolean(),
      },
      { requiredKeys: ['hukou'] },
    ),
  },
  { requiredKeys: ['asOf', 'stage', 'targetTown', 'child', 'parent'] },
);

/** Dates that fit together (asOf before the intake, birth 2–19 years earlier, permit between), so most cases pass. */
const coherentCase = fc
  .tuple(
    looseCase,
    fc.integer({ min: 2000, max: 2100 }),
    fc.integer({ min: 0, max: 360 }),
    fc.integer({ min: 2, max: 19 }),
    fc.integer({ min: 0, max: 3000 }),
  )
  .map(([c, year, daysBefore, ageYears, permitDays]) => {
    const asOfMs = Date.UTC(year, 7, 31) - daysBefore * 86_400_000;
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const birthMs = asOfMs - ageYears * 365.25 * 86_400_000;
    const since = iso(Math.max(birthMs, asOfMs - permitDays * 86_400_000));
    const si = c.parent.socialInsurance ?? { monthsByType: {} };
    const most = Math.max(0, ...Object.values(si.monthsByType as Record<string, number>));
    const parent = {
      ...c.parent,
      residencePermit: { ...c.parent.residencePermit, since, town: c.targetTown },
      socialInsurance: { ...si, town: c.targetTown, guangdongMonths: Math.max(most, si.guangdongMonths ?? 0) },
      tax: { ...c.parent.tax, town: c.targetTown },
      home: { owned: c.parent.home?.owned ?? false, town: c.targetTown },
    };
    const child = { ...c.child, birthDate: iso(birthMs), dongguanJuniorYears: 0 };
    return { ...c, schoolYear: year, asOf: iso(asOfMs), child, parent };
  });
const enrolmentCase = fc.oneof(looseCase, { weight: 3, arbitrary: coherentCase });

const at =
  (path: string[], value: unknown) =>
  (c: Json): Json => {
    const copy = structuredClone(c);
    let o = copy;
    for (const k of path.slice(0, -1)) o = o[k] ??= {};
    o[path[path.length - 1]!] = value;
    return copy;
  };
const CASE_MUTATIONS: Mutation[] = [
  { name: 'tax as an array', verdict: 'reject', apply: at(['parent', 'tax'], []) },
  { name: 'monthsByType as an array', verdict: 'reject', apply: at(['parent', 'socialInsurance', 'monthsByType'], []) },
  { name: 'the case as an array', verdict: 'reject', apply: (c) => [c] },
  { name: 'schoolYear 2019', verdict: 'reject', apply: at(['schoolYear'], 2019) },
  { name: 'birth date Feb 30', verdict: 'reject', apply: at(['child', 'birthDate'], '2019-02-30') },
  { name: 'months as a string', verdict: 'reject', apply: at(['parent', 'socialInsurance', 'monthsByType', 'pension'], '48') },
  { name: 'unknown town', verdict: 'reject', apply: at(['targetTown'], '441900999') },
];

describe('enrolment: parseCase and evaluate', () => {
  it(
    'never throw; an accepted case is always answered',
    () => {
      fc.assert(
        fc.property(fc.oneof({ weight: 4, arbitrary: enrolmentCase }, { weight: 1, arbitrary: fc.jsonValue() }), (input) => {
          countCase('enrolment parseCase/evaluate');
          const parsed = parseCase(input);
          if (parsed.ok) countDetail('enrolment parseCase/evaluate: accepted, then evaluated');
          if (!parsed.ok) {
            expect(parsed.problems.length).toBeGreaterThan(0);
            return;
          }
          const result = evaluate(parsed.value);
          expect(typeof result).toBe('object');
        }),
        fuzzOptions(1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'refuse every mutation of the worked example',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...CASE_MUTATIONS), (mutation) => {
          countCase('enrolment parseCase/evaluate');
          expect(parseCase(mutation.apply(worked)).ok ? 'accept' : 'reject', mutation.name).toBe(mutation.verdict);
        }),
        fuzzOptions(0.25),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('youth: the form, the matcher and programmes.json', () => {
  const field = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 130 }).map(String), date(0, 2100));
  const form = fc.record({
    age: fc.oneof(fc.constant(''), field),
    birthDate: fc.oneof(fc.constant(''), date(0, 2100), field),
    identity: fc.constantFrom('hk', 'macau', 'mainland', '', 'x'),
    education: fc.constantFrom('secondary', 'subDegree', 'bachelor', 'master', 'doctorate', ''),
    graduationYear: fc.oneof(fc.constant(''), fc.integer({ min: 1900, max: 2200 }).map(String), field),
    interests: fc.subarray(['employment', 'internship', 'startup'] as const),
  });

  it(
    'the form never throws; every profile it lets through is 10–80 and answered',
    () => {
      fc.assert(
        fc.property(form, date(2020, 2030), (values, asOf) => {
          countCase('youth validateForm/matchProgrammes');
          const { profile } = validateForm(values, asOf);
          if (!profile) return;
          const age = profileAge(profile);
          expect(age, JSON.stringify(values)).toBeGreaterThanOrEqual(10);
          expect(age, JSON.stringify(values)).toBeLessThanOrEqual(80);
          expect(matchProgrammes(PROGRAMMES, profile).age).toBe(age);
        }),
        fuzzOptions(1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it('regression: a birth date giving age 81 (1947-05-16 on 2028-05-16) is refused', () => {
    const values = {
      age: '',
      birthDate: '1947-05-16',
      identity: 'hk',
      education: 'secondary',
      graduationYear: '',
      interests: ['internship' as const],
    };
    expect(validateForm(values, '2028-05-16')).toEqual({ errors: { birthDate: { key: 'birthDateAge' } } });
    expect(validateForm({ ...values, birthDate: '1948-05-17' }, '2028-05-16').profile).toBeDefined();
  });

  it(
    'loadProgrammes keeps only valid programmes and never throws',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.jsonValue(),
            fc.array(fc.oneof(fc.jsonValue(), fc.constantFrom(...PROGRAMMES))).map((programmes) => ({ programmes })),
          ),
          (input) => {
            countCase('youth loadProgrammes');
            const { programmes, skipped } = loadProgrammes(input);
            const listed = (input as { programmes?: unknown } | null)?.programmes;
            expect(programmes.length + skipped).toBe(Array.isArray(listed) ? listed.length : 0);
          },
        ),
        fuzzOptions(0.5),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
