import { describe, expect, it } from 'vitest';
import { dayKind, openStatus, type WeeklyHours } from './open-now';

/** A CST wall-clock time as a UTC instant (device zone irrelevant: nothing here reads local time). */
const cst = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(Date.UTC(y, mo - 1, d, h - 8, mi));
const week = (mon: string, sat = mon, sun = sat): string[] => [mon, mon, mon, mon, mon, sat, sun];

const office: WeeklyHours = { weekly: week('08:00-12:00,14:00-17:30', '', ''), publicHolidays: 'closed' };
const bar: WeeklyHours = { weekly: week('18:00-02:00'), publicHolidays: 'open' };
const allDay: WeeklyHours = { weekly: week('00:00-24:00'), publicHolidays: 'open' };
const canteen: WeeklyHours = { weekly: week('11:00-13:00', '10:00-12:00', '09:00-10:00'), publicHolidays: 'weekend' };

type Row = [name: string, hours: WeeklyHours, at: Date, open: boolean, next: Date | null, allDayToday?: boolean];

// 2026-11-30 is a Monday; 2026-12-04 a Friday.
const rows: Row[] = [
  ['weekday morning, open', office, cst(2026, 11, 30, 9), true, cst(2026, 11, 30, 12)],
  ['lunch gap, closed until 14:00', office, cst(2026, 11, 30, 12, 30), false, cst(2026, 11, 30, 14)],
  ['opening minute is open', office, cst(2026, 11, 30, 8, 0), true, cst(2026, 11, 30, 12)],
  ['closing minute is closed', office, cst(2026, 11, 30, 17, 30), false, cst(2026, 12, 1, 8)],
  ['Friday evening → opens Monday', office, cst(2026, 12, 4, 18), false, cst(2026, 12, 7, 8)],
  ['Saturday closed', office, cst(2026, 12, 5, 10), false, cst(2026, 12, 7, 8)],
  ['past midnight: Tue 01:00 belongs to Monday 18:00-02:00', bar, cst(2026, 12, 1, 1), true, cst(2026, 12, 1, 2)],
  ['past midnight: 02:30 closed until 18:00', bar, cst(2026, 12, 1, 2, 30), false, cst(2026, 12, 1, 18)],
  ['past midnight: evening open until 02:00 next day', bar, cst(2026, 12, 1, 23), true, cst(2026, 12, 2, 2)],
  ['24-hour all week: open, no next change, all day', allDay, cst(2026, 12, 1, 3), true, null, true],
  // 2026 Spring Festival: 15–23 Feb off; Sat 14 Feb and Sat 28 Feb are make-up working days (调休).
  ['Spring Festival (Tue 17 Feb), holidays closed', office, cst(2026, 2, 17, 10), false, cst(2026, 2, 24, 8)],
  ['Spring Festival, holidays follow the weekday', bar, cst(2026, 2, 17, 20), true, cst(2026, 2, 18, 2)],
  ['Spring Festival, holidays = Sunday hours', canteen, cst(2026, 2, 17, 9, 30), true, cst(2026, 2, 17, 10)],
  ['Spring Festival, Sunday hours: weekday lunch not open', canteen, cst(2026, 2, 17, 11, 30), false, cst(2026, 2, 18, 9)],
  ['调休 Saturday 14 Feb uses Monday hours', office, cst(2026, 2, 14, 9), true, cst(2026, 2, 14, 12)],
  ['调休 Saturday 28 Feb afternoon', office, cst(2026, 2, 28, 15), true, cst(2026, 2, 28, 17, 30)],
  ['ordinary Saturday 7 Feb stays closed', office, cst(2026, 2, 7, 9), false, cst(2026, 2, 9, 8)],
  ['National Day 1 Oct closed, reopens after the break', office, cst(2026, 10, 1, 9), false, cst(2026, 10, 8, 8)],
];

