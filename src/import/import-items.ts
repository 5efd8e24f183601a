/**
 * The import core's entry for a caller that holds a whole list in memory: the operator page's worker (and the
 * parity test, which checks it against the CLI path, scripts/lib/import-source.ts, on every real-data fixture).
 * Both paths go through the same adapters, loop, duplicate rule, record builder and report.
 *
 *   importTable(rows: readonly TableRow[], header: string[], mapping: SpreadsheetMapping, options: CoreImportOptions): CoreImportResult
 *   importDocuments(format: 'osm' | 'hsds', documents: readonly unknown[], options: CoreImportOptions): CoreImportResult
 *   surveyTable(rows, mapping, towns) / surveyDocuments(format, documents, towns): CrsAuto   (the three shares, no import)
 *
 * `rows` are the spreadsheet's data rows (header → cell text, rowNumber as in the file: the header is row 1);
 * `documents` are parsed JSON files. `options.towns` is the feed's towns.geojson (or a TownAt). With
 * `crs: 'auto'` the system is chosen as `--crs auto` does, and `CrsAutoRefused` (carrying the shares) is thrown
 * when none is clear. Unusable input (a mapping naming missing columns, JSON that is not Overpass) throws one line.
 * The report's JSON is `result.report.toJson(generatedAt)`, the same file data:import writes.
 */
import type { AvailabilityItem, ServiceRecord } from '../data/feed-schema.ts';
import type { Category } from '../data/categories.ts';
import type { TownBoundaries } from '../geo/town-of-point.ts';
import { sourceTermTable } from './categories.ts';
import { crsAutoJson, CrsSurvey, type CrsAuto } from './crs-auto.ts';
import type { InputCrs } from './crs.ts';
import { hsdsAdapter } from './hsds.ts';
import { osmAdapter, osmExtractUpdated } from './osm.ts';
import type { BuildContext } from './record.ts';
import { ImportReport } from './report.ts';
import { ImportRun, type SourceAdapter } from './source-adapter.ts';
import { checkTableHeader, tableAdapter, type SpreadsheetMapping, type TableRow } from './spreadsheet-mapping.ts';
import { townAtOf, type TownAt } from './town-lookup.ts';

export interface CoreImportOptions {
  /** Town outlines: the feed's towns.geojson (FeatureCollection with properties.code), or a lookup. */
  towns: TownBoundaries | TownAt;
  crs: InputCrs | 'auto';
  /** source.updated of a record whose source gives no date of its own (ISO timestamp). */
  updated: string;
  /** "Now" for date checks; default the clock. */
  now?: Date;
  /** One category for every record (data:import --category). */
  category?: Category;
  /** The owner's own term → category table (a feed:publish source's `categoryTerms`). */
  categoryTerms?: Readonly<Record<string, Category>>;
  /** Input names for the report (the CLI writes the file paths). */
  inputs?: string[];
  /** OSM: elements without a date get the extract's osm3s timestamp, as data:import does (default true). */
  extractTimestamp?: boolean;
}

export interface CoreImportResult {
  records: ServiceRecord[];
  availability: AvailabilityItem[];
  report: ImportReport;
  /** The three shares, when `crs` was 'auto'. */
  crsAuto?: CrsAuto;
}

/** `crs: 'auto'` found no clear system; `auto` has the shares to show, and `message` says why (one line). */
export class CrsAutoRefused extends Error {
  constructor(readonly auto: CrsAuto) {
    super(auto.refusal);
    this.name = 'CrsAutoRefused';
  }
}

const lookupOf = (towns: TownBoundaries | TownAt): TownAt => (typeof towns === 'function' ? towns : townAtOf(towns));

/** The candidates of every item into a survey (nothing is imported or reported). */
export function surveyItems(items: Iterable<unknown>, adapter: SourceAdapter, ctx: BuildContext, survey: CrsSurvey): void {
  for (const item of items) for (const c of adapter.candidates(item, ctx)) if ('candidate' in c) survey.add(c.candidate);
}

function contextOf(from: string, crs: InputCrs, townAt: TownAt, options: CoreImportOptions): BuildContext {
  return {
    crs,
    townAt,
    report: new ImportReport(from, crs, options.inputs ?? []),
    ...(options.category ? { forcedCategory: options.category } : {}),
    ...(options.categoryTerms ? { categoryTerms: sourceTermTable(options.categoryTerms) } : {}),
    updated: options.updated,
    nowMs: (options.now ?? new Date()).getTime(),
  };
}

