/**
 * The feed sync itself, independent of where it runs (the sync worker in the app, the main thread
 * in unit tests). Flow: manifest (ETag / version) → download only chunks whose sha256 changed →
 * verify checksums → validate records (skip and count bad ones) → ONE read-write transaction that
 * swaps in the new version. Anything structural failing before or during that transaction leaves
 * the previous version untouched and fully usable.
 */
import * as v from 'valibot';
import {
  chunkFileSchema,
  manifestSchema,
  type Category,
  type FeedManifest,
  type ServiceRecord,
} from './feed-schema.ts';
import { validateHolidaysFile, type HolidaysFile } from './validate-feed.ts';
import {
  META_ID,
  TOWNS_ID,
  type ChunkSummary,
  type DgNearbyDb,
  type FeedMetaRow,
  type ProgrammeRow,
  type ServiceChunkRow,
  type SyncErrorCode,
  type SyncErrorInfo,
} from './db.ts';
import { sha256Hex } from './sha256.ts';

export type SyncPhase = 'manifest' | 'chunks' | 'files' | 'write' | 'done';

export interface SyncProgress {
  phase: SyncPhase;
  done: number;
  total: number;
}

export type SyncResult =
  | {
      status: 'updated';
      version: string;
      previousVersion: string | null;
      /** Chunks downloaded (new or changed). */
      fetchedChunks: number;
      unchangedChunks: number;
      removedChunks: number;
      totalRecords: number;
      skipped: number;
      skipSamples: string[];
      durationMs: number;
      /** Where the time went (ms): download + sha256 + JSON parse + record validation; duplicate-id pass and other files; the write transaction. */
      timings?: { fetchMs: number; validateMs: number; writeMs: number };
    }
  | { status: 'unchanged'; version: string; durationMs: number }
  | { status: 'failed'; error: SyncErrorInfo; previousVersion: string | null; durationMs: number };

/** Same contract as validate-feed.ts's validateServiceRecord. */
export type RecordValidator = (raw: unknown) => { ok: true; record: ServiceRecord } | { ok: false; issues: unknown };

export interface SyncOptions {
  /** Absolute URL of the feed folder, ending in "/". */
  feedUrl: string;
  db: DgNearbyDb;
  validateRecord: RecordValidator;
  /** Ignore the stored ETag and version (a "sync now" that re-checks every chunk). */
  force?: boolean;
  fetch?: typeof fetch;
  onProgress?: (p: SyncProgress) => void;
  now?: () => Date;
}

const SAMPLES_PER_CHUNK = 5;
const FETCH_CONCURRENCY = 6;
const SAMPLES_IN_META = 10;
const TOWNS_FILE = 'towns.geojson';
const PROGRAMMES_FILE = 'programmes.json';
const HOLIDAYS_FILE = 'holidays.json';
/** settings row holding the feed's holiday table (holidays.json), validated like data:validate does. */
export const FEED_HOLIDAYS_KEY = 'feed.holidays';

/** A structural failure: aborts the whole sync. */
class SyncAbort extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

