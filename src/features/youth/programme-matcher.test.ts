import { describe, expect, it } from 'vitest';
import type { Programme } from '../../data/programme-schema.ts';
import { PROGRAMMES } from './programme-catalogue.ts';
import { ageOn, evaluate, matchProgrammes, nextClose, todayInCst, windowState, type YouthProfile } from './programme-matcher.ts';
import { describeCheck, translatorFor } from './describe-check.ts';
import en from '../../i18n/locales/en/youth.json';
import zh from '../../i18n/locales/zh-Hans/youth.json';

const tEn = translatorFor(en);
const tZh = translatorFor(zh);

function programme(overrides: Partial<Programme> & Pick<Programme, 'id' | 'eligibility'>): Programme {
  return {
    kind: 'employment',
    interests: ['employment'],
    name: { zh: overrides.id, en: overrides.id },
    summary: { zh: '测试', en: 'test' },
    organiser: { zh: '测试', en: 'test' },
    where: { scope: 'dongguan', text: { zh: '东莞', en: 'Dongguan' } },
    benefits: [],
    application: { type: 'unknown' },
    howToApply: { zh: '测试', en: 'test' },
    sources: [{ url: 'https://example.org/', tag: 'gov' }],
    lastChecked: '2026-11-28',
    status: 'unknown',
    ...overrides,
  };
}

const base: YouthProfile = {
  asOf: '2026-03-01',
  age: 24,
  identity: 'hk',
  education: 'bachelor',
  graduationYear: 2025,
  interests: ['employment', 'internship', 'startup'],
};

const failedCodes = (p: Programme, profile: YouthProfile, all: readonly Programme[] = [p]) =>
  evaluate(p, profile, all).failed.map((c) => c.code);

describe('age limits', () => {
  const capped = programme({ id: 'capped', eligibility: { identities: ['hk'], ageMin: 18, ageMax: 29 } });
  it.each([
    [17, ['age']],
    [18, []],
    [29, []],
    [30, ['age']],
  ])('age %i → failed %j', (age, expected) => {
    expect(failedCodes(capped, { ...base, age })).toEqual(expected);
  });

  it('uses the birth date on the as-of day (a birthday on asOf counts)', () => {
    expect(ageOn('1996-03-01', '2026-03-01')).toBe(30);
    expect(ageOn('1996-03-02', '2026-03-01')).toBe(29);
    expect(failedCodes(capped, { ...base, age: undefined, birthDate: '1996-03-02' })).toEqual([]);
    expect(failedCodes(capped, { ...base, age: undefined, birthDate: '1996-03-01' })).toEqual(['age']);
  });
});

describe('graduation windows', () => {
  const window = programme({ id: 'window', eligibility: { identities: ['hk'], graduationFrom: 2021, graduationTo: 2023 } });
  it.each([
    [2020, ['graduation']],
    [2021, []],
    [2023, []],
    [2024, ['graduation']],
  ])('graduated %i → failed %j', (graduationYear, expected) => {
    expect(failedCodes(window, { ...base, graduationYear })).toEqual(expected);
  });

  it('a missing graduation year fails a graduation window and says so', () => {
    const result = evaluate(window, { ...base, graduationYear: undefined }, [window]);
    expect(result.failed.map((c) => c.code)).toEqual(['graduation']);
    expect(describeCheck(result.failed[0]!, 'en', tEn)).toBe('No graduation year given: this programme takes graduates of 2021 to 2023');
  });

  const within = programme({ id: 'within', eligibility: { identities: ['hk'], graduatedWithinYears: 2 } });
  it.each([
    [2023, ['graduation']], // 3 years before 2026
    [2024, []],
    [2026, []],
    [2027, ['graduation']], // not yet graduated
  ])('within 2 years, graduated %i → failed %j', (graduationYear, expected) => {
    expect(failedCodes(within, { ...base, graduationYear })).toEqual(expected);
  });

  const either = programme({
    id: 'either',
    eligibility: { identities: ['hk'], ageMin: 16, ageMax: 24, graduatedWithinYears: 2, ageOrGraduation: true },
  });
  it('age or graduation: either one qualifies, both failing is one miss', () => {
    expect(failedCodes(either, { ...base, age: 24, graduationYear: 2015 })).toEqual([]);
    expect(failedCodes(either, { ...base, age: 25, graduationYear: 2024 })).toEqual([]);
    expect(failedCodes(either, { ...base, age: 25, graduationYear: 2023 })).toEqual(['ageOrGraduation']);
  });
});

