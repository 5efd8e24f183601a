/**
 * The feed's holiday table (holidays.json, validated and stored by the sync) installed into open-now, so a
 * new year's holidays reach devices with a feed update.
 */
import { FEED_HOLIDAYS_KEY } from '../../data/feed-holidays-key';
import { getSetting } from '../../data/services-repository';
import { kindTable, replaceHolidayTable } from './open-now';
// The embedded table, kept here so a removed feed table can be undone.
import { years as embeddedYears } from './china-holidays.json';

type Table = { years: [number, number]; holidays: [string, number, number][]; makeupDays: [string, number][] };

/**
 * The sync stores the table only after validateHolidaysFile passed (the same check as data:validate), so this
 * guards against a missing or foreign settings row only; kept tiny because it is on the first screen.
 */
const looksLikeHolidayTable = (t: unknown): t is Table => {
  const x = t as Partial<Table> | null;
  return !!x && Array.isArray(x.years) && x.years.length === 2 && Array.isArray(x.holidays) && Array.isArray(x.makeupDays);
};

/** Installs a table over the embedded one for the years it covers; anything else removes it. Returns whether it was installed. */
let embedded: Map<number, ReturnType<typeof kindTable> extends Map<number, infer K> ? K : never> | null = null;

/**
 * Installs a table over the embedded one for the years it covers (the years in between, if any, count as
 * known only when the feed covers them); anything else restores the embedded table. Returns whether it was installed.
 */
export function installFeedHolidays(table: unknown): boolean {
  embedded ??= new Map(kindTable());
  const base = embeddedYears as [number, number];
  if (!looksLikeHolidayTable(table)) {
    replaceHolidayTable(new Map(embedded), base);
    return false;
  }
  const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
  const yearOf = (day: number) => new Date(day * 86_400_000).getUTCFullYear();
  const [first, last] = table.years;
  const merged = new Map([...embedded].filter(([day]) => yearOf(day) < first || yearOf(day) > last));
  for (const [start, length] of table.holidays) for (let d = dayOf(start); d < dayOf(start) + length; d++) merged.set(d, 'holiday');
  for (const [day] of table.makeupDays) merged.set(dayOf(day), 'makeup');
  // Known years: the embedded range extended by the feed's when they touch or overlap; else the feed's own.
  const years: [number, number] = first <= base[1] + 1 && last >= base[0] - 1 ? [Math.min(first, base[0]), Math.max(last, base[1])] : [first, last];
  replaceHolidayTable(merged, years);
  return true;
}

/** Reads the stored table and installs it (a read failure leaves the embedded table alone). */
export async function installStoredFeedHolidays(): Promise<void> {
  installFeedHolidays(await getSetting(FEED_HOLIDAYS_KEY).catch(() => undefined));
}
