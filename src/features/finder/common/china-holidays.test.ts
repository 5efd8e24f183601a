/**
 * The committed holiday table must be exactly what the installed chinese-days produces: upgrading the
 * library without rerunning `npx tsx scripts/china-holidays.ts` fails here instead of drifting silently.
 */
import { readFileSync } from 'node:fs';
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { buildChinaHolidayTable, formatChinaHolidayTable, TABLE_PATH } from '../../../../scripts/china-holidays';
import { dayKind } from './open-now';

const installedVersion = (
  JSON.parse(readFileSync(new URL('../../../../node_modules/chinese-days/package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('china-holidays.json', () => {
  const table = buildChinaHolidayTable();

  it('matches a fresh build from the installed chinese-days (rerun scripts/china-holidays.ts if not)', () => {
    expect(table.source).toBe(`chinese-days ${installedVersion}`);
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(formatChinaHolidayTable(table));
  });

  it('open-now classifies every day of the covered years as chinese-days does', () => {
    const [first, last] = table.years;
    expect(last).toBeGreaterThanOrEqual(2026);
    let holidays = 0;
    let makeups = 0;
    for (let d = Date.UTC(first, 0, 1) / 86_400_000; d <= Date.UTC(last, 11, 31) / 86_400_000; d++) {
      const date = new Date(d * 86_400_000);
      const iso = date.toISOString().slice(0, 10);
      const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
      // The rule open-now.ts used when it called the library directly.
      const expected = chineseDays.isHoliday(iso)
        ? chineseDays.getDayDetail(iso).name.includes(',')
          ? 'holiday'
          : 'normal'
        : chineseDays.isWorkday(iso) && weekend
          ? 'makeup'
          : 'normal';
      if (dayKind(d) !== expected) expect(`${iso}: ${dayKind(d)}`).toBe(`${iso}: ${expected}`);
      if (expected === 'holiday') holidays++;
      if (expected === 'makeup') makeups++;
    }
    expect(holidays).toBe(table.holidays.reduce((sum, [, n]) => sum + n, 0));
    expect(makeups).toBe(table.makeupDays.length);
  });

  it('names each holiday in English and Chinese', () => {
    const spring = table.holidays.find(([day]) => day === '2026-02-15');
    expect(spring?.[1]).toBe(9);
    expect(table.names[spring![2]]).toEqual(['Spring Festival', '春节']);
  });
});
