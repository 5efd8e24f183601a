/**
 * OSM opening_hours → the feed's weekly hours (Monday first), evaluated with the opening_hours
 * library over a reference week with no Chinese public holidays and no DST change anywhere.
 * Pure JavaScript (no Node), but a large library: only the CLIs and the operator page's lazy chunk load it.
 */
import opening_hours from 'opening_hours';
import type { ServiceRecord } from '../data/feed-schema.ts';

type Hours = NonNullable<ServiceRecord['hours']>;
const DONGGUAN = { lat: 23.02, lon: 113.75, address: { country_code: 'cn', state: '广东省' } };
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const DAY = 86400_000;

export function osmHoursToWeekly(value: string): Hours | null {
  let oh: opening_hours;
  try {
    oh = new opening_hours(value, DONGGUAN, { mode: 0, tag_key: 'opening_hours', locale: 'en' } as never);
  } catch {
    return null;
  }
  // Local wall-clock dates, so the result does not depend on the machine's time zone.
  const monday = new Date(2026, 0, 12); // 12–18 January 2026
  const from = new Date(2026, 0, 11);
  const to = new Date(2026, 0, 20);
  const weekly: string[][] = [[], [], [], [], [], [], []];
  const dayIndex = (d: Date) => Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - monday.getTime()) / DAY);
  const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const push = (start: Date, text: string) => {
    const i = dayIndex(start);
    if (i >= 0 && i < 7) weekly[i]!.push(text);
  };
  for (const [a, b] of oh.getOpenIntervals(from, to)) {
    let start = a;
    while (start < b) {
      const dayEnd = new Date(startOfDay(start).getTime() + DAY);
      if (b <= dayEnd) {
        push(start, `${hhmm(start)}-${b.getTime() === dayEnd.getTime() ? '24:00' : hhmm(b)}`);
        break;
      }
      if (start.getHours() === 0 && start.getMinutes() === 0) {
        push(start, '00:00-24:00');
        start = dayEnd;
      } else if (b.getTime() - dayEnd.getTime() < 12 * 3600_000) {
        push(start, `${hhmm(start)}-${hhmm(b)}`); // runs past midnight, e.g. "07:00-01:00"
        break;
      } else {
        push(start, `${hhmm(start)}-24:00`);
        start = dayEnd;
      }
    }
  }
  const publicHolidays = /\bPH\b[^;]*\b(off|closed)\b/.test(value) ? 'closed' : 'open';
  return { weekly: weekly.map((spans) => spans.join(',')), publicHolidays, osm: value.slice(0, 255) };
}
