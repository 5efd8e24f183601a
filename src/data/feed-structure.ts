/**
 * The structural checks of a feed, shared word for word by `npm run data:validate` (validate-feed.ts)
 * and the app's sync (sync-engine.ts), so both give one verdict on the same files. A structural fault
 * rejects the whole version; record-level faults (a bad record, a bad availability item) are the
 * validator's to report and the app's to skip.
 * Pure and runtime-agnostic: bytes in, problems out.
 */
import * as v from 'valibot';
import { availabilityFileSchema, chunkFileSchema, manifestSchema, type FeedManifest } from './feed-schema.ts';
import { isTownCode } from '../geo/towns.ts';
import { issuesOf } from './feed-issues.ts';
import { validateHolidaysFile } from './holidays-file.ts';
import { ENROLMENT_FILE_PATTERN, OFFICES_FILE, type OwnedFileKind } from './owned-file-names.ts';
import {
  enrolmentRulesFileSchema,
  isPublishedProgrammes,
  officesFileSchema,
  publishedProgrammesFileSchema,
} from './published-files-schema.ts';

/** Nesting deeper than this is refused (an IndexedDB write of a 3,000-deep object fails; real feeds are < 12). */
export const MAX_JSON_DEPTH = 64;

/** Largest feed file read (a town chunk of the 100k-service feed is ~3 MB): anything bigger is refused, not parsed. */
export const MAX_FEED_FILE_BYTES = 64 * 1024 * 1024;

export const TOWNS_FILE = 'towns.geojson';
export const PROGRAMMES_FILE = 'programmes.json';
export const AVAILABILITY_FILE = 'availability.json';
/** The statutory holiday / 调休 table (issue 12); checked like data:validate checks it. */
export const HOLIDAYS_FILE = 'holidays.json';

/** A structural problem; `path` is a JSON path inside `file`. */
export interface StructureProblem {
  file: string;
  path: string;
  reason: string;
}

export type DecodedJson = { ok: true; value: unknown } | { ok: false; reason: string };

/** Depth of nested arrays/objects, counted without recursion (a hostile file cannot overflow the stack). */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Size bound, strict UTF-8 (a byte-order mark is allowed and dropped), then JSON, then the depth bound
 * (`maxDepth` Infinity for service chunks, whose records are rebuilt field by field by the schema).
 */
export function decodeFeedJson(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): DecodedJson {
  if (bytes.length > MAX_FEED_FILE_BYTES) return { ok: false, reason: `file is larger than ${MAX_FEED_FILE_BYTES / 1024 / 1024} MB` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const reason = text.trim() === '' ? 'empty file' : `invalid or truncated JSON (${e instanceof Error ? e.message : String(e)})`;
    return { ok: false, reason };
  }
  if (Number.isFinite(maxDepth) && jsonDepthExceeds(value, maxDepth)) return { ok: false, reason: `nested deeper than ${maxDepth} levels` };
  return { ok: true, value };
}

/**
 * Manifest: the schema, then what the schema cannot say: each chunk path once, one chunk per town,
 * only official town codes.
 */
export function checkManifest(raw: unknown): { manifest: FeedManifest | null; problems: StructureProblem[] } {
  const parsed = v.safeParse(manifestSchema, raw);
  if (!parsed.success) return { manifest: null, problems: issuesOf('$', parsed.issues).map((i) => ({ file: 'manifest.json', ...i })) };
  const manifest = parsed.output;
  const problems: StructureProblem[] = [];
  const report = (path: string, reason: string) => problems.push({ file: 'manifest.json', path, reason });
  const paths = new Set<string>();
  const towns = new Set<string>();
  for (const [ci, entry] of manifest.chunks.entries()) {
    const at = `$.chunks[${ci}]`;
    if (paths.has(entry.path)) report(`${at}.path`, `chunk ${entry.path} listed twice`);
    paths.add(entry.path);
    for (const key of ['gzipPath', 'packedPath'] as const) {
      const copy = entry[key];
      if (copy === undefined) continue;
      if (paths.has(copy)) report(`${at}.${key}`, `chunk file ${copy} listed twice`);
      paths.add(copy);
    }
    if ((entry.packedPath === undefined) !== (entry.packedSha256 === undefined)) report(`${at}.packedPath`, 'packedPath and packedSha256 come together');
    if (towns.has(entry.town)) report(`${at}.town`, `town ${entry.town} has more than one chunk`);
    towns.add(entry.town);
    if (!isTownCode(entry.town)) report(`${at}.town`, `unknown town code ${entry.town}`);
  }
  return { manifest, problems };
}

export type ChunkEntry = FeedManifest['chunks'][number];

