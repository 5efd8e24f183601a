/**
 * One source (an Overpass extract, an HSDS directory or a spreadsheet) through its importer, record by record:
 * the one import path `data:import` (one list → one feed) and `feed:publish` (many owners → one feed) share.
 * Large JSON files are streamed. Every record, skip and field change goes to the source's ImportReport.
 * Throws one line for unusable input (not JSON, not Overpass JSON, a mapping naming missing columns).
 */
import { closeSync, createReadStream, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import parserStream from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import type { AvailabilityItem, Category, ServiceRecord } from '../../src/data/feed-schema.ts';
import type { SourceTermTable } from '../../src/import/categories.ts';
import type { InputCrs } from '../../src/import/crs.ts';
import { hsdsContext, importHsdsDocument } from '../../src/import/hsds.ts';
import { importOsmElement, osmContext } from '../../src/import/osm.ts';
import type { BuildContext } from '../../src/import/record.ts';
import type { ImportReport } from '../../src/import/report.ts';
import type { SpreadsheetMapping } from '../../src/import/spreadsheet-mapping.ts';
import { importSheet, type CsvEncoding } from './import-spreadsheet.ts';
import { oneLine } from './run-cli.ts';
import { townAt } from './town-polygons.ts';

export type ImportFormat = 'osm' | 'hsds' | 'csv';

export interface SourceImport {
  from: ImportFormat;
  /** The input files (see inputFiles). */
  files: string[];
  crs: InputCrs;
  report: ImportReport;
  /** source.updated of a record whose source gives no date of its own. */
  updated: string;
  /**
   * OSM: elements without a timestamp of their own get the extract's `timestamp_osm_base` instead of `updated`
   * (data:import). feed:publish leaves it off: it carries a record's date over when its content did not change.
   */
  extractTimestamp?: boolean;
  category?: Category;
  categoryTerms?: SourceTermTable;
  mapping?: SpreadsheetMapping;
  encoding?: CsvEncoding;
  /** "Now" for date checks (tests pin it). */
  now?: Date;
}

/** Stores a record (and its live figures); false when its id was already stored (reported as a duplicate). */
export type AcceptRecord = (record: ServiceRecord, availability: AvailabilityItem | undefined) => boolean;

/** Files above this are streamed (stream-json) instead of read whole; tests lower it through the environment. */
const STREAM_ABOVE_BYTES =
  Number(process.env.DATA_IMPORT_STREAM_ABOVE_BYTES) >= 0 && process.env.DATA_IMPORT_STREAM_ABOVE_BYTES
    ? Number(process.env.DATA_IMPORT_STREAM_ABOVE_BYTES)
    : 64 * 1024 * 1024;
const MAX_INPUT_BYTES = 4 * 1024 * 1024 * 1024;

/** The JSON files of a folder (sorted) or the one file; throws one line when there is nothing to read. */
export function inputFiles(from: ImportFormat, input: string): string[] {
  const files =
    statSync(input).isDirectory() && from !== 'csv'
      ? readdirSync(input)
          .filter((f) => f.toLowerCase().endsWith('.json'))
          .sort()
          .map((f) => join(input, f))
      : [input];
  if (!files.length) throw new Error(`no .json files in ${input}`);
  for (const f of files) if (!statSync(f).isFile()) throw new Error(`not a file: ${f}`);
  for (const f of files) if (statSync(f).size > MAX_INPUT_BYTES) throw new Error(`${f} is larger than 4 GB`);
  return files;
}

/** Reads a JSON file whole (BOM accepted); throws one line when it is not JSON. */
export function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${oneLine((e as Error).message, 120)})`);
  }
}

/** Streams the items of `path` (e.g. "elements" or "contents", or the top-level array with ''). */
async function* streamItems(file: string, path: string): AsyncGenerator<unknown> {
  const head = Buffer.alloc(3);
  const h = openSync(file, 'r');
  readSync(h, head, 0, 3, 0);
  closeSync(h);
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const tail = streamArray.asStream();
  const stages = [createReadStream(file, { start }), parserStream(), ...(path ? [pick.asStream({ filter: path })] : []), tail];
  // pipeline() destroys every stage when one fails, so a parse error ends the loop below with that error.
  pipeline(stages as unknown as [NodeJS.ReadableStream, NodeJS.WritableStream], () => undefined);
  try {
    for await (const item of tail as AsyncIterable<{ value: unknown }>) yield item.value;
  } catch (e) {
    throw new Error(`${file}: not JSON (${oneLine((e as Error).message, 120)})`);
  }
}

function firstChar(file: string): string {
  const buf = Buffer.alloc(256);
  const h = openSync(file, 'r');
  const n = readSync(h, buf, 0, 256, 0);
  closeSync(h);
  return (
    buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()[0] ?? ''
  );
}

function contextOf(spec: SourceImport): BuildContext {
  return {
    crs: spec.crs,
    townAt,
    report: spec.report,
    ...(spec.category ? { forcedCategory: spec.category } : {}),
    ...(spec.categoryTerms ? { categoryTerms: spec.categoryTerms } : {}),
    updated: spec.updated,
    nowMs: (spec.now ?? new Date()).getTime(),
  };
}

/** Imports every record of one source into `accept`. */
export async function importSource(spec: SourceImport, accept: AcceptRecord): Promise<void> {
  if (spec.from === 'osm') await importOsmFiles(spec, accept);
  else if (spec.from === 'hsds') await importHsdsFiles(spec, accept);
  else {
    if (!spec.mapping) throw new Error('a spreadsheet needs a mapping');
    const ctx = contextOf(spec);
    await importSheet(spec.files[0]!, spec.mapping, ctx, spec.encoding, (r, rowNumber) => {
      if (accept(r, undefined)) return true;
      spec.report.skip('duplicate id', `row ${rowNumber}`);
      return false;
    });
  }
}

async function importOsmFiles(spec: SourceImport, accept: AcceptRecord): Promise<void> {
  const ctx = { ...osmContext({ townAt, crs: spec.crs, updated: spec.updated, report: spec.report }), ...contextOf(spec) };
  const add = (el: unknown) => {
    const r = importOsmElement(el, ctx);
    if (r && !accept(r, undefined)) {
      spec.report.imported--;
      spec.report.skip('duplicate id', r.id);
    }
  };
  for (const file of spec.files) {
    if (statSync(file).size > STREAM_ABOVE_BYTES) {
      for await (const el of streamItems(file, 'elements')) add(el);
      continue;
    }
    const doc = readJson(file) as { elements?: unknown; osm3s?: { timestamp_osm_base?: unknown } };
    if (!doc || typeof doc !== 'object' || !Array.isArray(doc.elements))
      throw new Error(`${file}: not Overpass JSON (no "elements" array)`);
    if (spec.extractTimestamp) {
      // Elements without their own timestamp were observed when the extract was made, not when it was imported.
      const base = doc.osm3s?.timestamp_osm_base;
      ctx.updated =
        typeof base === 'string' && !Number.isNaN(Date.parse(base)) && Date.parse(base) <= Date.now()
          ? new Date(base).toISOString()
          : spec.updated;
    }
    for (const el of doc.elements) add(el);
  }
}

async function importHsdsFiles(spec: SourceImport, accept: AcceptRecord): Promise<void> {
  const ctx = { ...hsdsContext({ townAt, crs: spec.crs, updated: spec.updated, report: spec.report }), ...contextOf(spec) };
  const hsdsIds = new Set<string>();
  const onRecord = (r: ServiceRecord, a: AvailabilityItem | undefined) => {
    if (!accept(r, a)) {
      spec.report.imported--;
      spec.report.skip('duplicate id', r.id);
    }
  };
  for (const file of spec.files) {
    if (statSync(file).size > STREAM_ABOVE_BYTES) {
      const path = firstChar(file) === '[' ? '' : 'contents';
      for await (const item of streamItems(file, path)) importHsdsDocument(item, ctx, hsdsIds, onRecord);
      continue;
    }
    let doc: unknown;
    try {
      doc = readJson(file);
    } catch (e) {
      if (spec.files.length === 1) throw e;
      spec.report.read++;
      spec.report.skip('file is not JSON', file);
      continue;
    }
    importHsdsDocument(doc, ctx, hsdsIds, onRecord);
  }
}