/** Decides the system for 'auto' (throws CrsAutoRefused when none is clear); a stated system is taken as it is. */
function resolveCrs(crs: InputCrs | 'auto', survey: () => CrsAuto): { crs: InputCrs; auto?: CrsAuto } {
  if (crs !== 'auto') return { crs };
  const auto = survey();
  if (!auto.chosen) throw new CrsAutoRefused(auto);
  return { crs: auto.chosen, auto };
}

function finish(
  ctx: BuildContext,
  auto: CrsAuto | undefined,
  records: ServiceRecord[],
  availability: AvailabilityItem[],
): CoreImportResult {
  if (auto) ctx.report.crsAuto = crsAutoJson(auto);
  return { records, availability, report: ctx.report, ...(auto ? { crsAuto: auto } : {}) };
}

/** The three shares for a spreadsheet (the operator page shows them before importing). */
export function surveyTable(rows: readonly TableRow[], mapping: SpreadsheetMapping, towns: TownBoundaries | TownAt): CrsAuto {
  const townAt = lookupOf(towns);
  const survey = new CrsSurvey(townAt);
  surveyItems(rows, tableAdapter(mapping), contextOf('csv', 'wgs84', townAt, { towns, crs: 'wgs84', updated: '' }), survey);
  return survey.result();
}

/** Spreadsheet rows → records and the report, as `data:import --from csv` gives them for the same file. */
export function importTable(
  rows: readonly TableRow[],
  header: string[],
  mapping: SpreadsheetMapping,
  options: CoreImportOptions,
): CoreImportResult {
  const townAt = lookupOf(options.towns);
  const { crs, auto } = resolveCrs(options.crs, () => surveyTable(rows, mapping, townAt));
  const ctx = contextOf('csv', crs, townAt, options);
  checkTableHeader(header, mapping, ctx.report);
  const records: ServiceRecord[] = [];
  const run = new ImportRun(ctx, (r) => records.push(r));
  const adapter = tableAdapter(mapping);
  for (const row of rows) run.addItem(row, adapter);
  return finish(ctx, auto, records, []);
}

function overpassDocument(doc: unknown, index: number): Record<string, unknown> {
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { elements?: unknown }).elements))
    throw new Error(`file ${index + 1}: not Overpass JSON (no "elements" array)`);
  return doc as Record<string, unknown>;
}

/** The three shares for OSM or HSDS documents. */
export function surveyDocuments(format: 'osm' | 'hsds', documents: readonly unknown[], towns: TownBoundaries | TownAt): CrsAuto {
  const townAt = lookupOf(towns);
  const survey = new CrsSurvey(townAt);
  const ctx = contextOf(format, 'wgs84', townAt, { towns, crs: 'wgs84', updated: '' });
  documents.forEach((doc, i) =>
    format === 'osm'
      ? surveyItems(overpassDocument(doc, i).elements as unknown[], osmAdapter, ctx, survey)
      : surveyItems([doc], hsdsAdapter, ctx, survey),
  );
  return survey.result();
}

/** Parsed Overpass or HSDS JSON files → records, live figures and the report, as `data:import --from osm|hsds` gives them. */
export function importDocuments(format: 'osm' | 'hsds', documents: readonly unknown[], options: CoreImportOptions): CoreImportResult {
  const townAt = lookupOf(options.towns);
  const { crs, auto } = resolveCrs(options.crs, () => surveyDocuments(format, documents, townAt));
  const ctx = contextOf(format, crs, townAt, options);
  const records: ServiceRecord[] = [];
  const availability: AvailabilityItem[] = [];
  const run = new ImportRun(ctx, (r, a) => {
    records.push(r);
    if (a) availability.push(a);
  });
  documents.forEach((doc, i) => {
    if (format === 'hsds') return run.addItem(doc, hsdsAdapter);
    const overpass = overpassDocument(doc, i);
    if (options.extractTimestamp ?? true) ctx.updated = osmExtractUpdated(overpass, options.updated, ctx.nowMs);
    for (const el of overpass.elements as unknown[]) run.addItem(el, osmAdapter);
  });
  return finish(ctx, auto, records, availability);
}
