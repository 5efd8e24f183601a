import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCase, schoolYearOf } from './enrolment-case.ts';

const valid = {
  asOf: '2025-05-20',
  stage: 'primary1',
  targetTown: '441900121',
  child: { birthDate: '2019-03-01', hukou: 'otherMainland' },
  parent: { hukou: 'otherMainland', residencePermit: { type: 'guangdong', since: '2021-05-20', town: '441900121' } },
};
const codes = (input: unknown) => {
  const r = parseCase(input);
  return r.ok ? [] : r.problems.map((p) => `${p.path}:${p.code}`);
};
const withChild = (child: object) => ({ ...valid, child: { ...valid.child, ...child } });
const withParent = (parent: object) => ({ ...valid, parent: { ...valid.parent, ...parent } });

describe('case validation', () => {
  it('accepts a minimal case and fills defaults', () => {
    const r = parseCase(valid);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.parent.socialInsurance.monthsByType.pension).toBe(0);
  });
  it.each([
    [withChild({ birthDate: '2025-05-21' }), 'child.birthDate:dateAfterAsOf'],
    [withChild({ birthDate: '2019-02-30' }), 'child.birthDate:invalid'],
    [{ ...valid, targetTown: '440300000' }, 'targetTown:invalid'],
    [{ ...valid, stage: 'grade9' }, 'stage:invalid'],
    [withParent({ residencePermit: { type: 'guangdong', town: '441900121' } }), 'parent.residencePermit.since:required'],
    [
      withParent({ residencePermit: { type: 'guangdong', since: '2025-06-01', town: '441900121' } }),
      'parent.residencePermit.since:dateAfterAsOf',
    ],
    [
      withParent({ socialInsurance: { monthsByType: { pension: 601 }, town: '441900121' } }),
      'parent.socialInsurance.monthsByType.pension:invalid',
    ],
    [
      withParent({ socialInsurance: { monthsByType: { pension: 24 }, town: '441900121', guangdongMonths: 12 } }),
      'parent.socialInsurance.guangdongMonths:guangdongBelowDongguan',
    ],
    [withParent({ socialInsurance: { monthsByType: { pension: 24 } } }), 'parent.socialInsurance.town:required'],
    [withParent({ tax: { incomeYuan: 100 } }), 'parent.tax.town:required'],
    [withParent({ home: { owned: true } }), 'parent.home.town:required'],
    [withChild({ dongguanJuniorYears: 3 }), 'child.dongguanJuniorYears:juniorYearsImpossible'],
    [{ ...valid, asOf: '2025-09-01', schoolYear: 2025 }, 'asOf:asOfAfterIntake'],
  ])('%# reports %s', (input, code) => {
    expect(codes(input)).toContain(code);
  });
  it('derives the school year from the application date', () => {
    expect(schoolYearOf({ asOf: '2026-05-20' })).toBe(2026);
    expect(schoolYearOf({ asOf: '2026-11-28' })).toBe(2027);
    expect(schoolYearOf({ asOf: '2026-11-28', schoolYear: 2028 })).toBe(2028);
  });
});

describe('CLI: npm run enrolment -- <case.json>', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const run = (file: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/enrolment.ts', file], { cwd: root, encoding: 'utf8' });
  it('prints the worked example as JSON and exits 0', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/enrolment.ts', 'tests/fixtures/enrolment/worked-example.json'],
      { cwd: root, encoding: 'utf8' },
    );
    const r = JSON.parse(out) as {
      eligible: unknown;
      points: { total: number };
      applyTowns: string[];
      checks: { reason: { zh: string; en: string } }[];
    };
    expect(r.points.total).toBe(146);
    expect(r.eligible).toBe(true);
    expect(r.applyTowns).toEqual(['441900121']);
    expect(r.checks[0]?.reason.zh.length).toBeGreaterThan(0);
  }, 20_000);
  it('exits 2 with one line for an invalid case', () => {
    const r = run('tests/fixtures/enrolment/invalid-future-birth.json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('child.birthDate');
  }, 20_000);
});
