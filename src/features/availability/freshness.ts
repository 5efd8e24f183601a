/**
 * Freshness of live availability figures. Every staleness threshold lives here, in one table,
 * so the badge, the panel, the filters and the tests agree.
 */
import type { AvailabilityItem } from '../../data/feed-schema';
import type { Category } from '../../data/categories';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long a figure may be trusted after `observedAt`.
 * - parking: cars come and go within minutes; a 10-minute-old count is already a guess.
 * - clinic appointments (号源) and sports slots: booked in bursts, tens of minutes is fine.
 * - elderly day-care: places change a few times a day (meal sign-up in the morning).
 * - kindergarten and nursery places: change with enrolment decisions, a day is honest.
 */
export const STALE_AFTER_MS: Readonly<Record<Category, number>> = {
  parking: 10 * MINUTE,
  clinic: 30 * MINUTE,
  sports_venue: 30 * MINUTE,
  elderly_daycare: 6 * HOUR,
  kindergarten: 24 * HOUR,
  nursery: 24 * HOUR,
};

export type Freshness = 'fresh' | 'stale' | 'missing';

/** Test and e2e hook: scale every threshold (e.g. 0.001) without touching the table. */
let thresholdScale = 1;
export function setStaleThresholdScale(scale: number): void {
  thresholdScale = Number.isFinite(scale) && scale > 0 ? scale : 1;
}

export function staleAfterMs(category: Category): number {
  return STALE_AFTER_MS[category] * thresholdScale;
}

/** Milliseconds since the figure was observed; a clock running behind the source counts as 0. */
export function ageMs(observedAt: string, now: Date): number {
  const t = Date.parse(observedAt);
  if (Number.isNaN(t)) return Number.POSITIVE_INFINITY;
  return Math.max(0, now.getTime() - t);
}

/**
 * 'missing' when there is no item (or it is for another category), 'stale' when older than the
 * category's threshold (the boundary itself is still fresh), otherwise 'fresh'.
 */
export function freshnessOf(item: Pick<AvailabilityItem, 'observedAt' | 'figures'> | undefined, category: Category, now: Date): Freshness {
  if (!item || item.figures.kind !== category) return 'missing';
  return ageMs(item.observedAt, now) > staleAfterMs(category) ? 'stale' : 'fresh';
}

export type AgeUnit = 'justNow' | 'minutes' | 'hours' | 'days';

/** Rounded age for "5 min ago" style text: under a minute → justNow, then minutes, hours, days. */
export function ageParts(ms: number): { unit: AgeUnit; count: number } {
  if (!Number.isFinite(ms) || ms < MINUTE) return { unit: 'justNow', count: 0 };
  if (ms < HOUR) return { unit: 'minutes', count: Math.floor(ms / MINUTE) };
  if (ms < 24 * HOUR) return { unit: 'hours', count: Math.floor(ms / HOUR) };
  return { unit: 'days', count: Math.floor(ms / (24 * HOUR)) };
}

const CST = 'Asia/Shanghai';
const LOCALE: Record<string, string> = { 'zh-Hans': 'zh-CN', en: 'en-GB', 'zh-Hant': 'zh-HK' };

// Formatters are cached: constructing one is far dearer than formatting (badges call these per row).
const formats = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let fmt = formats.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, options);
    formats.set(key, fmt);
  }
  return fmt;
}

function cstDay(d: Date): string {
  return cachedFormat('day', 'en-CA', { timeZone: CST, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/**
 * "HH:MM" in China Standard Time for the app language; prefixed with the date when the figure
 * is not from today (CST), so an old figure never passes for a fresh one.
 */
export function formatObservedTime(observedAt: string, lang: string, now: Date): string {
  const d = new Date(observedAt);
  if (Number.isNaN(d.getTime())) return '';
  const locale = LOCALE[lang] ?? lang;
  const time = cachedFormat(`time|${locale}`, locale, { timeZone: CST, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  if (cstDay(d) === cstDay(now)) return time;
  const date = cachedFormat(`date|${locale}`, locale, { timeZone: CST, month: 'short', day: 'numeric' }).format(d);
  return `${date} ${time}`;
}

/** Start of "today" and the next 7 CST calendar days as YYYY-MM-DD keys (for the sports grid). */
export function cstDayKey(d: Date): string {
  return cstDay(d);
}
