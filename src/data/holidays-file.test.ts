import { describe, expect, it } from 'vitest';
import embedded from '../features/finder/common/china-holidays.json';
import { validateHolidaysFile } from './holidays-file';

describe('holidays.json (feed copy of the statutory holiday table)', () => {
  it('the embedded table, which every feed carries, is valid', () => {
    expect(validateHolidaysFile(embedded)).toMatchObject({ ok: true });
  });

  it('a next-year table with a new year is accepted', () => {
    const next = { source: 'State Council notice (test)', years: [2027, 2027], names: [["New Year's Day", '元旦']], holidays: [['2027-01-01', 1, 0]], makeupDays: [] };
    expect(validateHolidaysFile(next)).toMatchObject({ ok: true });
  });

  it.each([
    ['an impossible date', { holidays: [['2027-02-30', 1, 0]] }, '$.holidays[0][0]'],
    ['a date outside its years', { holidays: [['2029-01-01', 1, 0]] }, '$.holidays[0][0]'],
    ['a missing name', { holidays: [['2027-01-01', 1, 5]] }, '$.holidays[0][2]'],
    ['a make-up day that is also a holiday', { makeupDays: [['2027-01-01', 0]] }, '$.makeupDays[0][0]'],
    ['years the wrong way round', { years: [2027, 2026] }, '$.years'],
    ['a run of 40 days', { holidays: [['2027-01-01', 40, 0]] }, '$.holidays[0][1]'],
  ])('rejects %s', (_label, change, path) => {
    const base = { source: 'test', years: [2027, 2027], names: [["New Year's Day", '元旦']], holidays: [['2027-01-01', 1, 0]], makeupDays: [] };
    const res = validateHolidaysFile({ ...base, ...change });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.problems.map((p) => p.path)).toContain(path);
  });
});