/** A decoded service chunk against its manifest entry: shape, town and record count. */
export function checkChunk(
  entry: ChunkEntry,
  at: string,
  raw: unknown,
): { services: unknown[] | null; town: string | null; problems: StructureProblem[] } {
  const parsed = v.safeParse(chunkFileSchema, raw);
  if (!parsed.success) return { services: null, town: null, problems: issuesOf('$', parsed.issues).map((i) => ({ file: entry.path, ...i })) };
  const chunk = parsed.output;
  const problems: StructureProblem[] = [];
  if (chunk.town !== entry.town) problems.push({ file: entry.path, path: '$.town', reason: `chunk town ${chunk.town} does not match manifest town ${entry.town}` });
  if (chunk.services.length !== entry.count) {
    problems.push({ file: entry.path, path: '$.services', reason: `has ${chunk.services.length} records, manifest ${at}.count says ${entry.count}` });
  }
  return { services: chunk.services, town: chunk.town, problems };
}

/** programmes.json: an array of programmes, or `{ "programmes": [...] }`; each programme is checked where it is used. */
export function programmeList(raw: unknown): unknown[] | null {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'object' && raw !== null && Array.isArray((raw as { programmes?: unknown }).programmes)) return (raw as { programmes: unknown[] }).programmes;
  return null;
}

/** Whole-file checks of the other files the feed knows (their items are record-level). */
export function checkKnownFile(file: string, raw: unknown): StructureProblem[] {
  if (file === TOWNS_FILE) {
    const fc = raw as { type?: unknown; features?: unknown } | null;
    const ok = typeof fc === 'object' && fc !== null && !Array.isArray(fc) && fc.type === 'FeatureCollection' && Array.isArray(fc.features);
    return ok ? [] : [{ file, path: '$', reason: 'not a GeoJSON FeatureCollection' }];
  }
  if (file === PROGRAMMES_FILE) {
    if (isPublishedProgrammes(raw)) return schemaProblems(file, publishedProgrammesFileSchema, raw);
    return programmeList(raw) ? [] : [{ file, path: '$', reason: 'expected an array of programmes' }];
  }
  if (file === OFFICES_FILE) {
    const problems = schemaProblems(file, officesFileSchema, raw);
    if (problems.length) return problems;
    const towns = Object.keys((raw as { offices: object }).offices);
    return towns.filter((t) => !isTownCode(t)).map((t) => ({ file, path: `$.offices[${JSON.stringify(t)}]`, reason: `unknown town code ${t}` }));
  }
  const enrolmentYear = ENROLMENT_FILE_PATTERN.exec(file)?.[1];
  if (enrolmentYear !== undefined) {
    const problems = schemaProblems(file, enrolmentRulesFileSchema, raw);
    if (problems.length) return problems;
    const year = (raw as { schoolYear: number }).schoolYear;
    return String(year) === enrolmentYear ? [] : [{ file, path: '$.schoolYear', reason: `schoolYear ${year} does not match the file name` }];
  }
  if (file === AVAILABILITY_FILE) {
    const parsed = v.safeParse(availabilityFileSchema, raw);
    return parsed.success ? [] : issuesOf('$', parsed.issues).map((i) => ({ file, ...i }));
  }
  if (file === HOLIDAYS_FILE) {
    const checked = validateHolidaysFile(raw);
    return checked.ok ? [] : checked.problems.map((p) => ({ file, ...p }));
  }
  return [];
}

/** Files with a fixed name that the validator checks even when the manifest does not list them. */
export const KNOWN_FILES = [TOWNS_FILE, PROGRAMMES_FILE, AVAILABILITY_FILE, HOLIDAYS_FILE, OFFICES_FILE] as const;

/** Every file whose shape the validator knows: the fixed names and the enrolment rules of each year. */
export const isKnownFile = (file: string): boolean => (KNOWN_FILES as readonly string[]).includes(file) || ENROLMENT_FILE_PATTERN.test(file);

/** The owned files (issue 22) the app stores whole and prefers to its embedded copies when newer. */
export function ownedFileKind(file: string, raw: unknown): OwnedFileKind | null {
  if (file === OFFICES_FILE) return 'offices';
  if (ENROLMENT_FILE_PATTERN.test(file)) return 'enrolment';
  if (file === PROGRAMMES_FILE && isPublishedProgrammes(raw)) return 'programmes';
  return null;
}

function schemaProblems(file: string, schema: v.GenericSchema, raw: unknown): StructureProblem[] {
  const parsed = v.safeParse(schema, raw);
  return parsed.success ? [] : issuesOf('$', parsed.issues).slice(0, 20).map((i) => ({ file, ...i }));
}
