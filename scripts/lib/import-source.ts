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
import type { Category } from '../../src/data/categories.ts';
import type { SourceTermTable } from '../../src/import/categories.ts';
import type { InputCrs } from '../../src/import/crs.ts';
import { hsdsAdapter } from '../../src/import/hsds.ts';
import { osmAdapter, osmExtractUpdated } from '../../src/import/osm.ts';
import { crsAutoJson, CrsSurvey } from '../../src/import/crs-auto.ts';
import { surveyItems } from '../../src/import/import-items.ts';
import type { BuildContext } from '../../src/import/record.ts';
import { ImportReport } from '../../src/import/report.ts';
import { ImportRun, type RecordSink, type SourceAdapter } from '../../src/import/source-adapter.ts';
import { checkTableHeader, tableAdapter, type SpreadsheetMapping } from '../../src/import/spreadsheet-mapping.ts';
import { importSheet, openSheet, type CsvEncoding } from './import-spreadsheet.ts';
import { oneLine } from './run-cli.ts';
import { townAt } from './town-polygons.ts';

export type ImportFormat = 'osm' | 'hsds' | 'csv';

export interface SourceImport {
  from: ImportFormat;
  /** The input files (see inputFiles). */
  files: string[];
  /** 'auto': chosen from the share of points inside their stated town (see decideCrs). */
  crs: InputCrs | 'auto';
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
  /** Files above this many bytes are streamed (tests pin it; default 64 MB or DATA_IMPORT_STREAM_ABOVE_BYTES). */
  streamAboveBytes?: number;
}

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

/** 3 when the file starts with a UTF-8 byte-order mark (stream-json does not skip it), else 0. */
function bomLength(file: string): number {
  const head = Buffer.alloc(3);
  const h = openSync(file, 'r');
  readSync(h, head, 0, 3, 0);
  closeSync(h);
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

/** Streams the items of `path` (e.g. "elements" or "contents", or the top-level array with ''). */
async function* streamItems(file: string, path: string): AsyncGenerator<unknown> {
  const start = bomLength(file);
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

/**
 * The Overpass header before `elements` in a streamed file: `osm3s` when it comes first (as Overpass writes it),
 * read token by token and stopped at `elements`, so the extract's date is the same as for the file read whole.
 */
async function streamedOsmHead(file: string): Promise<Record<string, unknown>> {
  const tokens = createReadStream(file, { start: bomLength(file) }).pipe(parserStream({ streamValues: false }));
  const head: Record<string, unknown> = {};
  let depth = 0;
  let topKey = '';
  let innerKey = '';
  try {
    for await (const t of tokens as AsyncIterable<{ name: string; value?: unknown }>) {
      if (t.name === 'startObject' || t.name === 'startArray') depth++;
      else if (t.name === 'endObject' || t.name === 'endArray') {
        depth--;
        if (depth === 1 && topKey === 'osm3s') head.osm3s ??= {};
      } else if (t.name === 'keyValue' && depth === 1) {
        topKey = String(t.value);
        if (topKey === 'elements') {
          head.elements = [];
          break;
        }
        if (topKey === 'osm3s') head.osm3s = {};
      } else if (t.name === 'keyValue' && depth === 2) innerKey = String(t.value);
      else if (depth === 2 && topKey === 'osm3s' && t.name === 'stringValue') (head.osm3s as Record<string, unknown>)[innerKey] = t.value;
    }
  } catch {
    // Not JSON: the element stream that follows says so in one line.
  } finally {
    tokens.destroy();
  }
  return head;
}

function contextOf(spec: SourceImport, crs: InputCrs, report: ImportReport): BuildContext {
  return {
    crs,
    townAt,
    report,
    ...(spec.category ? { forcedCategory: spec.category } : {}),
    ...(spec.categoryTerms ? { categoryTerms: spec.categoryTerms } : {}),
    updated: spec.updated,
    nowMs: (spec.now ?? new Date()).getTime(),
  };
}

/** One Overpass file: the part before `elements` (for the extract's date) and the elements, streamed when large. */
async function overpassFile(
  file: string,
  streamAbove: number,
): Promise<{ head: Record<string, unknown>; items: Iterable<unknown> | AsyncIterable<unknown> }> {
  if (statSync(file).size > streamAbove) return { head: await streamedOsmHead(file), items: streamItems(file, 'elements') };
  const doc = readJson(file) as Record<string, unknown> | null;
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.elements)) throw new Error(`${file}: not Overpass JSON (no "elements" array)`);
  return { head: doc, items: doc.elements };
}

