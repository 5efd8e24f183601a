/**
 * The owned files of a publish (issue 22, point 6): the `files` key of publish.json names the owners' holiday
 * table, programme list, enrolment rules (one file per school year) and the town offices spreadsheet with its
 * mapping. Each is read, built and checked with the validator the app's sync uses (feed-structure.ts), and comes
 * back as feed path → text. Every problem is one line; any problem means nothing is published.
 *
 *   "files": { "holidays": "holidays.json", "programmes": "programmes.json", "enrolment": ["enrolment-2027.json"],
 *              "offices": { "from": "csv", "file": "offices.csv", "map": "offices-map.json" } }
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { checkKnownFile, HOLIDAYS_FILE, PROGRAMMES_FILE } from '../../src/data/feed-structure.ts';
import { enrolmentFileName, OFFICES_FILE } from '../../src/data/owned-file-names.ts';
import { CITATION_STATUSES, isPublishedProgrammes, type OfficesFile } from '../../src/data/published-files-schema.ts';
import { toHant } from '../../src/import/chinese-text.ts';
import { CSV_ENCODINGS, detectEncoding, readCsv, readXlsx, type CsvEncoding, type SheetRows } from './import-spreadsheet.ts';
import { readJsonFile } from './json-argument.ts';
import { oneLine } from './run-cli.ts';

const relPath = v.pipe(v.string(), v.minLength(1), v.maxLength(500));

/** The `files` key of publish.json. Paths are relative to the config file. */
export const publishFilesSchema = v.strictObject({
  $comment: v.optional(v.string()),
  holidays: v.optional(relPath),
  programmes: v.optional(relPath),
  enrolment: v.optional(v.pipe(v.array(relPath), v.minLength(1), v.maxLength(20))),
  offices: v.optional(
    v.strictObject({
      from: v.literal('csv', 'offices "from" must be "csv" (a .csv or .xlsx file)'),
      file: relPath,
      map: relPath,
      encoding: v.optional(v.picklist(CSV_ENCODINGS)),
      sheet: v.optional(v.pipe(v.string(), v.maxLength(100))),
    }),
  ),
});

const localized = v.strictObject({
  zh: v.pipe(v.string(), v.minLength(1)),
  en: v.pipe(v.string(), v.minLength(1)),
  zhHant: v.optional(v.string()),
});
const column = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** What an office field is called in the spreadsheet: one column each. */
export const OFFICE_FIELDS = [
  'town',
  'name.zh',
  'name.en',
  'name.zhHant',
  'address.zh',
  'address.en',
  'address.zhHant',
  'phone',
  'phoneLabel',
  'window.zh',
  'window.en',
  'window.zhHant',
  'url',
  'source.document',
  'source.url',
  'source.status',
  'source.checked',
] as const;
type OfficeField = (typeof OFFICE_FIELDS)[number];
const REQUIRED_COLUMNS: OfficeField[] = ['town', 'source.document', 'source.url', 'source.status', 'source.checked'];

/** offices-map.json: who publishes the offices, when, and which column holds which field. */
export const officesMappingSchema = v.strictObject({
  $comment: v.optional(v.string()),
  publisher: localized,
  published: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'published must be YYYY-MM-DD')),
  cityHotline: v.optional(v.string()),
  columns: v.pipe(
    v.record(v.picklist(OFFICE_FIELDS, `a column must map one of: ${OFFICE_FIELDS.join(', ')}`), column),
    v.check((c) => REQUIRED_COLUMNS.every((f) => f in c), `columns must name ${REQUIRED_COLUMNS.join(', ')}`),
  ),
  /** How the spreadsheet writes a citation's status, e.g. {"官方": "official", "转载": "secondary"}. */
  statusValues: v.optional(v.record(v.pipe(v.string(), v.minLength(1)), v.picklist(CITATION_STATUSES))),
});
type OfficesMapping = v.InferOutput<typeof officesMappingSchema>;

const issueLine = (where: string, issues: readonly v.BaseIssue<unknown>[]) =>
  issues.slice(0, 5).map((i) => `${where}: ${(i.path ?? []).map((p) => String(p.key)).join('.') || '$'}: ${i.message}`);

export interface BuiltFiles {
  /** Feed path → file text, for the manifest's `files` map. */
  files: Record<string, string>;
  problems: string[];
}

/** One file's JSON, or a problem line (missing, unreadable, not JSON). */
function readJson(baseDir: string, rel: string, what: string, problems: string[]): unknown {
  const path = resolve(baseDir, rel);
  if (!existsSync(path)) {
    problems.push(`files.${what}: no such file: ${rel}`);
    return undefined;
  }
  try {
    return readJsonFile(path);
  } catch (e) {
    problems.push(`files.${what}: ${oneLine((e as Error).message)}`);
    return undefined;
  }
}

/**
 * Every {zh, en} text without its Traditional Chinese gets one derived from zh (Hong Kong standard, as the data
 * build does for records), so HK and Macau readers never see Simplified text the owner did not translate.
 */
export function withZhHant(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withZhHant);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, withZhHant(v)] as const);
  const o = Object.fromEntries(entries) as Record<string, unknown>;
  if (typeof o.zh === 'string' && typeof o.en === 'string' && o.zhHant === undefined) return { ...o, zhHant: toHant(o.zh) };
  return o;
}

/** The validator's verdict on a built file: its problems as lines naming the source file. */
function checked(feedPath: string, source: string, json: unknown, problems: string[]): string | undefined {
  const found = checkKnownFile(feedPath, json);
  for (const p of found.slice(0, 5)) problems.push(`${source}: ${p.path}: ${oneLine(p.reason)}`);
  if (found.length > 5) problems.push(`${source}: … and ${found.length - 5} more problems`);
  return found.length ? undefined : JSON.stringify(json);
}