export async function runSync(opts: SyncOptions): Promise<SyncResult> {
  const started = performance.now();
  const now = opts.now ?? (() => new Date());
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const progress = (phase: SyncPhase, done: number, total: number) => opts.onProgress?.({ phase, done, total });
  const { db } = opts;
  let prev: FeedMetaRow | undefined;
  try {
    prev = await db.feedMeta.get(META_ID);
    const sameFeed = prev?.feedUrl === opts.feedUrl && prev.version !== undefined;

    // 1. Manifest
    progress('manifest', 0, 1);
    const headers: Record<string, string> = {};
    if (!opts.force && sameFeed && prev?.etag) headers['If-None-Match'] = prev.etag;
    const manifestRes = await get(doFetch, opts.feedUrl, 'manifest.json', headers);
    if (manifestRes.status === 304 && sameFeed && prev?.version) {
      await markChecked(db, now(), prev.etag ?? null);
      progress('done', 1, 1);
      return { status: 'unchanged', version: prev.version, durationMs: performance.now() - started };
    }
    const manifest = parseManifest(await readText(manifestRes, 'manifest.json'));
    const etag = manifestRes.headers.get('ETag');
    progress('manifest', 1, 1);
    if (!opts.force && sameFeed && prev?.version === manifest.version) {
      await markChecked(db, now(), etag);
      progress('done', 1, 1);
      return { status: 'unchanged', version: manifest.version, durationMs: performance.now() - started };
    }

    // 2. Chunks: only those whose sha256 differs from what the store holds
    const prevChunks = prev?.chunks ?? {};
    const toFetch = manifest.chunks.filter((c) => prevChunks[c.path]?.sha256 !== c.sha256 || opts.force);
    const summaries: Record<string, ChunkSummary> = {};
    const newRows: ServiceChunkRow[] = [];
    const seenIds = new Set<string>();
    progress('chunks', 0, toFetch.length);
    // Downloads overlap (latency-bound); each chunk is validated as soon as it arrives.
    let fetched = 0;
    const validatedChunks = await mapPool(toFetch, FETCH_CONCURRENCY, async (entry) => {
      const bytes = await getVerified(doFetch, opts.feedUrl, entry.path, entry.sha256);
      const chunk = v.safeParse(chunkFileSchema, parseJson(bytes, entry.path));
      if (!chunk.success) throw new SyncAbort('chunk', `not a service chunk: ${firstIssue(chunk.issues)}`, entry.path);
      if (chunk.output.town !== entry.town) {
        throw new SyncAbort('chunk', `chunk is for town ${chunk.output.town}, manifest says ${entry.town}`, entry.path);
      }
      if (chunk.output.services.length !== entry.count) {
        throw new SyncAbort('chunk', `chunk holds ${chunk.output.services.length} records, manifest says ${entry.count}`, entry.path);
      }
      // Validate while the other lanes download, and drop the raw objects at once (peak memory and GC
      // were a large share of the 100k import).
      const checked = validateChunk(chunk.output.services, entry, opts.validateRecord);
      progress('chunks', ++fetched, toFetch.length);
      return checked;
    });
    const tFetched = performance.now();
    // Duplicate ids across chunks are resolved here, in manifest order, so the outcome is deterministic.
    for (const [i, entry] of toFetch.entries()) {
      const { records, summary } = dropDuplicates(validatedChunks[i]!, entry, seenIds);
      newRows.push({ path: entry.path, town: entry.town, sha256: entry.sha256, version: manifest.version, records });
      summaries[entry.path] = summary;
    }
    for (const entry of manifest.chunks) {
      const kept = prevChunks[entry.path];
      if (!summaries[entry.path] && kept) summaries[entry.path] = kept;
    }

    const tValidated = performance.now();

    // 3. Other files
    const files = manifest.files ?? {};
    const prevFiles = prev?.files ?? {};
    const changed = (name: string) => files[name] !== undefined && (opts.force || prevFiles[name] !== files[name]);
    const fileJobs = [TOWNS_FILE, PROGRAMMES_FILE, HOLIDAYS_FILE].filter(changed);
    progress('files', 0, fileJobs.length);
    let towns: unknown;
    let programmes: ProgrammeRow[] | undefined;
    let holidays: HolidaysFile | undefined;
    for (const [i, name] of fileJobs.entries()) {
      const json = parseJson(await getVerified(doFetch, opts.feedUrl, name, files[name]!), name);
      if (name === TOWNS_FILE) {
        if (!isFeatureCollection(json)) throw new SyncAbort('parse', 'not a GeoJSON FeatureCollection', name);
        towns = json;
      } else if (name === HOLIDAYS_FILE) {
        // Same check as data:validate: a bad holiday table rejects the version (the last good one stays).
        const checked = validateHolidaysFile(json);
        if (!checked.ok) throw new SyncAbort('parse', `holiday table: ${checked.problems[0]!.path}: ${checked.problems[0]!.reason}`, name);
        holidays = checked.table;
      } else {
        programmes = toProgrammeRows(json);
      }
      progress('files', i + 1, fileJobs.length);
    }
    const dropProgrammes = files[PROGRAMMES_FILE] === undefined && prevFiles[PROGRAMMES_FILE] !== undefined;
    const dropHolidays = files[HOLIDAYS_FILE] === undefined && prevFiles[HOLIDAYS_FILE] !== undefined;

    // 4. Atomic swap. Meta goes last so a reader never sees a version whose chunks are missing.
    progress('write', 0, 1);
    const tWrite = performance.now();
    const listed = new Set(manifest.chunks.map((c) => c.path));
    let removed = 0;
    const meta = buildMeta(manifest, opts.feedUrl, etag, summaries, files, now());
    await db.transaction('rw', [db.serviceChunks, db.feedMeta, db.towns, db.programmes, db.settings], async () => {
      if (newRows.length) await db.serviceChunks.bulkPut(newRows);
      const stale = (await db.serviceChunks.toCollection().primaryKeys()).filter((p) => !listed.has(p));
      removed = stale.length;
      if (stale.length) await db.serviceChunks.bulkDelete(stale);
      if (towns !== undefined) await db.towns.put({ id: TOWNS_ID, sha256: files[TOWNS_FILE] ?? null, geojson: towns });
      if (programmes || dropProgrammes) {
        await db.programmes.clear();
        if (programmes?.length) await db.programmes.bulkPut(programmes);
      }
      if (holidays) await db.settings.put({ key: FEED_HOLIDAYS_KEY, value: holidays });
      else if (dropHolidays) await db.settings.delete(FEED_HOLIDAYS_KEY);
      await db.feedMeta.put(meta);
    });
    progress('write', 1, 1);
    const tDone = performance.now();
    progress('done', 1, 1);
    return {
      status: 'updated',
      version: manifest.version,
      previousVersion: prev?.version ?? null,
      fetchedChunks: newRows.length,
      unchangedChunks: manifest.chunks.length - newRows.length,
      removedChunks: removed,
      totalRecords: meta.totalRecords ?? 0,
      skipped: meta.skipped ?? 0,
      skipSamples: meta.skipSamples ?? [],
      durationMs: performance.now() - started,
      timings: { fetchMs: tFetched - started, validateMs: tValidated - tFetched, writeMs: tDone - tWrite },
    };
  } catch (err) {
    const error = toErrorInfo(err);
    await recordError(db, prev, error, now());
    return { status: 'failed', error, previousVersion: prev?.version ?? null, durationMs: performance.now() - started };
  }
}