/** One HSDS file's documents (a streamed list's items when large); undefined when one of several files is not JSON. */
function hsdsFile(file: string, spec: SourceImport, streamAbove: number): Iterable<unknown> | AsyncIterable<unknown> | undefined {
  if (statSync(file).size > streamAbove) return streamItems(file, firstChar(file) === '[' ? '' : 'contents');
  try {
    return [readJson(file)];
  } catch (e) {
    if (spec.files.length === 1) throw e;
    return undefined;
  }
}

/**
 * `--crs auto` (a feed:publish source's "crs": "auto"): reads the source once for the three shares and decides
 * (src/import/crs-auto.ts). Throws one line when no system is clear.
 */
async function decideCrs(spec: SourceImport): Promise<InputCrs> {
  if (spec.crs !== 'auto') return spec.crs;
  const ctx = contextOf(spec, 'wgs84', new ImportReport(spec.from, 'wgs84', []));
  const survey = new CrsSurvey(townAt);
  const streamAbove = spec.streamAboveBytes ?? STREAM_ABOVE_BYTES;
  const add = async (items: Iterable<unknown> | AsyncIterable<unknown>, adapter: SourceAdapter) => {
    if (Symbol.iterator in items) surveyItems(items, adapter, ctx, survey);
    else for await (const item of items) surveyItems([item], adapter, ctx, survey);
  };
  if (spec.from === 'csv') {
    if (!spec.mapping) throw new Error('a spreadsheet needs a mapping');
    const sheet = await openSheet(spec.files[0]!, spec.mapping.sheet, spec.encoding);
    checkTableHeader(sheet.header, spec.mapping, ctx.report);
    await add(sheet.rows, tableAdapter(spec.mapping));
  } else
    for (const file of spec.files) {
      if (spec.from === 'osm') await add((await overpassFile(file, streamAbove)).items, osmAdapter);
      else await add(hsdsFile(file, spec, streamAbove) ?? [], hsdsAdapter);
    }
  const auto = survey.result();
  if (!auto.chosen) throw new Error(`crs auto: ${auto.refusal}`);
  spec.report.crs = auto.chosen;
  spec.report.crsAuto = crsAutoJson(auto);
  return auto.chosen;
}

/** Imports every record of one source into `accept`, through the import core's one loop and duplicate rule. */
export async function importSource(spec: SourceImport, accept: RecordSink): Promise<void> {
  const ctx = contextOf(spec, await decideCrs(spec), spec.report);
  const streamAbove = spec.streamAboveBytes ?? STREAM_ABOVE_BYTES;
  if (spec.from === 'csv') {
    if (!spec.mapping) throw new Error('a spreadsheet needs a mapping');
    await importSheet(spec.files[0]!, spec.mapping, ctx, spec.encoding, accept);
    return;
  }
  const run = new ImportRun(ctx, accept);
  for (const file of spec.files) {
    if (spec.from === 'osm') {
      const { head, items } = await overpassFile(file, streamAbove);
      if (spec.extractTimestamp) ctx.updated = osmExtractUpdated(head, spec.updated, ctx.nowMs);
      await run.addItems(items, osmAdapter);
      continue;
    }
    const docs = hsdsFile(file, spec, streamAbove);
    if (docs) await run.addItems(docs, hsdsAdapter);
    else {
      spec.report.read++;
      spec.report.skip('file is not JSON', file);
    }
  }
}
