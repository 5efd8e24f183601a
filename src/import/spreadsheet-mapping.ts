/**
 * A spreadsheet's mapping file (which column is which field; see docs/operators.md and
 * docs/examples/kindergarten-mapping.json) and one row → one candidate. No file reading here: the CLI
 * (scripts/lib/import-spreadsheet.ts) and the operator page bring the rows.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes as utf8Bytes } from '@noble/hashes/utils.js';
import * as v from 'valibot';
import { CATEGORIES, type Category } from '../data/categories.ts';
import { categoryOfTerms } from './categories.ts';
import { textHours } from './hours.ts';
import type { Candidate } from './record.ts';
import type { ImportReport } from './report.ts';
import type { SourceAdapter } from './source-adapter.ts';

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
function checkHeader(header: string[], mapping: SpreadsheetMapping): { missing: string[]; unmapped: string[] } {
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
    : bytesToHex(sha256(utf8Bytes(`${nameZh ?? nameEn ?? ''}|${addressZh ?? addressEn ?? ''}|${one('town') ?? ''}`))).slice(0, 16);
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

/** One spreadsheet row: header → cell text, and its row number in the file (the header is row 1). */
export interface TableRow {
  row: Record<string, string>;
  rowNumber: number;
}

/** Spreadsheet rows → one candidate each, through the mapping. */
export function tableAdapter(mapping: SpreadsheetMapping): SourceAdapter {
  return { candidates: (item) => [{ candidate: rowCandidate((item as TableRow).row, (item as TableRow).rowNumber, mapping) }] };
}

/** Throws one line when the mapping names columns the file does not have; notes the file's columns no field uses. */
export function checkTableHeader(header: string[], mapping: SpreadsheetMapping, report: ImportReport): void {
  const { missing, unmapped } = checkHeader(header, mapping);
  if (missing.length)
    throw new Error(
      `the mapping names columns the file does not have: ${missing.join(', ')} (file columns: ${header.filter(Boolean).join(', ')})`,
    );
  for (const h of unmapped) report.note(`column "${h}" is not in the mapping: not imported`);
}