describe('openStatus table (China Standard Time)', () => {
  it.each(rows)('%s', (_name, hours, at, open, next, allDayToday = false) => {
    const s = openStatus(hours, at);
    expect(s).not.toBe('unknown');
    if (s === 'unknown') return;
    expect(s.open).toBe(open);
    expect(s.nextChange?.toISOString() ?? null).toBe(next?.toISOString() ?? null);
    expect(s.allDay).toBe(allDayToday);
  });

  it('is "unknown" without hours', () => {
    expect(openStatus(undefined, cst(2026, 12, 1, 9))).toBe('unknown');
  });

  it('uses CST, not the device zone: 01:30 UTC Monday is 09:30 in Dongguan', () => {
    // A device in London reads this instant as Monday 01:30, when the office would be closed.
    const at = new Date('2026-11-30T01:30:00Z');
    const s = openStatus(office, at);
    expect(s !== 'unknown' && s.open).toBe(true);
    // Sunday 20:00 UTC is Monday 04:00 CST: closed, opening 08:00 CST = 00:00 UTC.
    const s2 = openStatus(office, new Date('2026-11-29T20:00:00Z'));
    expect(s2 !== 'unknown' && s2.nextChange?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('classifies 2026 days from the holiday table (generated from chinese-days)', () => {
    const day = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
    expect(dayKind(day(2026, 2, 17))).toBe('holiday');
    expect(dayKind(day(2026, 2, 14))).toBe('makeup');
    expect(dayKind(day(2026, 2, 7))).toBe('normal');
    expect(dayKind(day(2026, 11, 28))).toBe('normal');
  });

  it('a span that is closed every day reports no next change', () => {
    const s = openStatus({ weekly: week('', '', ''), publicHolidays: 'closed' }, cst(2026, 12, 1, 9));
    expect(s).toEqual({ open: false, nextChange: null, allDay: false });
  });
});

describe('a year outside the holiday table', () => {
  const weekdays: WeeklyHours = { weekly: Array(7).fill('08:00-18:00'), publicHolidays: 'closed' };
  it('makes "open now" unknown and names the year, instead of guessing', async () => {
    const { unknownHolidayYear } = await import('./open-now');
    const { years } = await import('./china-holidays.json');
    const last = years[1]!;
    const after = new Date(`${last + 1}-03-10T02:00:00Z`); // 10:00 CST on a Wednesday-ish day of the next year
    expect(unknownHolidayYear(after)).toBe(last + 1);
    expect(openStatus(weekdays, after)).toBe('unknown');
    const inside = new Date(`${last}-03-10T02:00:00Z`);
    expect(unknownHolidayYear(inside)).toBeNull();
    expect(openStatus(weekdays, inside)).not.toBe('unknown');
  });
  it('the year boundary is China time: 31 Dec 16:00 UTC is already the next year in Dongguan', async () => {
    const { unknownHolidayYear } = await import('./open-now');
    const { years } = await import('./china-holidays.json');
    const last = years[1]!;
    expect(unknownHolidayYear(new Date(`${last}-12-31T15:59:00Z`))).toBeNull();
    expect(unknownHolidayYear(new Date(`${last}-12-31T16:00:00Z`))).toBe(last + 1);
  });
});

describe("the feed's holiday table (holidays.json)", () => {
  const weekdays: WeeklyHours = { weekly: Array(7).fill('08:00-18:00'), publicHolidays: 'closed' };
  it('covers a year the embedded table does not know, and wins over the embedded table for its years', async () => {
    const { installFeedHolidays, unknownHolidayYear } = await import('./open-now');
    const { years } = await import('./china-holidays.json');
    const next = years[1]! + 1;
    // A Wednesday of the next year declared a holiday, and a Sunday declared a make-up working day.
    const table = {
      years: [next, next] as [number, number],
      holidays: [[`${next}-03-10`, 1, 1]] as [string, number, number][],
      makeupDays: [[`${next}-03-14`, 1]] as [string, number][],
    };
    const holiday = new Date(`${next}-03-10T02:00:00Z`);
    expect(unknownHolidayYear(holiday)).toBe(next);
    try {
      installFeedHolidays(table);
      expect(unknownHolidayYear(holiday)).toBeNull();
      expect(openStatus(weekdays, holiday)).toMatchObject({ open: false });
      expect(openStatus(weekdays, new Date(`${next}-03-11T02:00:00Z`))).toMatchObject({ open: true });
      expect(dayKind(Math.floor(Date.parse(`${next}-03-14T00:00:00Z`) / 86_400_000))).toBe('makeup');
    } finally {
      installFeedHolidays(null);
    }
    expect(unknownHolidayYear(holiday)).toBe(next);
  });
});
