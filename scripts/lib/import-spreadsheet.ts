/**
 * Spreadsheets (CSV in UTF-8 or GB18030/GBK, or .xlsx) → candidates, through a mapping file that
 * names which column is which field (see docs/operators.md and docs/examples/kindergarten-mapping.json).
 * Rows are read as a stream for CSV; every row is handled on its own.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import chardet from 'chardet';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import * as v from 'valibot';
import { CATEGORIES, type Category } from '../../src/data/categories.ts';
import { categoryOfTerms } from './import-categories.ts';
import { textHours } from './import-hours.ts';
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import { oneLine } from './run-cli.ts';
import { buildRecord, type BuildContext, type Candidate } from './import-record.ts';

export const MAPPING_FIELDS = [
  'id',
  'name.zh',
  'name.en',
  'category',
  'address.zh',
  'address.en',
  'phone',
  'town',
  'lat',
  'lon',
  'url',
  'hours',
  'capacity',
  'fee',
  'age.min',
  'age.max',
  'description',
  'updated',
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

const columnRef = v.union([
  v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200))), v.minLength(1), v.maxLength(20)),
]);
const mappingSchema = v.strictObject({
  $comment: v.optional(v.string()),
  /** Field → column header (or several headers for phone, address and description). */
  columns: v.record(v.picklist(MAPPING_FIELDS), columnRef),
  /** One category for every row (when there is no category column). */
  category: v.optional(v.picklist(CATEGORIES)),
  /** Extra whole values of the category column → category (on top of data/import/category-terms.json). */
  categoryValues: v.optional(v.record(v.string(), v.picklist(CATEGORIES))),
  /** Whole values of the fee column → fee band. */
  feeValues: v.optional(v.record(v.string(), v.picklist(['free', 'low', 'paid']))),
  /** Unit of age.min / age.max (default years). */
  ageUnit: v.optional(v.picklist(['years', 'months'])),
  /** Prefix for record ids (ids are made from the id column, or from name and address). */
  idPrefix: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{0,30}$/))),
  /** XLSX: the sheet to read (default the first). */
  sheet: v.optional(v.string()),
});
export type SpreadsheetMapping = v.InferOutput<typeof mappingSchema>;

/** Parses a mapping file's JSON; throws an Error with one readable line when it is not a mapping. */
export function parseMapping(json: unknown): SpreadsheetMapping {
  const res = v.safeParse(mappingSchema, json);
  if (!res.success) {
    const issue = res.issues[0]!;
    const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
    throw new Error(`mapping: ${path ? `${path}: ` : ''}${issue.message}`);
  }
  if (!res.output.columns['name.zh'] && !res.output.columns['name.en']) throw new Error('mapping: columns needs "name.zh" or "name.en"');
  return res.output;
}

const list = (ref: string | string[] | undefined): string[] => (ref === undefined ? [] : Array.isArray(ref) ? ref : [ref]);

/** Headers the mapping names that the file does not have (→ unusable input), and file columns no field uses (→ report note). */
export function checkHeader(header: string[], mapping: SpreadsheetMapping): { missing: string[]; unmapped: string[] } {
  const have = new Set(header);
  const used = new Set(Object.values(mapping.columns).flatMap((r) => list(r)));
  return { missing: [...used].filter((h) => !have.has(h)), unmapped: header.filter((h) => h && !used.has(h)) };
}

const ID_SAFE = /[^A-Za-z0-9._:-]+/g;

/** One row (header → cell text) → a candidate. Never throws. */
export function rowCandidate(row: Record<string, string>, rowNumber: number, mapping: SpreadsheetMapping): Candidate {
  const col = (f: MappingField) =>
    list(mapping.columns[f])
      .map((h) => (row[h] ?? '').trim())
      .filter(Boolean);
  const one = (f: MappingField) => col(f)[0];
  const ref = `row ${rowNumber}`;
  const typeValue = one('category');
  const fromColumn = typeValue ? (mapping.categoryValues?.[typeValue.trim()] ?? categoryOfTerms([typeValue])) : undefined;
  const category: Category | undefined = fromColumn ?? mapping.category;
  const nameZh = one('name.zh');
  const nameEn = one('name.en');
  const addressZh = col('address.zh').join(' ') || undefined;
  const addressEn = col('address.en').join(', ') || undefined;
  const idCell = one('id');
  const digest = idCell
    ? undefined
    : createHash('sha256')
        .update(`${nameZh ?? nameEn ?? ''}|${addressZh ?? addressEn ?? ''}|${one('town') ?? ''}`)
        .digest('hex')
        .slice(0, 16);
  const id = (mapping.idPrefix ?? 'sheet-') + (idCell ? idCell.replace(ID_SAFE, '-') : digest);
  const fee = one('fee');
  const feeBand = fee ? mapping.feeValues?.[fee] : undefined;
  const unit = mapping.ageUnit === 'months' ? 1 : 12;
  const ageMin = one('age.min');
  const ageMax = one('age.max');
  const toMonths = (x: string | undefined) => (x === undefined ? undefined : Number.isFinite(Number(x)) ? Number(x) * unit : x);
  const descriptionHeaders = list(mapping.columns.description);
  const description = descriptionHeaders
    .map((h) => [h, (row[h] ?? '').trim()] as const)
    .filter(([, value]) => value)
    .map(([h, value]) => (descriptionHeaders.length > 1 ? `${h}：${value}` : value))
    .join('；');
  const hours = one('hours');
  return {
    ref,
    // The id cell, or the digest of name, address and town: the same row anywhere in the file gives the same bytes.
    reference: idCell ? `id ${idCell}` : `digest ${digest}`,
    id,
    sourceKind: 'spreadsheet',
    ...(category ? { category } : {}),
    terms: typeValue ? [typeValue] : [],
    name: { ...(nameZh ? { zh: nameZh } : {}), ...(nameEn ? { en: nameEn } : {}) },
    ...(one('lon') !== undefined ? { lon: one('lon') } : {}),
    ...(one('lat') !== undefined ? { lat: one('lat') } : {}),
    ...(one('town') ? { town: one('town') } : {}),
    ...(addressZh || addressEn ? { address: { ...(addressZh ? { zh: addressZh } : {}), ...(addressEn ? { en: addressEn } : {}) } } : {}),
    ...(col('phone').length ? { phones: col('phone') } : {}),
    ...(one('url') ? { url: one('url') } : {}),
    ...(hours ? { hours: textHours(hours) } : {}),
    ...(one('capacity') !== undefined ? { capacity: one('capacity') } : {}),
    ...(feeBand ? { fee: feeBand } : {}),
    ...(ageMin !== undefined || ageMax !== undefined ? { ageMonths: [toMonths(ageMin), toMonths(ageMax)] as [unknown, unknown] } : {}),
    ...(description ? { description } : {}),
    ...(one('updated') ? { updated: one('updated') } : {}),
  };
}

