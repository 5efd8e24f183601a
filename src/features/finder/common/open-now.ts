/**
 * The one "open now" function: list, filters and detail all call it (two implementations drift apart;
 * another public-service finder, askdarcel-web, tracked exactly that drift as its issue 647).
 *
 * Evaluated in China Standard Time (UTC+8, no DST) whatever the device's zone: the instant is shifted by
 * +8 h and read with UTC getters, so a phone set to London still sees Dongguan's opening hours.
 *
 * Rules:
 * - weekly[0..6] are Monday..Sunday; a span ending before its start runs past midnight and belongs to
 *   the day it starts ("Fri 18:00-02:00" covers Sat 00:00-02:00); "00:00-24:00" is all day.
 * - Statutory public holiday (a day off named after a festival): `publicHolidays`
 *   'closed' → closed all day; 'open' → the weekday's normal hours; 'weekend' → Sunday's hours.
 * - Make-up working day (调休: a Saturday or Sunday worked instead): Monday's hours. The State Council
 *   notice does not say which weekday a make-up day replaces, and services that differ by weekday
 *   almost always keep Mon–Fri alike, so Monday stands for "a normal weekday".
 * Both come from china-holidays.json, generated from chinese-days at build time by
 * scripts/china-holidays.ts (the library itself would add ~8 KB gzip of lunar data to the first screen).
 * Days outside the table's years count as normal days.
 */
import type { ServiceRecord } from '../../../data/feed-schema';
// Named imports so the bundle keeps only these two lists (not the names or provenance).
import { holidays as holidayRuns, makeupDays, years as holidayYears } from './china-holidays.json';

export type WeeklyHours = NonNullable<ServiceRecord['hours']>;

export interface OpenStatus {
  open: boolean;
  /** When the state next flips; null when it doesn't within the next 8 days (e.g. always open). */
  nextChange: Date | null;
  /** Open for the whole of today (CST). */
  allDay: boolean;
}

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MIN = 1440;
const MS_PER_MIN = 60_000;
/** How far ahead nextChange looks, in days. */
const HORIZON_DAYS = 8;

export type DayKind = 'normal' | 'holiday' | 'makeup';

const MS_PER_DAY = 86_400_000;
const dayOf = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);

let kinds: Map<number, DayKind> | null = null;

/** The feed's holiday table (holidays.json), same shape as the embedded one: it wins for the years it covers. */
export interface HolidayTable {
  years: [number, number];
  holidays: [string, number, number][];
  makeupDays: [string, number][];
}
let feedTable: HolidayTable | null = null;

const yearOfDay = (cstDay: number) => new Date(cstDay * MS_PER_DAY).getUTCFullYear();
const feedCovers = (year: number) => feedTable !== null && year >= feedTable.years[0] && year <= feedTable.years[1];

function addRuns(
  into: Map<number, DayKind>,
  runs: [string, number, number][],
  makeups: [string, number][],
  keep: (day: number) => boolean,
) {
  for (const [first, length] of runs) {
    const start = dayOf(first);
    for (let d = start; d < start + length; d++) if (keep(d)) into.set(d, 'holiday');
  }
  for (const [day] of makeups) if (keep(dayOf(day))) into.set(dayOf(day), 'makeup');
}

/** CST day (days since 1970-01-01) → holiday / make-up kind, expanded from the runs on first use. */
function kindTable(): Map<number, DayKind> {
  if (kinds) return kinds;
  kinds = new Map();
  addRuns(kinds, holidayRuns as [string, number, number][], makeupDays as [string, number][], (d) => !feedCovers(yearOfDay(d)));
  if (feedTable) addRuns(kinds, feedTable.holidays, feedTable.makeupDays, () => true);
  return kinds;
}

/**
 * Puts the feed's holiday table over the embedded one (null removes it), so a new year's holidays reach
 * devices without an app release. The sync stored it only after the validator passed it.
 */
export function installFeedHolidays(table: HolidayTable | null): void {
  feedTable = table;
  kinds = null;
}

/** Kind of a CST calendar day, given as days since 1970-01-01 (CST). */
export function dayKind(cstDay: number): DayKind {
  return kindTable().get(cstDay) ?? 'normal';
}

