/**
 * The work on one downloaded, sha256-verified town chunk (issue 26): strict UTF-8 and JSON, the chunk's
 * shape against its manifest entry, every record through the record check, the kept records' ids and
 * the chunk's compact start-up row. Pure and thread-agnostic, so the sync can run it on its own thread
 * and in a second worker at once (chunk-check.worker.ts): on a two-core phone the chunks are parsed
 * and checked in half the time.
 *
 * When every record is kept exactly as the file holds it (valid, of the chunk's town, no key the schema
 * drops), the verified file is the chunk's records: the sync stores the file (its gzip copy when it downloaded
 * that) instead of 100k record objects, which IndexedDB would clone one by one.
 */
import type { Category } from './categories.ts';
import type { ServiceRecord } from './feed-schema.ts';
import { checkChunk, decodeFeedJson, type ChunkEntry, type StructureProblem } from './feed-structure.ts';
import { buildStartupChunk, type StartupChunkRow } from './startup-form.ts';
import { safeString } from './feed-issues.ts';
import { sha256Hex } from './sha256.ts';
import { inflateGzip } from './gzip-chunk.ts';
import { unpackChunk } from './packed-chunk.ts';

/**
 * Same contract as validate-feed.ts's validateServiceRecord; `exact` says the record holds no key the schema
 * drops (the output equals the input but for key order).
 */
export type RecordValidator = (raw: unknown) => { ok: true; record: ServiceRecord; exact?: boolean } | { ok: false; issues: unknown };

/** Skip reasons kept per chunk (a bad feed may fail thousands). */
export const SAMPLES_PER_CHUNK = 5;

export interface ChunkSkip {
  index: number;
  id: string;
  reason: string;
}

export interface CheckedChunk {
  ok: true;
  /** Ids of the kept records, in chunk order (the duplicate-id pass runs on these). */
  ids: string[];
  /** The kept records' categories, in chunk order. */
  categories: Category[];
  /** Every record kept, each exactly as in the file: the verified bytes can be stored as the records. */
  exact: boolean;
  /** The kept records, in chunk order; null when the caller did not ask for them and `exact` holds. */
  records: ServiceRecord[] | null;
  /** Index of each kept record in the chunk file (orders skip reasons). */
  indices: number[];
  skipped: number;
  /** Reasons for the first SAMPLES_PER_CHUNK skips. */
  skips: ChunkSkip[];
  /** The start-up form of the kept records (before the duplicate-id pass). */
  startup: StartupChunkRow;
}

/** A structural fault: the whole version is refused. Returned, not thrown, so it crosses a worker boundary whole. */
export interface ChunkFault {
  ok: false;
  code: 'parse' | 'chunk' | 'checksum';
  message: string;
  file: string;
}

/**
 * The verified file in the form the store keeps: the downloaded gzip copy when there was one (it inflates to the
 * JSON the sha256 names; for 100k services 3 MB to write and read where the JSON is 61 MB), else the JSON bytes.
 */
export type VerifiedFile = ({ gzipBytes: Uint8Array; fileBytes?: undefined } | { fileBytes: Uint8Array; gzipBytes?: undefined }) & {
  /** The file is the chunk's packed copy (packed-chunk.ts): its records name shared table entries. */
  packed?: true;
};

/** A checked chunk with its verified file. */
export type OpenedChunk = CheckedChunk & { file: VerifiedFile; spent: ChunkWork };

/** Where one chunk's time went (ms, on the thread that opened it): the sync sums these into its timings. */
export interface ChunkWork {
  inflateMs: number;
  sha256Ms: number;
  /** UTF-8, JSON.parse, the record check and the start-up row. */
  checkMs: number;
}

/**
 * A downloaded chunk file from start to end: inflate it when it is a gzip copy (`entry.packedPath`, else
 * `entry.gzipPath`), verify the JSON bytes against the sha256 the manifest gives for that file, then checkChunkBytes.
 * The whole of one chunk's work, so the sync can hand a chunk to its second worker as the few bytes that came over
 * the network. `entry` names the file that was downloaded: the sync leaves out the copies it did not fetch.
 */
