import { describe, expect, it } from 'vitest';
import { asHolidayTable } from './feed-holidays';

describe('the stored holiday table is read back only when it has the right shape', () => {
  const good = { years: [2027, 2027], holidays: [['2027-01-01', 1, 1]], makeupDays: [['2027-02-07', 2]] };
  it('accepts a table shaped like holidays.json', () => {
    expect(asHolidayTable(good)).toEqual(good);
  });
  it.each([
    ['nothing', undefined],
    ['a string', 'holidays'],
    ['years reversed', { ...good, years: [2028, 2027] }],
    ['a bad day', { ...good, holidays: [['2027-1-1', 1, 1]] }],
    ['a run of 40 days', { ...good, holidays: [['2027-01-01', 40, 1]] }],
    ['make-up days missing', { years: good.years, holidays: good.holidays }],
  ])('refuses %s', (_name, value) => {
    expect(asHolidayTable(value)).toBeNull();
  });
});
