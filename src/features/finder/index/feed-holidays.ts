/**
 * Reads the feed's holiday table that the sync stored (holidays.json) and hands it to open-now. Loaded as its
 * own chunk beside the stored records, so the first screen carries none of it.
 */
import { FEED_HOLIDAYS_KEY, getSetting } from '../../../data/stored-read';
import type { HolidayTable } from '../common/open-now';

const isDay = (d: unknown) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d);

/** A light shape check: the validator already passed the table before the sync stored it. */
export function asHolidayTable(value: unknown): HolidayTable | null {
  if (!value || typeof value !== 'object') return null;
  const t = value as Record<string, unknown>;
  const years = t.years;
  const yearsOk =
    Array.isArray(years) && years.length === 2 && years.every(Number.isInteger) && (years[0] as number) <= (years[1] as number);
  const holidaysOk =
    Array.isArray(t.holidays) &&
    t.holidays.every((h) => Array.isArray(h) && isDay(h[0]) && Number.isInteger(h[1]) && h[1] >= 1 && h[1] <= 15);
  const makeupsOk = Array.isArray(t.makeupDays) && t.makeupDays.every((m) => Array.isArray(m) && isDay(m[0]));
  return yearsOk && holidaysOk && makeupsOk ? (value as HolidayTable) : null;
}

export async function loadFeedHolidays(): Promise<HolidayTable | null> {
  try {
    return asHolidayTable(await getSetting(FEED_HOLIDAYS_KEY));
  } catch {
    return null;
  }
}
