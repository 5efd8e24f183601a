/**
 * holidays.json in a feed: China's statutory holidays and 调休 make-up working days, so a new year's
 * table can travel with the data instead of an app release. Same shape as the app's embedded table
 * (src/features/finder/common/china-holidays.json, built from chinese-days by scripts/china-holidays.ts), which stays
 * the fallback. Pure: used by data:validate (through validate-feed.ts) and available to the app's sync.
 */
import * as v from 'valibot';

const isoDay = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'));
const year = v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100));

export const holidaysFileSchema = v.object({
  /** Where the table comes from, e.g. "chinese-days 1.5.7" or the State Council notice number. */
  source: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** First and last year the table covers completely. */
  years: v.tuple([year, year]),
  /** Holiday names, [English, Chinese]; referred to by index. */
  names: v.pipe(v.array(v.tuple([v.pipe(v.string(), v.minLength(1), v.maxLength(100)), v.pipe(v.string(), v.minLength(1), v.maxLength(100))])), v.maxLength(100)),
  /** Runs of days off: [first day, number of days, name index]. */
  holidays: v.pipe(v.array(v.tuple([isoDay, v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(15)), v.pipe(v.number(), v.integer(), v.minValue(0))])), v.maxLength(2000)),
  /** Make-up working days (调休上班): [day, name index of the holiday they make up for]. */
  makeupDays: v.pipe(v.array(v.tuple([isoDay, v.pipe(v.number(), v.integer(), v.minValue(0))])), v.maxLength(2000)),
});
export type HolidaysFile = v.InferOutput<typeof holidaysFileSchema>;

const realDay = (iso: string): boolean => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** One problem (path and reason) per fault, or the table. */
export function validateHolidaysFile(raw: unknown): { ok: true; table: HolidaysFile } | { ok: false; problems: { path: string; reason: string }[] } {
  const parsed = v.safeParse(holidaysFileSchema, raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.issues.slice(0, 20).map((i) => ({ path: `$${(i.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('')}`, reason: i.message })) };
  }
  const t = parsed.output;
  const problems: { path: string; reason: string }[] = [];
  if (t.years[0] > t.years[1]) problems.push({ path: '$.years', reason: 'first year is after last year' });
  const inYears = (iso: string) => {
    const y = Number(iso.slice(0, 4));
    return y >= t.years[0] && y <= t.years[1];
  };
  const off = new Set<string>();
  t.holidays.forEach(([day, length, name], i) => {
    if (!realDay(day)) problems.push({ path: `$.holidays[${i}][0]`, reason: `${day} is not a real date` });
    else if (!inYears(day)) problems.push({ path: `$.holidays[${i}][0]`, reason: `${day} is outside years ${t.years[0]}–${t.years[1]}` });
    if (name >= t.names.length) problems.push({ path: `$.holidays[${i}][2]`, reason: `no name ${name}` });
    const start = Date.parse(`${day}T00:00:00Z`);
    for (let k = 0; k < length; k++) off.add(new Date(start + k * 86_400_000).toISOString().slice(0, 10));
  });
  t.makeupDays.forEach(([day, name], i) => {
    if (!realDay(day)) problems.push({ path: `$.makeupDays[${i}][0]`, reason: `${day} is not a real date` });
    else if (!inYears(day)) problems.push({ path: `$.makeupDays[${i}][0]`, reason: `${day} is outside years ${t.years[0]}–${t.years[1]}` });
    else if (off.has(day)) problems.push({ path: `$.makeupDays[${i}][0]`, reason: `${day} is both a holiday and a make-up working day` });
    if (name >= t.names.length) problems.push({ path: `$.makeupDays[${i}][1]`, reason: `no name ${name}` });
  });
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, table: t };
}