export async function openChunk(
  entry: ChunkEntry,
  at: string,
  downloaded: Uint8Array,
  validate: RecordValidator,
  options: { keepExactRecords?: boolean } = {},
): Promise<OpenedChunk | ChunkFault> {
  const packed = entry.packedPath !== undefined;
  const copy = packed ? entry.packedPath : entry.gzipPath;
  const file = copy ?? entry.path;
  const expected = packed ? entry.packedSha256! : entry.sha256;
  let bytes = downloaded;
  // A host that sends the .gz file with `Content-Encoding: gzip` has the browser inflate it: those bytes are the JSON
  // already, and the sha256 below decides whether they are the file's.
  const gzipped = copy !== undefined && looksGzipped(downloaded);
  const t0 = performance.now();
  if (gzipped) {
    const inflated = await inflateGzip(downloaded);
    if (!inflated.ok) return { ok: false, code: 'parse', message: inflated.reason, file };
    bytes = inflated.bytes;
  }
  const t1 = performance.now();
  const actual = await sha256Hex(bytes);
  const t2 = performance.now();
  if (actual !== expected) {
    const what = copy === undefined ? 'sha256 mismatch' : gzipped ? 'sha256 of the inflated JSON mismatch' : 'not gzip data, nor the JSON the sha256 names';
    return { ok: false, code: 'checksum', message: `${what} (expected ${expected.slice(0, 12)}…, got ${actual.slice(0, 12)}…)`, file };
  }
  const checked = checkChunkBytes(entry, at, bytes, validate, { ...options, packed });
  if (!checked.ok) return checked.file === entry.path ? { ...checked, file } : checked;
  const verified: VerifiedFile = gzipped ? { gzipBytes: downloaded } : { fileBytes: bytes };
  if (packed) verified.packed = true;
  return Object.assign(checked, { file: verified, spent: { inflateMs: t1 - t0, sha256Ms: t2 - t1, checkMs: performance.now() - t2 } });
}

export function checkChunkBytes(
  entry: ChunkEntry,
  at: string,
  bytes: Uint8Array,
  validate: RecordValidator,
  { keepExactRecords = true, packed = false }: { keepExactRecords?: boolean; packed?: boolean } = {},
): CheckedChunk | ChunkFault {
  const decoded = decodeFeedJson(bytes, Infinity);
  if (!decoded.ok) return { ok: false, code: 'parse', message: `unreadable JSON: ${decoded.reason}`, file: entry.path };
  const chunk = checkChunk(entry, at, packed ? unpackChunk(decoded.value) : decoded.value);
  if (!chunk.services || chunk.problems.length) return faultOf(chunk.problems);
  const raws = chunk.services;
  const out: CheckedChunk = {
    ok: true,
    ids: [],
    categories: [],
    exact: true,
    records: [],
    indices: [],
    skipped: 0,
    skips: [],
    startup: undefined as unknown as StartupChunkRow,
  };
  const records = out.records!;
  const skip = (index: number, id: string, reason: () => string) => {
    out.skipped++;
    out.exact = false;
    if (out.skips.length < SAMPLES_PER_CHUNK) out.skips.push({ index, id, reason: reason() });
  };
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    const result = validate(raw);
    if (!result.ok) {
      skip(i, rawId(raw, i), () => describeIssues(result.issues));
      continue;
    }
    const rec = result.record;
    if (rec.town !== entry.town) {
      skip(i, rec.id, () => `town ${rec.town} does not match chunk town ${entry.town}`);
      continue;
    }
    if (result.exact !== true) out.exact = false;
    records.push(rec);
    out.ids.push(rec.id);
    out.categories.push(rec.category);
    out.indices.push(i);
  }
  out.startup = buildStartupChunk({ path: entry.path, town: entry.town, sha256: entry.sha256, records });
  if (out.exact && !keepExactRecords) out.records = null;
  return out;
}

/** gzip's magic bytes (RFC 1952). */
const looksGzipped = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The first structural problem, as the validator words it. */
function faultOf(problems: StructureProblem[]): ChunkFault {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
  return { ok: false, code: 'chunk', message: `${first.path}: ${first.reason}${more}`, file: first.file };
}

function rawId(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length <= 100 ? id : `#${index}`;
}

/**
 * Turns whatever the validator reports into one short line. Never throws: a validator may hand back
 * anything, including path items whose string conversion throws (a getter, a revoked proxy, a symbol).
 */
export function describeIssues(issues: unknown): string {
  try {
    const list = Array.isArray(issues) ? issues : [issues];
    const parts = list.slice(0, 2).map(describeIssue);
    const more = list.length > 2 ? ` (+${list.length - 2} more)` : '';
    return oneLine((parts.join('; ') || 'invalid record') + more);
  } catch {
    return 'invalid record';
  }
}

function describeIssue(issue: unknown): string {
  try {
    if (typeof issue === 'string') return issue;
    if (typeof issue === 'object' && issue !== null) {
      const o = issue as { message?: unknown; path?: unknown; reason?: unknown };
      const msg = typeof o.message === 'string' ? o.message : typeof o.reason === 'string' ? o.reason : 'invalid';
      const path = formatPath(o.path);
      return path ? `${path}: ${msg}` : msg;
    }
  } catch {
    // fall through: an issue we cannot read is still an invalid record
  }
  return 'invalid record';
}

function formatPath(path: unknown): string {
  if (typeof path === 'string') return path;
  if (!Array.isArray(path)) return '';
  return path
    .slice(0, 20)
    .map((p: unknown) => (typeof p === 'object' && p !== null && 'key' in p ? safeString((p as { key: unknown }).key) : safeString(p)))
    .join('.');
}

/** Skip reasons are shown on one line in Data status: no line breaks, bounded length. */
function oneLine(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