interface CheckedChunk {
  /** Valid records of the right town, in chunk order. */
  records: ServiceRecord[];
  /** Index of each kept record in the chunk file (orders skip reasons). */
  indices: number[];
  /** How many were skipped; reasons only for the first SAMPLES_PER_CHUNK (a bad feed may fail thousands). */
  skipped: number;
  skips: { index: number; id: string; reason: string }[];
}

/** Every record through the shared validator; invalid ones and ones in the wrong town chunk are skipped. */
function validateChunk(raws: unknown[], entry: { town: string }, validate: RecordValidator): CheckedChunk {
  const out: CheckedChunk = { records: [], indices: [], skipped: 0, skips: [] };
  const skip = (index: number, id: string, reason: () => string) => {
    out.skipped++;
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
    out.records.push(rec);
    out.indices.push(i);
  }
  return out;
}

/** Second pass, in manifest order: the first record with an id wins; builds the chunk summary. */
function dropDuplicates(
  checked: CheckedChunk,
  entry: { path: string; town: string; sha256: string },
  seenIds: Set<string>,
): { records: ServiceRecord[]; summary: ChunkSummary } {
  const records: ServiceRecord[] = [];
  const skips = [...checked.skips];
  let skipped = checked.skipped;
  const byCategory: Partial<Record<Category, number>> = {};
  for (let k = 0; k < checked.records.length; k++) {
    const rec = checked.records[k]!;
    if (seenIds.has(rec.id)) {
      skipped++;
      if (skips.length < checked.skips.length + SAMPLES_PER_CHUNK) skips.push({ index: checked.indices[k]!, id: rec.id, reason: 'duplicate id' });
      continue;
    }
    seenIds.add(rec.id);
    records.push(rec);
    byCategory[rec.category] = (byCategory[rec.category] ?? 0) + 1;
  }
  // reasons in file order, as a single pass would have reported them (the first few of each kind suffice)
  skips.sort((a, b) => a.index - b.index);
  const skipSamples = skips.slice(0, SAMPLES_PER_CHUNK).map((x) => `${entry.path}: ${x.id}: ${x.reason}`);
  return {
    records,
    summary: { path: entry.path, town: entry.town, sha256: entry.sha256, count: records.length, skipped, skipSamples, byCategory },
  };
}

function buildMeta(
  manifest: FeedManifest,
  feedUrl: string,
  etag: string | null,
  chunks: Record<string, ChunkSummary>,
  files: Record<string, string>,
  at: Date,
): FeedMetaRow {
  let totalRecords = 0;
  let skipped = 0;
  const skipSamples: string[] = [];
  for (const s of Object.values(chunks)) {
    totalRecords += s.count;
    skipped += s.skipped;
    for (const sample of s.skipSamples) if (skipSamples.length < SAMPLES_IN_META) skipSamples.push(sample);
  }
  const iso = at.toISOString();
  return {
    id: META_ID,
    manifest,
    version: manifest.version,
    feedUrl,
    etag,
    lastSync: iso,
    lastUpdated: iso,
    chunks,
    files: { ...files },
    totalRecords,
    skipped,
    skipSamples,
  };
}

/* ---------- fetching ---------- */

async function get(
  doFetch: typeof fetch,
  feedUrl: string,
  file: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  let res: Response;
  try {
    // no-cache: revalidate with the server; a stale HTTP-cached chunk would fail its checksum
    res = await doFetch(new URL(file, feedUrl).href, { cache: 'no-cache', headers });
  } catch (err) {
    throw new SyncAbort('network', `network error: ${errMessage(err)}`, file);
  }
  if (res.status === 304) return res;
  if (!res.ok) throw new SyncAbort('http', `HTTP ${res.status}`, file);
  return res;
}

