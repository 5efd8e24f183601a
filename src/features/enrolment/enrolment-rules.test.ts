import { describe, expect, it } from 'vitest';
import { parseCase, type EnrolmentCase, type EnrolmentCaseInput } from './enrolment-case.ts';
import { DEFAULT_RULES, PARAMETER_IDS, type RuleSet } from './enrolment-params.ts';
import { evaluate, timelineFor, type Check } from './enrolment-rules.ts';

/** The research's worked example, for the 2025 intake (the last year the sources confirm). */
const base = (): EnrolmentCaseInput => ({
  asOf: '2025-05-20',
  stage: 'primary1',
  targetTown: '441900121',
  child: { birthDate: '2019-03-01', hukou: 'otherMainland' },
  parent: {
    hukou: 'otherMainland',
    residencePermit: { type: 'guangdong', since: '2021-05-20', town: '441900121' },
    socialInsurance: {
      monthsByType: { pension: 48, medical: 48, unemployment: 48, workInjury: 48, maternity: 48 },
      town: '441900121',
      guangdongMonths: 48,
    },
    tax: { incomeYuan: 6000, propertyRentalYuan: 0, propertyTransferYuan: 0, town: '441900121' },
    home: { owned: true, town: '441900121' },
    stableJob: true,
    stableHome: true,
  },
});

type Patch = (c: EnrolmentCaseInput) => void;
function mk(...patches: Patch[]): EnrolmentCase {
  const c = base();
  for (const p of patches) p(c);
  const r = parseCase(c);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}