describe('identity and education', () => {
  const hkOnly = programme({ id: 'hk-only', eligibility: { identities: ['hk'], educationMin: 'subDegree' } });
  it.each([
    ['hk', []],
    ['macau', ['identity']],
    ['mainland', ['identity']],
  ] as const)('%s → failed %j', (identity, expected) => {
    expect(failedCodes(hkOnly, { ...base, identity })).toEqual(expected);
  });
  it('education at the minimum passes, below it fails', () => {
    expect(failedCodes(hkOnly, { ...base, education: 'subDegree' })).toEqual([]);
    expect(failedCodes(hkOnly, { ...base, education: 'secondary' })).toEqual(['education']);
  });
  it('a Macau resident is told who the programme is for', () => {
    const check = evaluate(hkOnly, { ...base, identity: 'macau' }, [hkOnly]).failed[0]!;
    expect(describeCheck(check, 'en', tEn)).toBe('Macau resident: this programme is for Hong Kong residents only');
  });
});

describe('HKSAR GBA Youth Employment Scheme: dated versions', () => {
  const gbayes = (asOf: string, extra: Partial<YouthProfile> = {}) => {
    const outcome = matchProgrammes(PROGRAMMES, { ...base, asOf, interests: ['employment'], ...extra });
    const ids = (list: typeof outcome.matches) => list.map((r) => r.programme.id).filter((id) => id.startsWith('hk-gbayes'));
    return { matches: ids(outcome.matches), near: ids(outcome.nearMisses), outcome };
  };

  it('2024-12-31 applies the 2023 rules: bachelor graduates of 2021–2023, no age limit', () => {
    expect(gbayes('2024-12-31', { age: 31, graduationYear: 2022 }).matches).toEqual(['hk-gbayes-2023']);
    expect(gbayes('2024-12-31', { age: 24, graduationYear: 2024 }).near).toEqual(['hk-gbayes-2023']);
    expect(gbayes('2024-12-31', { age: 24, graduationYear: 2022, education: 'subDegree' }).near).toEqual(['hk-gbayes-2023']);
  });

  it('2025-01-01 applies the January 2025 rules: 29 or under, sub-degree or above', () => {
    expect(gbayes('2025-01-01', { age: 31, graduationYear: 2022 }).matches).toEqual([]);
    expect(gbayes('2025-01-01', { age: 29, education: 'subDegree', graduationYear: 2024 }).matches).toEqual(['hk-gbayes-2025']);
    expect(gbayes('2025-01-01', { age: 30 }).near).toEqual(['hk-gbayes-2025']);
  });

  it('explains an age near miss with the date of the change', () => {
    const { outcome } = gbayes('2026-03-01', { age: 31 });
    const miss = outcome.nearMisses.find((r) => r.programme.id === 'hk-gbayes-2025')!;
    expect(describeCheck(miss.failed[0]!, 'en', tEn)).toBe('Age 31: this scheme takes 29 or under since January 2025');
    expect(describeCheck(miss.failed[0]!, 'zh-Hans', tZh)).toBe('年龄31岁：该计划自2025年1月起只接受29岁或以下');
  });

  it('allowance differs by version: HK$10,000 before 2025, HK$12,000 from January 2025', () => {
    const amount = (id: string) => PROGRAMMES.find((p) => p.id === id)!.benefits[0]!.amount;
    expect(amount('hk-gbayes-2023')).toBe(10000);
    expect(amount('hk-gbayes-2025')).toBe(12000);
  });

  it('the 2024 round is closing soon on 2024-12-10 and sorts first', () => {
    const { outcome } = gbayes('2024-12-10', { age: 24, graduationYear: 2023 });
    const first = outcome.matches[0]!;
    expect(first.programme.id).toBe('hk-gbayes-2023');
    expect(first).toMatchObject({ closingSoon: true, nextClose: '2024-12-31', daysToClose: 21, window: 'open' });
  });
});

describe('application windows', () => {
  const dated = programme({
    id: 'dated',
    eligibility: { identities: ['hk'] },
    application: { type: 'dated', rounds: [{ opens: '2026-02-01', closes: '2026-03-31' }] },
  });
  it.each([
    ['2026-01-31', 'upcoming', false],
    ['2026-03-01', 'open', true], // 30 days left
    ['2026-02-28', 'open', false], // 31 days left
    ['2026-03-31', 'open', true],
    ['2026-04-01', 'closed', false],
  ] as const)('on %s the window is %s (closing soon: %s)', (asOf, state, soon) => {
    expect(windowState(dated, asOf)).toBe(state);
    expect(evaluate(dated, { ...base, asOf }, [dated]).closingSoon).toBe(soon);
  });
  it('has no next closing date once closed', () => {
    expect(nextClose(dated, '2026-04-01')).toBeUndefined();
  });
});

describe('matchProgrammes', () => {
  it('only considers programmes for the chosen interests', () => {
    const outcome = matchProgrammes(PROGRAMMES, { ...base, interests: ['startup'] });
    const all = [...outcome.matches, ...outcome.nearMisses];
    expect(all.length).toBeGreaterThan(0);
    for (const r of all) expect(r.programme.interests).toContain('startup');
  });
  it('a mainland resident fits none of the HK/Macau programmes', () => {
    expect(matchProgrammes(PROGRAMMES, { ...base, identity: 'mainland' }).matches).toEqual([]);
  });
});