async function officeRows(path: string, encoding: CsvEncoding | undefined, sheet: string | undefined): Promise<SheetRows> {
  if (/\.xlsx$/i.test(path)) return readXlsx(path, sheet);
  return readCsv(path, encoding ?? detectEncoding(path));
}

/** The offices spreadsheet through its mapping → offices.json's content; problems name the row. */
export async function buildOffices(
  path: string,
  mapping: OfficesMapping,
  encoding?: CsvEncoding,
  sheet?: string,
  file = path,
): Promise<{ offices: OfficesFile; problems: string[] }> {
  const problems: string[] = [];
  const rows = await officeRows(path, encoding, sheet);
  const columns = mapping.columns as Partial<Record<OfficeField, string>>;
  const missing = Object.values(columns).filter((c) => !rows.header.includes(c));
  if (missing.length) throw new Error(`${file}: the mapping names columns the sheet does not have: ${missing.join(', ')}`);
  const offices: OfficesFile['offices'] = {};
  for await (const { row, rowNumber } of rows.rows) {
    const cell = (f: OfficeField) => (columns[f] ? (row[columns[f]] ?? '').trim() : '');
    const town = cell('town');
    const where = `${file}: row ${rowNumber}${town ? ` (town ${town})` : ''}`;
    const fields: Record<string, unknown> = {};
    for (const part of ['name', 'address', 'window'] as const) {
      const zh = cell(`${part}.zh`);
      const en = cell(`${part}.en`);
      const zhHant = cell(`${part}.zhHant`);
      if (!zh && !en && !zhHant) continue;
      if (!zh || !en) problems.push(`${where}: ${part} needs both its Chinese and its English text`);
      else fields[part] = { zh, en, ...(zhHant ? { zhHant } : {}) };
    }
    for (const f of ['phone', 'phoneLabel', 'url'] as const) if (cell(f)) fields[f] = cell(f);
    // A town unit with nothing known stays out: the app then says "unverified — ask 12345", never a guess.
    if (Object.keys(fields).length === 0) continue;
    if (!town) {
      problems.push(`${where}: no town code`);
      continue;
    }
    if (offices[town]) problems.push(`${where}: a second row for the same town`);
    const status = cell('source.status');
    offices[town] = {
      ...fields,
      source: {
        document: cell('source.document'),
        url: cell('source.url'),
        status: (mapping.statusValues?.[status] ?? status) as OfficesFile['offices'][string]['source']['status'],
        checked: cell('source.checked'),
      },
    } as OfficesFile['offices'][string];
  }
  const offices_: OfficesFile = {
    publisher: mapping.publisher,
    published: mapping.published,
    ...(mapping.cityHotline ? { cityHotline: mapping.cityHotline } : {}),
    offices: Object.fromEntries(Object.entries(offices).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  return { offices: offices_, problems };
}

/** Reads, builds and checks every owned file the config names. */
export async function buildPublishedFiles(raw: unknown, baseDir: string): Promise<BuiltFiles> {
  if (raw === undefined) return { files: {}, problems: [] };
  const parsed = v.safeParse(publishFilesSchema, raw);
  if (!parsed.success) return { files: {}, problems: issueLine('files', parsed.issues) };
  const config = parsed.output;
  const files: Record<string, string> = {};
  const problems: string[] = [];
  const put = (feedPath: string, text: string | undefined) => {
    if (text !== undefined) files[feedPath] = text;
  };

  if (config.holidays) {
    const json = readJson(baseDir, config.holidays, 'holidays', problems);
    if (json !== undefined) put(HOLIDAYS_FILE, checked(HOLIDAYS_FILE, config.holidays, json, problems));
  }
  if (config.programmes) {
    const json = readJson(baseDir, config.programmes, 'programmes', problems);
    if (json !== undefined && !isPublishedProgrammes(json))
      problems.push(`${config.programmes}: $.publisher: a published programme list names its publisher and published date`);
    else if (json !== undefined) put(PROGRAMMES_FILE, checked(PROGRAMMES_FILE, config.programmes, withZhHant(json), problems));
  }
  const years = new Map<number, string>();
  for (const rel of config.enrolment ?? []) {
    const json = readJson(baseDir, rel, 'enrolment', problems);
    if (json === undefined) continue;
    const year = (json as { schoolYear?: unknown } | null)?.schoolYear;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
      problems.push(`${rel}: $.schoolYear: the admission year these rules are for (e.g. 2027) is missing`);
      continue;
    }
    if (years.has(year)) problems.push(`${rel}: rules for ${year} are also in ${years.get(year)}`);
    years.set(year, rel);
    put(enrolmentFileName(year), checked(enrolmentFileName(year), rel, withZhHant(json), problems));
  }
  if (config.offices) {
    const { file, map, encoding, sheet } = config.offices;
    const mappingJson = readJson(baseDir, map, 'offices.map', problems);
    const path = resolve(baseDir, file);
    if (!existsSync(path) || !statSync(path).isFile()) problems.push(`files.offices: no such file: ${file}`);
    else if (mappingJson !== undefined) {
      const mapping = v.safeParse(officesMappingSchema, mappingJson);
      if (!mapping.success) problems.push(...issueLine(map, mapping.issues));
      else {
        try {
          const built = await buildOffices(path, mapping.output, encoding, sheet, file);
          problems.push(...built.problems);
          if (!built.problems.length) put(OFFICES_FILE, checked(OFFICES_FILE, file, withZhHant(built.offices), problems));
        } catch (e) {
          problems.push(`files.offices: ${oneLine((e as Error).message)}`);
        }
      }
    }
  }
  return problems.length ? { files: {}, problems } : { files, problems };
}