/* ---------- reading files ---------- */

export const CSV_ENCODINGS = ['utf8', 'gb18030', 'gbk', 'big5'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** UTF-8 when the first 64 KB decode as UTF-8, else what chardet says if it is a Chinese encoding. */
export function detectEncoding(path: string): CsvEncoding {
  const fd = openSync(path, 'r');
  const sample = Buffer.alloc(65536);
  let n: number;
  try {
    n = readSync(fd, sample, 0, sample.length, 0);
  } finally {
    closeSync(fd);
  }
  const bytes = sample.subarray(0, n);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return 'utf8';
  } catch {
    /* not UTF-8 */
  }
  const guess = (chardet.detect(bytes) ?? '').toLowerCase();
  if (guess === 'gb18030' || guess === 'gbk' || guess === 'gb2312') return 'gb18030';
  if (guess === 'big5') return 'big5';
  throw new Error(`cannot tell the encoding of ${path} (looks like ${guess || 'unknown'}); pass --encoding utf8|gb18030|gbk|big5`);
}

export interface SheetRows {
  header: string[];
  rows: AsyncIterable<{ row: Record<string, string>; rowNumber: number }>;
}

const MAX_CELL = 100_000;

/** CSV rows as a stream; the first row is the header. Throws (one line) when the file is not CSV. */
export async function readCsv(path: string, encoding: CsvEncoding): Promise<SheetRows> {
  const parser = createReadStream(path)
    .pipe(iconv.decodeStream(encoding === 'utf8' ? 'utf8' : encoding))
    .pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: MAX_CELL * 10 }));
  const it = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await it.next();
  if (first.done) throw new Error(`${path}: no header row`);
  const header = first.value.map((h) =>
    String(h)
      .replace(/^\uFEFF/, '')
      .trim(),
  );
  async function* rows() {
    let rowNumber = 1;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      rowNumber++;
      const row: Record<string, string> = {};
      header.forEach((h, i) => {
        if (h) row[h] = String(next.value[i] ?? '').slice(0, MAX_CELL);
      });
      yield { row, rowNumber };
    }
  }
  return { header, rows: rows() };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue); // formula
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** XLSX rows (one sheet; the first row is the header). */
export async function readXlsx(path: string, sheetName: string | undefined): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) throw new Error(`${path}: no sheet ${sheetName ? `named "${sheetName}"` : 'in the workbook'}`);
  const headerRow = sheet.getRow(1);
  const header: string[] = [];
  for (let c = 1; c <= sheet.columnCount; c++) header.push(cellText(headerRow.getCell(c).value).trim());
  async function* rows() {
    for (let r = 2; r <= sheet!.rowCount; r++) {
      const xr = sheet!.getRow(r);
      if (!xr.hasValues) continue;
      const row: Record<string, string> = {};
      header.forEach((h, i) => {
        if (h) row[h] = cellText(xr.getCell(i + 1).value).slice(0, MAX_CELL);
      });
      yield { row, rowNumber: r };
    }
  }
  return { header, rows: rows() };
}

/**
 * Imports every row of a CSV or XLSX file through the mapping. `accept` stores a record and says
 * whether it was new. Throws one line for unusable input (unreadable file, mapping naming missing columns).
 */
export async function importSheet(
  path: string,
  mapping: SpreadsheetMapping,
  ctx: BuildContext,
  encoding: CsvEncoding | undefined,
  accept: (record: ServiceRecord, rowNumber: number) => boolean,
): Promise<void> {
  const report = ctx.report;
  const isXlsx = /\.xlsx$/i.test(path);
  let sheet: SheetRows;
  try {
    sheet = isXlsx ? await readXlsx(path, mapping.sheet) : await readCsv(path, encoding ?? detectEncoding(path));
  } catch (e) {
    throw new Error(`${path}: cannot read ${isXlsx ? 'the workbook' : 'the CSV'} (${oneLine((e as Error).message, 160)})`);
  }
  const { missing, unmapped } = checkHeader(sheet.header, mapping);
  if (missing.length)
    throw new Error(
      `the mapping names columns the file does not have: ${missing.join(', ')} (file columns: ${sheet.header.filter(Boolean).join(', ')})`,
    );
  for (const h of unmapped) report.note(`column "${h}" is not in the mapping: not imported`);
  try {
    for await (const { row, rowNumber } of sheet.rows) {
      report.read++;
      const r = buildRecord(rowCandidate(row, rowNumber, mapping), ctx);
      if (r && accept(r, rowNumber)) report.imported++;
    }
  } catch (e) {
    throw new Error(`${path}: ${oneLine((e as Error).message, 160)} (after ${report.read} rows)`);
  }
}
