/**
 * Opening hours for imported records. The feed's weekly hours are China Standard Time; a rule the
 * importer cannot turn into a week it can trust (OSM school holidays `SH`, month ranges, free text,
 * times in an unparsable form) is kept as written instead, so the app can show it and say
 * "open now" is unknown.
 */
import type { ServiceRecord } from '../data/feed-schema.ts';
import { CHINA_OFFSET_MINUTES, formatClock, parseClock } from './fields.ts';
import { DAY_CODES } from './hsds-profile.ts';
import { osmHoursToWeekly } from './osm-hours.ts';

type Hours = NonNullable<ServiceRecord['hours']>;
export type HoursOutcome = { hours: Hours } | { asWritten: string; reason: string } | { dropped: string };

const MAX_AS_WRITTEN = 255;
/** Rules whose meaning depends on dates a reference week does not show (school holidays, months, week numbers, sun times, fallbacks, comments). PH is handled. */
const NOT_WEEKLY =
  /\bSH\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\bweek\b|\beaster\b|\b(sunrise|sunset|dawn|dusk)\b|\|\||"/i;

const osmCache = new Map<string, HoursOutcome>();

function osmOutcome(value: string): HoursOutcome {
  const asWritten = value.slice(0, MAX_AS_WRITTEN);
  if (NOT_WEEKLY.test(value))
    return { asWritten, reason: /\bSH\b/.test(value) ? 'school holidays (SH) kept as written' : 'rule kept as written' };
  const hours = osmHoursToWeekly(value);
  return hours ? { hours } : { asWritten, reason: 'unparsable, kept as written' };
}

/** OSM opening_hours → weekly hours or the string as written. Cached: real extracts repeat a few hundred values. */
export function osmHours(value: string): HoursOutcome {
  const key = value.trim();
  let out = osmCache.get(key);
  if (!out) {
    out = osmOutcome(key);
    if (osmCache.size > 50_000) osmCache.clear();
    osmCache.set(key, out);
  }
  return out;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * HSDS weekly schedules → weekly hours in China Standard Time. Times may be "9:00", "09:00:00",
 * "9:00am", with "Z" or an offset, or take the schedule's numeric `timezone` (UTC offset in hours).
 * Times without a zone are taken as local (China) time.
 */
export function hsdsSchedulesToHours(schedules: readonly unknown[]): HoursOutcome | undefined {
  const weekly: string[][] = [[], [], [], [], [], [], []];
  let any = false;
  for (const s of schedules) {
    if (!isObj(s) || (s.freq !== undefined && s.freq !== null && s.freq !== 'WEEKLY')) continue;
    if (s.opens_at === undefined && s.closes_at === undefined) continue;
    // Rules limited to certain weeks or dates are not a weekly timetable: keep the description as written, if any.
    const limited = ['byweekno', 'bymonthday', 'byyearday'].some((k) => s[k] !== undefined && s[k] !== null && String(s[k]).trim() !== '');
    if (limited) {
      const text = typeof s.description === 'string' && s.description.trim() ? s.description.trim() : undefined;
      return text
        ? { asWritten: text.slice(0, MAX_AS_WRITTEN), reason: 'schedule limited to certain weeks or dates, description kept as written' }
        : { dropped: 'schedule limited to certain weeks or dates' };
    }
    const open = typeof s.opens_at === 'string' ? parseClock(s.opens_at) : null;
    const close = typeof s.closes_at === 'string' ? parseClock(s.closes_at) : null;
    if (!open || !close) return { dropped: `time not understood (${String(s.opens_at).slice(0, 20)}–${String(s.closes_at).slice(0, 20)})` };
    const tz = typeof s.timezone === 'number' && Number.isFinite(s.timezone) && Math.abs(s.timezone) <= 14 ? s.timezone * 60 : undefined;
    const shift = (t: { minutes: number; offsetMinutes?: number }) => {
      const offset = t.offsetMinutes ?? tz ?? CHINA_OFFSET_MINUTES;
      return t.minutes - offset + CHINA_OFFSET_MINUTES;
    };
    let o = shift(open);
    let c = shift(close);
    // All day written as 00:00–00:00 (or 24:00) stays all day, whatever the zone.
    const allDay = open.minutes === 0 && (close.minutes === 0 || close.minutes === 1440);
    let dayShift = Math.floor(o / 1440);
    o -= dayShift * 1440;
    c -= dayShift * 1440;
    if (allDay) {
      dayShift = 0;
      o = 0;
      c = 1440;
    }
    c = ((c % 1440) + 1440) % 1440;
    const closeText = c === 0 ? '24:00' : formatClock(c);
    if (c !== 0 && c === o) return { dropped: 'opens and closes at the same time' };
    const rawDays = s.byday === undefined || s.byday === null ? 'MO,TU,WE,TH,FR,SA,SU' : String(s.byday);
    for (const d of rawDays.split(',')) {
      const i = DAY_CODES.indexOf(d.trim().toUpperCase() as (typeof DAY_CODES)[number]);
      if (i < 0) return { dropped: `day not understood (${d.trim().slice(0, 10)})` };
      weekly[(i + dayShift + 7) % 7]!.push(`${formatClock(o)}-${closeText}`);
    }
    any = true;
  }
  if (!any) return undefined;
  return { hours: { weekly: weekly.map((spans) => [...new Set(spans)].sort().join(',')), publicHolidays: 'open' } };
}

/** Spreadsheet hours: OSM opening_hours syntax when it parses, else kept as written. */
export function textHours(value: string): HoursOutcome {
  const v = value.trim();
  const osm = osmHours(v);
  if ('hours' in osm || /\bSH\b/.test(v)) return osm;
  return { asWritten: v.slice(0, MAX_AS_WRITTEN), reason: 'not opening_hours syntax, kept as written' };
}
