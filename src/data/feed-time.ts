/**
 * Timestamps in a feed: ISO 8601 date-times as valibot's isoTimestamp accepts them, read strictly.
 * Date.parse is lenient where the feed must not be (Feb 30 rolls over into March) and strict where the
 * feed is fine (a "+08" or "+0800" offset gives NaN, which silently skipped the "in the future" check).
 */
/** Figures observed further in the future than this are refused (clock-skew allowance). */
export const MAX_FUTURE_SKEW_MS = 10 * 60 * 1000;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** Milliseconds since the epoch, or NaN when the text is not a real calendar date and time. */
export function parseFeedTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millis);
  // A day the month does not have (Feb 30, Apr 31) rolls over: refuse it.
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) return Number.NaN;
  const zone = m[8]!;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return local.getTime() - offsetMinutes * 60_000;
}

export const isRealTimestamp = (text: string): boolean => !Number.isNaN(parseFeedTimestamp(text));
