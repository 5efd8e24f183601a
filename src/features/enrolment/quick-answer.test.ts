import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type RuleSet } from './enrolment-params.ts';
import { quickAnswer, quickDocuments } from './quick-answer.ts';

const CHANGAN = '441900119';
const HUMEN = '441900121';
const BINHAI = '441900404';
const TODAY = '2026-11-30';
const byId = (a: ReturnType<typeof quickAnswer>, id: string) => a.lines.find((l) => l.id === id);

describe('quick enrolment answer', () => {
  it('states the deciding conditions for primary 1 in 长安, each cited, for the coming September', () => {
    const a = quickAnswer('primary1', CHANGAN, TODAY);
    expect(a.year).toBe(2027);
    expect(a.verdict).toBe('conditional');
    expect(a.lines.map((l) => l.id)).toEqual(['age', 'permit', 'insurance', 'town', 'points']);
    expect(byId(a, 'age')!.params).toEqual({ age: 6, latest: '2021-08-31' });
    expect(byId(a, 'permit')).toMatchObject({ state: 'need', params: { permit: 'guangdong' } });
    // The sources conflict on insurance as an entry condition: never stated as settled.
    expect(byId(a, 'insurance')).toMatchObject({ state: 'unverified', params: { minMonths: 1 } });
    for (const l of a.lines) expect(l.reference?.url, l.id).toMatch(/^https?:\/\//);
    // 2027 is after the last year a source confirms (2025): every rule is carried forward and says so.
    expect(byId(a, 'permit')!.carriedFrom).toBe(2025);
    expect(a.openCount).toBe(a.lines.length);
    // 长安 has no office in the data: no name or phone is made up.
    expect(a.office).toMatchObject({ town: CHANGAN, unverified: true, cityHotline: '12345' });
    expect(a.office.phone).toBeUndefined();
    expect(a.window?.unverified).toBe(true);
    expect(a.registration).toEqual({ date: '2027-05-22', estimated: true });
    expect(a.cutoffs).toEqual([]);
  });

  it('junior 1 asks for a current primary-6 pupil instead of an age; a town with a known office gives its phone', () => {
    const a = quickAnswer('junior1', HUMEN, TODAY);
    expect(a.lines[0]).toMatchObject({ id: 'graduate', state: 'need' });
    expect(byId(a, 'age')).toBeUndefined();
    expect(a.office.phone).toBe('0769-85020892');
  });

  it('the yes/no taps change the card: no permit blocks it, yes meets it; insurance "no" stays open', () => {
    expect(quickAnswer('primary1', CHANGAN, TODAY, { permit: false, insurance: null }).verdict).toBe('missing');
    const yes = quickAnswer('primary1', CHANGAN, TODAY, { permit: true, insurance: true });
    expect(yes.verdict).toBe('conditional');
    expect(byId(yes, 'permit')!.state).toBe('met');
    expect(byId(yes, 'insurance')!.state).toBe('met');
    expect(byId(quickAnswer('primary1', CHANGAN, TODAY, { permit: null, insurance: false }), 'insurance')!.state).toBe('unverified');
  });

  it('a town whose admissions the sources do not describe says so', () => {
    expect(byId(quickAnswer('primary1', BINHAI, TODAY), 'townUnclear')).toMatchObject({ state: 'unverified' });
    expect(byId(quickAnswer('primary1', CHANGAN, TODAY), 'townUnclear')).toBeUndefined();
  });

  it('follows the rule data, not code: a changed age rule and a settled insurance rule show through', () => {
    const rules = structuredClone(DEFAULT_RULES) as RuleSet;
    const age = rules.parameters.primary1AgeCutoff!.values.at(-1)!;
    age.value = { minAge: 7, monthDay: '09-01' };
    age.confirmedThrough = 2027;
    const si = rules.parameters.socialInsuranceEntryCondition!.values.at(-1)!;
    si.unverified = false;
    si.value = { gating: true, olderReading: { allTypes: true, minMonths: 12 } };
    const a = quickAnswer('primary1', CHANGAN, TODAY, { permit: null, insurance: false }, rules);
    expect(byId(a, 'age')).toMatchObject({ params: { age: 7, latest: '2020-09-01' }, carriedFrom: null });
    expect(byId(a, 'insurance')).toMatchObject({ state: 'missing', params: { minMonths: 12 } });
  });

  it('lists the documents a mainland family prepares; home and tax items only "if"', () => {
    const docs = quickDocuments('primary1');
    const ids = docs.map((d) => d.id);
    expect(ids).toContain('permitGuangdong');
    expect(ids).not.toContain('permitHkMacau');
    expect(ids).not.toContain('juniorRecord');
    expect(docs.find((d) => d.id === 'property')?.onlyIf).toBe('homeOwned');
    expect(docs.find((d) => d.id === 'taxReconciliation')?.onlyIf).toBe('hasTax');
  });
});
