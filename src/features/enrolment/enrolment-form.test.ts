import { describe, expect, it } from 'vitest';
import { draftToCase, emptyDraft, readSaved, stepErrors, STEPS, STORAGE_KEY, type Draft } from './enrolment-form.ts';
import { evaluate } from './enrolment-rules.ts';

const TODAY = '2026-11-28';
const worked = (): Draft => ({
  ...emptyDraft(TODAY),
  stage: 'primary1',
  schoolYear: '2025',
  asOf: '2025-05-20',
  targetTown: '441900121',
  childBirth: '2019-03-01',
  childHukou: 'otherMainland',
  parentHukou: 'otherMainland',
  permitType: 'guangdong',
  permitSince: '2021-05-20',
  permitTown: '441900121',
  insurance: { pension: '48', medical: '48', unemployment: '48', workInjury: '48', maternity: '48' },
  insuranceTown: '441900121',
  taxIncome: '6000',
  taxTown: '441900121',
  homeOwned: 'yes',
  homeTown: '441900121',
});

describe('wizard answers', () => {
  it('has ten steps', () => expect(STEPS).toHaveLength(10));
  it('the worked example passes every step and scores 146', () => {
    const d = worked();
    for (const s of STEPS) expect(stepErrors(s, d, TODAY), s).toEqual({});
    const parsed = draftToCase(d);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(evaluate(parsed.value).points?.total).toBe(146);
  });
  it.each([
    ['child', { childBirth: '2026-12-01' }, 'childBirth', 'future'],
    ['child', { childBirth: '2025-06-01' }, 'childBirth', 'afterAsOf'],
    ['child', { childBirth: '2019-02-30' }, 'childBirth', 'invalidDate'],
    ['child', { childBirth: '' }, 'childBirth', 'required'],
    ['permit', { permitSince: '2027-01-01' }, 'permitSince', 'future'],
    ['permit', { permitType: '' }, 'permitType', 'chooseOne'],
    ['insurance', { guangdongMonths: '12' }, 'guangdongMonths', 'gdBelowDg'],
    [
      'insurance',
      { insurance: { pension: '4.5', medical: '', unemployment: '', workInjury: '', maternity: '' } },
      'insurance.pension',
      'wholeNumber',
    ],
    ['tax', { taxIncome: '6千' }, 'taxIncome', 'amount'],
    ['home', { homeTown: '' }, 'homeTown', 'chooseOne'],
    ['stage', { asOf: '2025-09-01' }, 'asOf', 'asOfAfterIntake'],
  ] as const)('step %s with %o → %s: %s', (step, patch, field, code) => {
    expect(stepErrors(step, { ...worked(), ...patch } as Draft, TODAY)[field]?.code).toBe(code);
  });
  it('a Dongguan-hukou parent skips the permit questions', () => {
    expect(stepErrors('permit', { ...worked(), parentHukou: 'dongguan', permitType: '' }, TODAY)).toEqual({});
  });
  it('reads saved answers defensively', () => {
    const store = new Map<string, string>([[STORAGE_KEY, JSON.stringify({ ...worked(), stableJob: 'yes', extra: 1 })]]);
    const d = readSaved({ getItem: (k) => store.get(k) ?? null }, TODAY);
    expect(d?.taxIncome).toBe('6000');
    expect(d?.stableJob).toBe(false);
    expect(d && 'extra' in d).toBe(false);
    expect(readSaved({ getItem: () => '{not json' }, TODAY)).toBeNull();
  });
});
