/**
 * `npx tsx scripts/china-holidays.ts [--check]`
 *
 * Writes src/features/finder/common/china-holidays.json: every Chinese statutory holiday (with its name) and
 * every make-up working day (调休: a Saturday or Sunday worked in place of a holiday) that the installed
 * chinese-days knows. The library stays the source of truth, but only here at build time: in the browser
 * it cost ~8 KB gzip (mostly lunar-calendar data) for a table of a few hundred dates.
 * `--check` exits 1 when the committed file differs (src/features/finder/common/china-holidays.test.ts checks the same).
 *
 * Rerun after upgrading chinese-days (the State Council publishes next year's arrangement each November).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
// Default import: the package is CommonJS for tsx/Node and ESM for Vite; both expose the functions on it.
import chineseDays from 'chinese-days';

export const TABLE_PATH = fileURLToPath(new URL('../src/features/finder/common/china-holidays.json', import.meta.url));

/**
 * Scanned range. "Open now" needs today and the next 8 days only, and this table ships on the first screen
 * (and in every feed as holidays.json): past years would only cost bytes, so the scan starts at 2025.
 * A date before the first year shows "open now" as unknown, like a year not published yet.
 */
const SCAN_FROM_YEAR = 2025;
const SCAN_TO_YEAR = 2100;
const MS_PER_DAY = 86_400_000;

export interface ChinaHolidayTable {
  /** Provenance: the library and version the table was generated from. */
  source: string;
  /** First and last year with any statutory holiday in the library; outside them every day is ordinary. */
  years: [number, number];
  /** Holiday names, [English, Chinese]; referenced by index below. */
  names: [string, string][];
  /** Runs of consecutive statutory days off: [first day "YYYY-MM-DD", number of days, names index]. */
  holidays: [string, number, number][];
  /** Make-up working days (a weekend day worked): [day "YYYY-MM-DD", names index of the holiday it pays for]. */
  makeupDays: [string, number][];
}

function libraryVersion(): string {
  const pkgUrl = new URL('../node_modules/chinese-days/package.json', import.meta.url);
  return (JSON.parse(readFileSync(pkgUrl, 'utf8')) as { version: string }).version;
}

/** Regenerates the table from chinese-days (the same rules open-now.ts applied when it called the library). */
export function buildChinaHolidayTable(version = libraryVersion()): ChinaHolidayTable {
  const names: [string, string][] = [];
  const nameIndex = new Map<string, number>();
  const indexOf = (libraryName: string): number => {
    // The library's names are "English,中文,N" (N = statutory days that year): keep the two names.
    const [en = '', zh = ''] = libraryName.split(',');
    const key = `${en},${zh}`;
    let i = nameIndex.get(key);
    if (i === undefined) {
      i = names.length;
      names.push([en, zh]);
      nameIndex.set(key, i);
    }
    return i;
  };

  const holidays: [string, number, number][] = [];
  const makeupDays: [string, number][] = [];
  let firstYear = Infinity;
  let lastYear = -Infinity;
  let run: { day: number; length: number; name: number } | null = null;

  const end = Date.UTC(SCAN_TO_YEAR, 11, 31) / MS_PER_DAY;
  for (let day = Date.UTC(SCAN_FROM_YEAR, 0, 1) / MS_PER_DAY; day <= end; day++) {
    const date = new Date(day * MS_PER_DAY);
    const iso = date.toISOString().slice(0, 10);
    const dow = date.getUTCDay(); // 0 = Sunday
    const detail = chineseDays.getDayDetail(iso);
    // A named day carries "English,中文,N"; ordinary days are named after the weekday ("Monday").
    const named = detail.name.includes(',');
    let holidayName: number | null = null;
    if (named && !detail.work && chineseDays.isHoliday(iso)) {
      holidayName = indexOf(detail.name);
    } else if (named && detail.work && chineseDays.isWorkday(iso) && (dow === 0 || dow === 6)) {
      makeupDays.push([iso, indexOf(detail.name)]);
    }
    if (named) {
      const year = date.getUTCFullYear();
      firstYear = Math.min(firstYear, year);
      lastYear = Math.max(lastYear, year);
    }

    if (holidayName !== null && run && run.name === holidayName && run.day + run.length === day) {
      run.length++;
      continue;
    }
    if (run) holidays.push([new Date(run.day * MS_PER_DAY).toISOString().slice(0, 10), run.length, run.name]);
    run = holidayName === null ? null : { day, length: 1, name: holidayName };
  }
  if (run) holidays.push([new Date(run.day * MS_PER_DAY).toISOString().slice(0, 10), run.length, run.name]);

  if (holidays.length === 0) throw new Error('chinese-days returned no statutory holidays: API changed?');
  return { source: `chinese-days ${version}`, years: [firstYear, lastYear], names, holidays, makeupDays };
}

/** The file's exact text: one entry a line, so a library upgrade shows up as a readable diff. */
export function formatChinaHolidayTable(table: ChinaHolidayTable): string {
  const list = (rows: unknown[]) => `[\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
  return [
    '{',
    `  "source": ${JSON.stringify(table.source)},`,
    `  "years": ${JSON.stringify(table.years)},`,
    `  "names": ${list(table.names)},`,
    `  "holidays": ${list(table.holidays)},`,
    `  "makeupDays": ${list(table.makeupDays)}`,
    '}',
    '',
  ].join('\n');
}

function main(): void {
  const text = formatChinaHolidayTable(buildChinaHolidayTable());
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(TABLE_PATH, 'utf8');
    } catch {
      /* missing counts as different */
    }
    if (committed !== text) {
      console.error(`china-holidays: ${TABLE_PATH} is out of date; run \`npx tsx scripts/china-holidays.ts\`.`);
      process.exit(1);
    }
    console.log('china-holidays: up to date');
    return;
  }
  writeFileSync(TABLE_PATH, text);
  const table = JSON.parse(text) as ChinaHolidayTable;
  console.log(
    `china-holidays: ${table.holidays.length} holiday runs, ${table.makeupDays.length} make-up days, ` +
      `${table.years[0]}–${table.years[1]} (${table.source}) → ${TABLE_PATH}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