describe('todayInCst', () => {
  it('uses China Standard Time, not UTC', () => {
    expect(todayInCst(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28');
    expect(todayInCst(new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
  });
});

describe('criteria the one-tap entry does not ask: "depends", never assumed', () => {
  // The one-tap entry knows only the region: no age, no education, no graduation year.
  const quick = (identity: YouthProfile['identity']): YouthProfile => ({
    asOf: '2026-03-01',
    identity,
    interests: ['employment', 'internship', 'startup'],
  });
  const dependsOn = (p: Programme, profile: YouthProfile) => evaluate(p, profile, [p]).depends.map((d) => d.on);

  it('an unknown age is neither a pass nor a fail', () => {
    const capped = programme({ id: 'capped', eligibility: { identities: ['hk'], ageMin: 18, ageMax: 29 } });
    const r = evaluate(capped, quick('hk'), [capped]);
    expect(r.failed).toEqual([]);
    expect(r.depends).toEqual([{ code: 'depends', ok: null, on: 'age', min: 18, max: 29 }]);
    expect(describeCheck(r.depends[0]!, 'en', tEn)).toBe('Depends on your age: this programme takes 18 to 29');
    expect(describeCheck(r.depends[0]!, 'zh-Hans', tZh)).toBe('取决于你的年龄：该计划只接受18至29岁');
    // A known age still decides it.
    expect(failedCodes(capped, { ...quick('hk'), age: 30 })).toEqual(['age']);
    expect(dependsOn(capped, { ...quick('hk'), age: 20 })).toEqual([]);
  });

  it('an unknown education leaves the minimum and the graduation window open; a known one decides them', () => {
    const degree = programme({ id: 'degree', eligibility: { identities: ['hk'], educationMin: 'bachelor', graduatedWithinYears: 3 } });
    expect(dependsOn(degree, quick('hk'))).toEqual(['graduation', 'education']);
    expect(failedCodes(degree, quick('hk'))).toEqual([]);
    // The full form says the education: then a missing year and a lower level fail, as before.
    expect(failedCodes(degree, { ...quick('hk'), age: 24, education: 'secondary' })).toEqual(['graduation', 'education']);
    expect(dependsOn(degree, { ...quick('hk'), age: 24, education: 'secondary' })).toEqual([]);
  });

  it('age-or-graduation: a fitting known age settles it, otherwise an unknown side leaves it open', () => {
    const either = programme({
      id: 'either',
      eligibility: { identities: ['hk'], ageMin: 18, ageMax: 29, graduatedWithinYears: 5, ageOrGraduation: true },
    });
    expect(dependsOn(either, quick('hk'))).toEqual(['ageOrGraduation']);
    expect(dependsOn(either, { ...quick('hk'), age: 25 })).toEqual([]);
    expect(failedCodes(either, { ...quick('hk'), age: 25 })).toEqual([]);
    // Too old, studies not asked: a recent graduation could still make it fit.
    expect(dependsOn(either, { ...quick('hk'), age: 40 })).toEqual(['ageOrGraduation']);
    // Too old and studies given with an old graduation: a fail.
    expect(failedCodes(either, { ...quick('hk'), age: 40, education: 'bachelor', graduationYear: 2000 })).toEqual(['ageOrGraduation']);
  });

  it('the region is still checked: a Macau resident never matches a Hong Kong-only programme', () => {
    const hkOnly = programme({ id: 'hk-only', eligibility: { identities: ['hk'] } });
    expect(failedCodes(hkOnly, quick('macau'))).toEqual(['identity']);
    const outcome = matchProgrammes(PROGRAMMES, quick('macau'));
    expect(outcome.matches.length).toBeGreaterThan(0);
    for (const m of outcome.matches) expect(m.programme.eligibility.identities).toContain('macau');
    expect(outcome.matches.some((m) => !m.programme.eligibility.identities.includes('hk'))).toBe(false);
  });

  it('on the bundled list, every age or education rule of a match shows as "depends" for the one-tap Hong Kong entry', () => {
    const outcome = matchProgrammes(PROGRAMMES, quick('hk'));
    expect(outcome.matches.some((m) => m.programme.interests.includes('internship'))).toBe(true);
    for (const m of outcome.matches) {
      const e = m.programme.eligibility;
      const asked =
        e.ageMin !== undefined || e.ageMax !== undefined || e.educationMin !== undefined || e.graduatedWithinYears !== undefined;
      expect(m.depends.length > 0, m.programme.id).toBe(asked);
      expect(m.checks.some((c) => c.code === 'age' || c.code === 'education')).toBe(false);
    }
  });
});