const spanCache = new Map<string, readonly [number, number][]>();

/** "08:00-12:00,18:00-02:00" → [[480,720],[1080,1560]] (end may exceed 1440). */
export function parseDaySpans(day: string): readonly [number, number][] {
  const cached = spanCache.get(day);
  if (cached) return cached;
  const spans: [number, number][] = [];
  if (day.trim()) {
    for (const part of day.split(',')) {
      const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(part.trim());
      if (!m) continue;
      const start = Number(m[1]) * 60 + Number(m[2]);
      let end = Number(m[3]) * 60 + Number(m[4]);
      if (end <= start) end += DAY_MIN; // past midnight ("00:00-00:00" reads as 24 h)
      spans.push([start, end]);
    }
  }
  spanCache.set(day, spans);
  return spans;
}

/** The weekly entry (Mon=0) that applies on a CST day, or null when closed for a holiday. */
function scheduleFor(hours: WeeklyHours, cstDay: number): string {
  const kind = dayKind(cstDay);
  const dow = (new Date(cstDay * MS_PER_DAY).getUTCDay() + 6) % 7; // Monday = 0
  if (kind === 'holiday') {
    if (hours.publicHolidays === 'closed') return '';
    if (hours.publicHolidays === 'weekend') return hours.weekly[6] ?? '';
  }
  if (kind === 'makeup') return hours.weekly[0] ?? '';
  return hours.weekly[dow] ?? '';
}

/** Absolute intervals (minutes since CST epoch) of the spans that start on `cstDay`. */
function intervalsOf(hours: WeeklyHours, cstDay: number): [number, number][] {
  const base = cstDay * DAY_MIN;
  return parseDaySpans(scheduleFor(hours, cstDay)).map(([s, e]) => [base + s, base + e]);
}

const [firstHolidayYear, lastHolidayYear] = holidayYears as [number, number];

/**
 * The CST year of `at` when the holiday table does not cover it (the State Council publishes each year's
 * holidays and 调休 make-up days late in the year before), else null. Hours cannot be trusted then:
 * any weekday may turn out to be a holiday or a working Sunday.
 */
export function unknownHolidayYear(at: Date): number | null {
  const year = new Date(at.getTime() + CST_OFFSET_MS).getUTCFullYear();
  if (feedCovers(year)) return null;
  return year < firstHolidayYear || year > lastHolidayYear ? year : null;
}

/**
 * Open or closed at `at`, when that next changes, and whether today is all-day.
 * 'unknown' when the record has no hours, or when today's year is outside the holiday table.
 */
export function openStatus(hours: WeeklyHours | undefined, at: Date): OpenStatus | 'unknown' {
  if (!hours || unknownHolidayYear(at) !== null) return 'unknown';
  const nowMin = Math.floor((at.getTime() + CST_OFFSET_MS) / MS_PER_MIN);
  const today = Math.floor(nowMin / DAY_MIN);

  // Intervals from yesterday (past-midnight spill) to the horizon, merged where they touch.
  const raw: [number, number][] = [];
  for (let d = today - 1; d <= today + HORIZON_DAYS; d++) raw.push(...intervalsOf(hours, d));
  raw.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const iv of raw) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }

  const horizonEnd = (today + HORIZON_DAYS) * DAY_MIN;
  const toDate = (min: number) => new Date(min * MS_PER_MIN - CST_OFFSET_MS);
  const dayStart = today * DAY_MIN;
  const dayEnd = dayStart + DAY_MIN;

  for (const [s, e] of merged) {
    if (e <= nowMin) continue;
    if (s <= nowMin) {
      return { open: true, nextChange: e >= horizonEnd ? null : toDate(e), allDay: s <= dayStart && e >= dayEnd };
    }
    return { open: false, nextChange: s >= horizonEnd ? null : toDate(s), allDay: false };
  }
  return { open: false, nextChange: null, allDay: false };
}

/** Convenience for filters: true only when known to be open. */
export function isOpenAt(hours: WeeklyHours | undefined, at: Date): boolean {
  const s = openStatus(hours, at);
  return s !== 'unknown' && s.open;
}