const checkOf = (checks: Check[], id: string) => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in ${checks.map((x) => x.id).join(',')}`);
  return c;
};
const item = (c: EnrolmentCase, id: string) => evaluate(c).points?.items.find((i) => i.id === id);

describe('worked example (research §1.3): 4 years permit, 4 years of five insurances, 6,000 yuan tax, own home in town', () => {
  it('scores 146 and is eligible for 2025', () => {
    const r = evaluate(mk());
    expect(r.points?.total).toBe(146);
    expect(r.points?.items.map((i) => [i.id, i.points])).toEqual([
      ['permit', 48],
      ['insurance', 48],
      ['tax', 30],
      ['home', 20],
    ]);
    expect(r.eligible).toBe(true);
    expect(r.applyTowns).toEqual(['441900121']);
    expect(r.points?.tieBreakOrder).toEqual(['permit', 'insurance', 'tax', 'home']);
  });
  it('for 2026 (no 2026 rules found) keeps the arithmetic but says unverified', () => {
    const r = evaluate(
      mk((c) => {
        c.asOf = '2026-05-20';
        c.child.birthDate = '2020-03-01';
        c.parent.residencePermit!.since = '2022-05-20';
      }),
    );
    expect(r.points?.total).toBe(146);
    expect(r.eligible).toBe('unverified');
    expect(checkOf(r.checks, 'rules-year').passed).toBeNull();
    expect(checkOf(r.checks, 'rules-year').reason.en).toContain('2025');
  });
});

describe('kindergarten 小班 cohort (born 1 Sep Y-4 … 31 Aug Y-3)', () => {
  it.each([
    ['2020-08-31', false],
    ['2020-09-01', true],
    ['2021-08-31', true],
    ['2021-09-01', false],
  ])('intake 2024, born %s → %s', (birthDate, ok) => {
    const r = evaluate(
      mk((c) => {
        c.asOf = '2024-05-20';
        c.stage = 'kindergarten';
        c.child.birthDate = birthDate;
      }),
    );
    expect(checkOf(r.checks, 'age-kindergarten').passed).toBe(ok);
    expect(r.points).toBeNull();
    // Public kindergarten admission for non-hukou children is town-level: never "eligible" outright.
    expect(r.eligible).toBe(ok ? 'unverified' : false);
  });
  it('has no cohort value before the first year a source gives (2023)', () => {
    const r = evaluate(
      mk((c) => {
        c.asOf = '2023-05-20';
        c.stage = 'kindergarten';
        c.child.birthDate = '2019-10-01';
      }),
    );
    expect(checkOf(r.checks, 'age-kindergarten').passed).toBeNull();
  });
});

describe('primary 1 age cut-off: 6 by 31 August, the day counts', () => {
  it.each([
    ['2019-08-30', true],
    ['2019-08-31', true],
    ['2019-09-01', false],
  ])('intake 2025, born %s → %s', (birthDate, ok) => {
    const r = evaluate(
      mk((c) => {
        c.child.birthDate = birthDate;
      }),
    );
    expect(checkOf(r.checks, 'age-primary1').passed).toBe(ok);
    expect(r.eligible).toBe(ok);
  });
  it('uses the next intake year from September on', () => {
    const r = evaluate(
      mk((c) => {
        c.asOf = '2024-09-01';
        c.child.birthDate = '2019-08-31';
        c.parent.residencePermit!.since = '2020-09-01';
      }),
    );
    expect(r.schoolYear).toBe(2025);
    expect(checkOf(r.checks, 'age-primary1').passed).toBe(true);
  });
});

describe("junior 1: only this year's primary graduates", () => {
  it.each([
    ['primary6', true],
    ['primary5', false],
    [undefined, null],
  ] as const)('current grade %s → %s', (grade, ok) => {
    const r = evaluate(
      mk((c) => {
        c.stage = 'junior1';
        c.child.birthDate = '2013-03-01';
        if (grade) c.child.currentGrade = grade;
      }),
    );
    expect(checkOf(r.checks, 'junior1-graduate').passed).toBe(ok);
  });
});

describe('residence-permit points: 1 per full 30 days', () => {
  it.each([
    ['2025-04-21', 29, 0],
    ['2025-04-20', 30, 1],
    ['2025-03-22', 59, 1],
    ['2025-03-21', 60, 2],
  ])('since %s (%i days to 2025-05-20) → %i', (since, _days, pts) => {
    expect(
      item(
        mk((c) => {
          c.parent.residencePermit!.since = since;
        }),
        'permit',
      )?.points,
    ).toBe(pts);
  });
  it('a Dongguan-hukou parent counts from 2010-01-01', () => {
    const c = mk((c) => {
      c.parent.hukou = 'dongguan';
      c.parent.hukouTown = '441900121';
      c.parent.residencePermit = { type: 'none' };
    });
    // 2010-01-01 → 2025-05-20 = 5618 days = 187 full periods.
    expect(item(c, 'permit')?.points).toBe(187);
    expect(evaluate(c).applyTownBases.find((b) => b.town === '441900121')?.bases).toContain('dongguanHukou');
  });
  it('a permit of the wrong kind for the parent scores 0 and fails the document check', () => {
    const c = mk((c) => {
      c.parent.hukou = 'hk';
    });
    expect(item(c, 'permit')?.points).toBe(0);
    expect(checkOf(evaluate(c).checks, 'parent-document').passed).toBe(false);
  });
});

describe('social-insurance points: 0.2 per type per month', () => {
  it.each([
    [{ pension: 48, medical: 48, unemployment: 48, workInjury: 48, maternity: 48 }, 48],
    [{ pension: 12 }, 2.4],
    [{ pension: 1, medical: 1 }, 0.4],
    [{}, 0],
  ])('%o → %d', (monthsByType, pts) => {
    expect(
      item(
        mk((c) => {
          c.parent.socialInsurance!.monthsByType = monthsByType;
        }),
        'insurance',
      )?.points,
    ).toBe(pts);
  });
});

describe('tax points: 0.005 per yuan (property transfer 0.001), cap 100', () => {
  it.each([
    [{ incomeYuan: 6000 }, 30],
    [{ incomeYuan: 19998 }, 99.99],
    [{ incomeYuan: 20000 }, 100],
    [{ incomeYuan: 20001 }, 100],
    [{ incomeYuan: 1_000_000 }, 100],
    [{ propertyRentalYuan: 2000 }, 10],
    [{ propertyTransferYuan: 2000 }, 2],
    [{ incomeYuan: 10000, propertyTransferYuan: 10000 }, 60],
  ])('%o → %d', (tax, pts) => {
    const c = mk((c) => {
      c.parent.tax = { incomeYuan: 0, propertyRentalYuan: 0, propertyTransferYuan: 0, town: '441900121', ...tax };
    });
    expect(item(c, 'tax')?.points).toBe(pts);
  });
  it('says when the cap applies', () => {
    const c = mk((c) => {
      c.parent.tax!.incomeYuan = 20001;
    });
    expect(item(c, 'tax')?.detail.en).toContain('above the cap');
  });
  it("scores 0 without last year's annual reconciliation", () => {
    expect(
      item(
        mk((c) => {
          c.parent.tax!.annualReconciliationDone = false;
        }),
        'tax',
      )?.points,
    ).toBe(0);
  });
});

describe('home points: 20 in the target town, 10 elsewhere in Dongguan', () => {
  it.each([
    ['441900121', 20],
    ['441900003', 10],
  ])('home in %s → %i', (town, pts) => {
    expect(
      item(
        mk((c) => {
          c.parent.home = { owned: true, town };
        }),
        'home',
      )?.points,
    ).toBe(pts);
  });
  it('no own home: 0, marked unverified (no rental points found)', () => {
    const h = item(
      mk((c) => {
        c.parent.home = { owned: false };
      }),
      'home',
    );
    expect(h?.points).toBe(0);
    expect(h?.unverified).toBe(true);
  });
});

describe('who may apply', () => {
  it('a foreign child is outside the points route', () => {
    const r = evaluate(
      mk((c) => {
        c.child.hukou = 'foreign';
      }),
    );
    expect(r.eligible).toBe(false);
    expect(r.route).toBe('outside');
    expect(r.points).toBeNull();
  });
  it('a Dongguan-hukou child uses the local-hukou route', () => {
    const r = evaluate(
      mk((c) => {
        c.child.hukou = 'dongguan';
      }),
    );
    expect(r.route).toBe('localHukou');
    expect(r.eligible).toBe(false);
  });
  it('an HK parent with an HK/Macau residence permit passes the document check', () => {
    const r = evaluate(
      mk((c) => {
        c.child.hukou = 'hk';
        c.parent.hukou = 'hk';
        c.parent.residencePermit!.type = 'hkMacau';
      }),
    );
    expect(checkOf(r.checks, 'parent-document').passed).toBe(true);
    expect(r.points?.items[0]?.points).toBe(48);
    expect(r.eligible).toBe(true);
  });
  it('a mainland parent without a permit fails the document check', () => {
    const r = evaluate(
      mk((c) => {
        c.parent.residencePermit = { type: 'none' };
      }),
    );
    expect(checkOf(r.checks, 'parent-document').passed).toBe(false);
    expect(r.eligible).toBe(false);
  });
  it('social insurance as an entry condition is unverified when only the older reading fails', () => {
    const r = evaluate(
      mk((c) => {
        c.parent.socialInsurance = { monthsByType: {} };
      }),
    );
    expect(checkOf(r.checks, 'social-insurance-entry').passed).toBeNull();
    expect(r.eligible).toBe('unverified');
  });
});

describe('where you may apply', () => {
  it('lists every basis by town and fails a town with none', () => {
    const c = mk((c) => {
      c.targetTown = '441900119';
      c.parent.socialInsurance!.town = '441900003';
      c.parent.tax!.town = '441900004';
      c.parent.home = { owned: true, town: '441900005' };
    });
    const r = evaluate(c);
    expect(r.applyTowns).toEqual(['441900003', '441900004', '441900005', '441900121']);
    expect(checkOf(r.checks, 'target-town').passed).toBe(false);
    expect(checkOf(r.checks, 'target-town').reason.zh).toContain('东城街道');
  });
  it('passes when the target is the home town only', () => {
    const r = evaluate(
      mk((c) => {
        c.targetTown = '441900005';
        c.parent.home = { owned: true, town: '441900005' };
      }),
    );
    expect(checkOf(r.checks, 'target-town').passed).toBe(true);
  });
  it('a unit with unclear admissions is unverified', () => {
    const r = evaluate(
      mk((c) => {
        c.targetTown = '441900404';
        c.parent.residencePermit!.town = '441900404';
      }),
    );
    expect(checkOf(r.checks, 'town-admissions').passed).toBeNull();
  });
});

describe('private-school place subsidy (rule change in autumn 2023)', () => {
  it('2022: two tiers through points', () => {
    const r = evaluate(
      mk((c) => {
        c.asOf = '2022-05-20';
        c.child.birthDate = '2016-03-01';
        c.parent.residencePermit!.since = '2018-05-20';
      }),
    );
    expect(r.subsidy?.needsPoints).toBe(true);
    expect(r.subsidy?.perYearYuan).toBe(5000);
  });
  it.each([
    ['primary1', 2500],
    ['junior1', 3000],
  ] as const)('2023 %s: %i yuan per term, no points needed', (stage, perTerm) => {
    const r = evaluate(
      mk((c) => {
        c.asOf = '2023-05-20';
        c.stage = stage;
        c.child.birthDate = stage === 'primary1' ? '2017-03-01' : '2011-03-01';
        c.child.currentGrade = 'primary6';
        c.parent.residencePermit!.since = '2019-05-20';
      }),
    );
    expect(r.subsidy?.perTermYuan).toBe(perTerm);
    expect(r.subsidy?.needsPoints).toBe(false);
    expect(r.subsidy?.eligible).toBe(true);
  });
  it('after the last confirmed year (2024) it is unverified', () => {
    expect(evaluate(mk()).subsidy?.eligible).toBeNull();
  });
});

describe('senior-high (中考) track', () => {
  const senior = (...patches: Patch[]) =>
    mk(
      (c) => {
        c.asOf = '2023-05-20';
        c.stage = 'seniorHigh';
        c.child.birthDate = '2008-03-01';
        c.child.dongguanJuniorYears = 3;
        c.parent.residencePermit!.since = '2020-05-20';
      },
      ...patches,
    );
  it.each([
    [11, false],
    [12, true],
  ])('%i months of Dongguan insurance (Guangdong under 36) → %s', (m, ok) => {
    const r = evaluate(
      senior((c) => {
        c.parent.socialInsurance = {
          monthsByType: { pension: m, medical: m, unemployment: m, workInjury: m, maternity: m },
          town: '441900121',
          guangdongMonths: 20,
        };
      }),
    );
    expect(checkOf(r.checks, 'senior-insurance').passed).toBe(ok);
    expect(r.eligible).toBe(ok);
  });
  it('36 months in Guangdong is enough on its own', () => {
    const r = evaluate(
      senior((c) => {
        c.parent.socialInsurance = { monthsByType: { pension: 2 }, town: '441900121', guangdongMonths: 36 };
      }),
    );
    expect(checkOf(r.checks, 'senior-insurance').passed).toBe(true);
  });
  it('types that differ across 12 months are unverified', () => {
    const r = evaluate(
      senior((c) => {
        c.parent.socialInsurance = { monthsByType: { pension: 12, medical: 6 }, town: '441900121', guangdongMonths: 12 };
      }),
    );
    expect(checkOf(r.checks, 'senior-insurance').passed).toBeNull();
  });
  it.each([
    ['2020-08-31', true],
    ['2020-09-01', false],
  ])('permit since %s: 3 years by 31 Aug 2023 → %s', (since, ok) => {
    const r = evaluate(
      senior((c) => {
        c.parent.residencePermit!.since = since;
      }),
    );
    expect(checkOf(r.checks, 'senior-permit').passed).toBe(ok);
  });
  it.each([
    [2, false],
    [3, true],
  ])('%i years of Dongguan junior school → %s', (years, ok) => {
    const r = evaluate(
      senior((c) => {
        c.child.dongguanJuniorYears = years;
      }),
    );
    expect(checkOf(r.checks, 'senior-junior-years').passed).toBe(ok);
  });
  it('needs both a stable job and a stable home', () => {
    const r = evaluate(
      senior((c) => {
        c.parent.stableHome = false;
      }),
    );
    expect(checkOf(r.checks, 'senior-stable').passed).toBe(false);
  });
});

describe('rules are data', () => {
  it('changing a weight in the data changes the answer', () => {
    const rules = structuredClone(DEFAULT_RULES) as RuleSet;
    const home = rules.parameters.pointsHome?.values[0];
    if (!home) throw new Error('pointsHome missing');
    home.value = { sameTown: 25, otherTown: 10 };
    expect(evaluate(mk(), rules).points?.total).toBe(151);
  });
  it('a rule change by year picks the value in force', () => {
    const rules = structuredClone(DEFAULT_RULES) as RuleSet;
    const values = rules.parameters.pointsTax?.values;
    const first = values?.[0];
    if (!values || !first) throw new Error('pointsTax missing');
    first.validTo = 2024;
    values.push({ ...first, validFrom: 2025, validTo: null, value: { ...(first.value as object), incomePerYuan: 0.01 } });
    expect(
      evaluate(
        mk((c) => {
          c.asOf = '2024-05-20';
          c.child.birthDate = '2018-03-01';
        }),
        rules,
      ).points?.items[2]?.points,
    ).toBe(30);
    expect(evaluate(mk(), rules).points?.items[2]?.points).toBe(60);
  });
});

describe('timeline as data', () => {
  it('2023 has the dated online window', () => {
    const w = timelineFor(2023).find((t) => t.id === 'window');
    expect(w?.from).toBe('2023-05-16T10:00');
    expect(w?.unverified).toBe(false);
  });
  it('a year with no dates found is all pattern, all unverified', () => {
    const t = timelineFor(2027);
    expect(t.map((e) => e.id)).toEqual(['notices', 'window', 'results']);
    expect(t.every((e) => e.unverified)).toBe(true);
  });
});

describe('rule parameter ids', () => {
  it('the typed ids are exactly the parameters of the rules file', () => {
    expect([...PARAMETER_IDS].sort()).toEqual(Object.keys(DEFAULT_RULES.parameters).sort());
  });
});