async function readText(res: Response, file: string): Promise<string> {
  try {
    return await res.text();
  } catch (err) {
    throw new SyncAbort('network', `download interrupted: ${errMessage(err)}`, file);
  }
}

async function getVerified(doFetch: typeof fetch, feedUrl: string, file: string, sha256: string): Promise<Uint8Array> {
  const res = await get(doFetch, feedUrl, file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new SyncAbort('network', `download interrupted: ${errMessage(err)}`, file);
  }
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) throw new SyncAbort('checksum', `sha256 mismatch (expected ${sha256.slice(0, 12)}…, got ${actual.slice(0, 12)}…)`, file);
  return bytes;
}

function parseJson(bytes: Uint8Array | string, file: string): unknown {
  try {
    const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return JSON.parse(text);
  } catch (err) {
    throw new SyncAbort('parse', `unreadable JSON: ${errMessage(err)}`, file);
  }
}

function parseManifest(text: string): FeedManifest {
  const parsed = v.safeParse(manifestSchema, parseJson(text, 'manifest.json'));
  if (!parsed.success) throw new SyncAbort('manifest', `invalid manifest: ${firstIssue(parsed.issues)}`, 'manifest.json');
  const paths = new Set<string>();
  for (const c of parsed.output.chunks) {
    if (paths.has(c.path)) throw new SyncAbort('manifest', `chunk ${c.path} listed twice`, 'manifest.json');
    paths.add(c.path);
  }
  return parsed.output;
}

/* ---------- small helpers ---------- */

/** Maps with at most `limit` calls in flight, results in input order; the first rejection wins. */
async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function isFeatureCollection(json: unknown): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    (json as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((json as { features?: unknown }).features)
  );
}

/** programmes.json is opaque to the data layer: an array (or {programmes: [...]}) of objects with a string id. */
function toProgrammeRows(json: unknown): ProgrammeRow[] {
  const list = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null && Array.isArray((json as { programmes?: unknown }).programmes)
      ? (json as { programmes: unknown[] }).programmes
      : undefined;
  if (!list) throw new SyncAbort('parse', 'expected an array of programmes', PROGRAMMES_FILE);
  const rows: ProgrammeRow[] = [];
  for (const item of list) {
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    if (typeof id === 'string' && id !== '') rows.push({ id, data: item });
  }
  return rows;
}

function rawId(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length <= 100 ? id : `#${index}`;
}

/** Turns whatever the validator reports into one short line. */
export function describeIssues(issues: unknown): string {
  const list = Array.isArray(issues) ? issues : [issues];
  const parts = list.slice(0, 2).map((issue) => {
    if (typeof issue === 'string') return issue;
    if (typeof issue === 'object' && issue !== null) {
      const o = issue as { message?: unknown; path?: unknown; reason?: unknown };
      const msg = typeof o.message === 'string' ? o.message : typeof o.reason === 'string' ? o.reason : 'invalid';
      const path = formatPath(o.path);
      return path ? `${path}: ${msg}` : msg;
    }
    return 'invalid record';
  });
  const more = list.length > 2 ? ` (+${list.length - 2} more)` : '';
  return (parts.join('; ') || 'invalid record') + more;
}

function formatPath(path: unknown): string {
  if (typeof path === 'string') return path;
  if (!Array.isArray(path)) return '';
  return path
    .map((p: unknown) => (typeof p === 'object' && p !== null && 'key' in p ? String((p as { key: unknown }).key) : String(p)))
    .join('.');
}

function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = issue.path?.map((p) => String(p.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isQuotaError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

function toErrorInfo(err: unknown): SyncErrorInfo {
  if (err instanceof SyncAbort) return err.file ? { code: err.code, message: err.message, file: err.file } : { code: err.code, message: err.message };
  if (isQuotaError(err)) return { code: 'quota', message: 'storage quota exceeded' };
  return { code: 'unknown', message: errMessage(err) };
}

async function markChecked(db: DgNearbyDb, at: Date, etag: string | null): Promise<void> {
  await db.feedMeta.update(META_ID, { lastSync: at.toISOString(), etag, lastError: undefined });
}

async function recordError(db: DgNearbyDb, prev: FeedMetaRow | undefined, error: SyncErrorInfo, at: Date): Promise<void> {
  try {
    // only the error note changes; the stored version stays exactly as it was
    if (prev) await db.feedMeta.update(META_ID, { lastError: { ...error, at: at.toISOString() } });
    else await db.feedMeta.put({ id: META_ID, lastError: { ...error, at: at.toISOString() } });
  } catch {
    // the disk may be full; the sync result still carries the error
  }
}
