/**
 * Spreadsheet files (CSV in UTF-8 or GB18030/GBK, or .xlsx) → rows for the import core, which maps them
 * (src/import/spreadsheet-mapping.ts). Rows are read as a stream for CSV; every row is handled on its own.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import chardet from 'chardet';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { BuildContext } from '../../src/import/record.ts';
import { ImportRun, type RecordSink } from '../../src/import/source-adapter.ts';
import { checkTableHeader, tableAdapter, type SpreadsheetMapping, type TableRow } from '../../src/import/spreadsheet-mapping.ts';
import { oneLine } from './run-cli.ts';

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
  rows: AsyncIterable<TableRow>;
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

/** The rows of a CSV (encoding given or detected) or XLSX file; throws one line when the file cannot be read. */
export async function openSheet(path: string, sheetName: string | undefined, encoding: CsvEncoding | undefined): Promise<SheetRows> {
  const isXlsx = /\.xlsx$/i.test(path);
  try {
    return isXlsx ? await readXlsx(path, sheetName) : await readCsv(path, encoding ?? detectEncoding(path));
  } catch (e) {
    throw new Error(`${path}: cannot read ${isXlsx ? 'the workbook' : 'the CSV'} (${oneLine((e as Error).message, 160)})`);
  }
}

/**
 * Imports every row of a CSV or XLSX file through the mapping and the core's one loop (src/import/source-adapter.ts).
 * Throws one line for unusable input (unreadable file, mapping naming missing columns).
 */
export async function importSheet(
  path: string,
  mapping: SpreadsheetMapping,
  ctx: BuildContext,
  encoding: CsvEncoding | undefined,
  sink: RecordSink,
): Promise<void> {
  const sheet = await openSheet(path, mapping.sheet, encoding);
  checkTableHeader(sheet.header, mapping, ctx.report);
  try {
    await new ImportRun(ctx, sink).addItems(sheet.rows, tableAdapter(mapping));
  } catch (e) {
    throw new Error(`${path}: ${oneLine((e as Error).message, 160)} (after ${ctx.report.read} rows)`);
  }
}
