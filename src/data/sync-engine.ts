/**
 * The feed sync itself, independent of where it runs (the sync worker in the app, the main thread
 * in unit tests). Flow: manifest (ETag / version) → download only chunks whose sha256 changed →
 * verify checksums → validate records (skip and count bad ones) → ONE read-write transaction that
 * swaps in the new version. Anything structural failing before or during that transaction leaves
 * the previous version untouched and fully usable.
 */
import { type FeedManifest, type ServiceRecord } from './feed-schema.ts';
import { type Category } from './categories.ts';
import {
  HOLIDAYS_FILE,
  PROGRAMMES_FILE,
  TOWNS_FILE,
  checkKnownFile,
  checkManifest,
  decodeFeedJson,
  isKnownFile,
  ownedFileKind,
  programmeList,
  type ChunkEntry,
  type StructureProblem,
} from './feed-structure.ts';
import { type ChunkSummary, type DgNearbyDb, type FeedMetaRow, type OwnedFileRow, type ProgrammeRow, type StoredChunkRow, type SyncErrorCode, type SyncErrorInfo } from './db.ts';
import { META_ID, TOWNS_ID, FEED_HOLIDAYS_KEY, recordsOf, verifiedJson, withoutFile } from './stored-read.ts';
import { sha256Hex } from './sha256.ts';
import { TRUST_FLOOR_KEY, checkManifestTrust, type FeedTrustPolicy, type TrustCheck } from './feed-trust.ts';
import { MANIFEST_SIGNATURE_FILE } from './feed-signature.ts';
import { buildStartupChunk, type StartupChunkRow } from './startup-form.ts';
import { SAMPLES_PER_CHUNK, checkChunkBytes, openChunk, type CheckedChunk, type ChunkFault, type ChunkWork, type OpenedChunk, type RecordValidator, type VerifiedFile } from './chunk-check.ts';

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
      /**
       * Where the time went (ms). manifestMs: from the start to the first chunk asked for (the manifest, its checks,
       * the stored version); the progress reports cannot tell (they are throttled). fetchMs: that, then download,
       * inflate, sha256, JSON parse, record check and start-up
       * rows (each chunk is opened as soon as it arrives, on this thread or a helper's); duplicatesMs: the
       * duplicate-id pass over every chunk of the version; filesMs: waiting on the other listed files after
       * that; writeMs: the write transaction. Counts: chunks the helpers opened, chunks stored as their bytes.
       * `chunkWork`: the chunks' work summed over all threads (it overlaps with the downloads and between threads);
       * downloadMs is the sum of each chunk's wait from request to last byte.
       */
      timings?: {
        manifestMs: number;
        fetchMs: number;
        duplicatesMs: number;
        filesMs: number;
        writeMs: number;
        helperChunks: number;
        byteChunks: number;
        chunkWork?: ChunkWork & { downloadMs: number; downloadedBytes: number };
      };
    }
  | { status: 'unchanged'; version: string; durationMs: number }
  | { status: 'failed'; error: SyncErrorInfo; previousVersion: string | null; durationMs: number };

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
  /** Signed feeds (feed-trust.ts): checked before anything is stored. Absent: no signature check (tests, bench). */
  trust?: FeedTrustPolicy;
  /**
   * Starts a thread that opens chunks (chunk-check.worker.ts) with the same record check as `validateRecord`;
   * called `helperCount` times with the chunks to fetch, and only when there is more than one (an unchanged feed
   * starts no worker); it may decline (undefined: a small download is opened here). Chunks are shared between the
   * helpers (and this thread: see chunkChecker). Absent, declining or all failing, this thread opens every chunk.
   */
  chunkHelper?: (toFetch: readonly ChunkEntry[]) => ChunkHelper | undefined;
  /**
   * How many helpers to start (default 1; never more than the chunks to fetch less one). With two on a two-core
   * device both cores open chunks while this thread only downloads, hands out and stores.
   */
  helperCount?: number;
}

export interface ChunkHelper {
  /**
   * openChunk elsewhere (inflate, sha256, check), given the downloaded file, without the records of an exact chunk
   * (its verified file comes back instead: that is what this thread stores).
   */
  check(entry: ChunkEntry, at: string, downloaded: Uint8Array): Promise<OpenedChunk | ChunkFault>;
}

const FETCH_CONCURRENCY = 6;
/** Chunks handed to a helper at once: one being checked, one inflating or waiting, so it never idles for want of work. */
const HELPER_QUEUE = 2;
const SAMPLES_IN_META = 10;

/** A structural failure: aborts the whole sync. */
class SyncAbort extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly file?: string,
    readonly unofficial?: SyncErrorInfo['unofficial'],
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
    const manifestBytes = await readBytes(manifestRes, 'manifest.json');
    const manifest = parseManifest(manifestBytes);
    const etag = manifestRes.headers.get('ETag');
    const signedFeeds = (opts.trust?.trustedKeys.length ?? 0) > 0;
    const manifestSha256 = signedFeeds ? await sha256Hex(manifestBytes) : undefined;
    progress('manifest', 1, 1);
    // With signed feeds, other bytes under the same version are checked (and refused) rather than ignored.
    const sameBytes = !signedFeeds || prev?.manifestSha256 === undefined || prev.manifestSha256 === manifestSha256;
    if (!opts.force && sameFeed && prev?.version === manifest.version && sameBytes) {
      await markChecked(db, now(), etag);
      progress('done', 1, 1);
      return { status: 'unchanged', version: manifest.version, durationMs: performance.now() - started };
    }
    const trusted = opts.trust ? await checkTrust(doFetch, opts.feedUrl, opts.trust, manifest, manifestBytes, manifestSha256) : undefined;

    // 3 (started now). Other files download and are checked while the chunks are parsed.
    const otherFiles = fetchOtherFiles(doFetch, opts, manifest, prev);
    otherFiles.catch(() => undefined); // a chunk failure may win the race; this rejection is then not the one reported

    // 2. Chunks: only those whose sha256 differs from what the store holds
    const prevChunks = prev?.chunks ?? {};
    // A chunk that lost records to "duplicate id" last time is fetched again: which copy wins may change.
    const toFetch = manifest.chunks.filter((c) => prevChunks[c.path]?.sha256 !== c.sha256 || opts.force || hadDuplicates(prevChunks[c.path]));
    const summaries: Record<string, ChunkSummary> = {};
    const newRows: StoredChunkRow[] = [];
    const startupRows: StartupChunkRow[] = [];
    const seenIds = new Set<string>();
    const tChunks = performance.now();
    progress('chunks', 0, toFetch.length);
    // Downloads overlap (latency-bound); each chunk is opened as soon as it arrives, by a helper or here.
    let fetched = 0;
    const work = { downloadMs: 0, downloadedBytes: 0, inflateMs: 0, sha256Ms: 0, checkMs: 0 };
    const helpers: ChunkHelper[] = [];
    for (let i = 0; opts.chunkHelper && i < Math.min(opts.helperCount ?? 1, toFetch.length - 1); i++) {
      const helper = opts.chunkHelper(toFetch);
      if (helper) helpers.push(helper);
    }
    const check = chunkChecker(opts.validateRecord, helpers);
    // Largest first: the last chunks to finish are then small ones, so no core idles while one opens a big town.
    const bySize = [...toFetch].sort((a, b) => b.count - a.count);
    const checkedChunks = await mapPool(bySize, FETCH_CONCURRENCY, async (entry) => {
      // The gzip copy when the manifest lists one (issue 26): inflated and verified with the check, on either thread.
      const asked = performance.now();
      const { from, downloaded } = await downloadChunk(doFetch, opts.feedUrl, entry);
      work.downloadMs += performance.now() - asked;
      work.downloadedBytes += downloaded.length;
      const opened = await check.run(from, `$.chunks[${manifest.chunks.indexOf(entry)}]`, downloaded);
      if (!opened.ok) throw new SyncAbort(opened.code, opened.message, opened.file);
      work.inflateMs += opened.spent.inflateMs;
      work.sha256Ms += opened.spent.sha256Ms;
      work.checkMs += opened.spent.checkMs;
      progress('chunks', ++fetched, toFetch.length);
      return { checked: opened as CheckedChunk, file: opened.file };
    });
    const tFetched = performance.now();
    // Duplicate ids across chunks are resolved here, in manifest order over every chunk of the version —
    // fetched or kept from the store — so an incremental sync keeps exactly what a fresh device keeps.
    const fetchedByPath = new Map(bySize.map((entry, i) => [entry.path, checkedChunks[i]!] as const));
    const keptRows = new Map<string, StoredChunkRow>();
    if (fetchedByPath.size < manifest.chunks.length) {
      const keptPaths = manifest.chunks.filter((c) => !fetchedByPath.has(c.path)).map((c) => c.path);
      for (const row of await db.serviceChunks.bulkGet(keptPaths)) if (row) keptRows.set(row.path, row);
    }
    let byteChunks = 0;
    for (const entry of manifest.chunks) {
      const got = fetchedByPath.get(entry.path);
      if (got) {
        const { checked, file } = got;
        const { keep, summary } = dropDuplicates(checked, entry, seenIds);
        summaries[entry.path] = summary;
        const base = { path: entry.path, town: entry.town, sha256: entry.sha256, version: manifest.version };
        if (checked.exact && keep === null) {
          // Every record kept as the file holds it: the verified file is the records.
          newRows.push({ ...base, ...file });
          startupRows.push(checked.startup);
          byteChunks++;
          continue;
        }
        // The helper leaves out an exact chunk's records: read them again here (only when duplicates drop some).
        const all = checked.records ?? (await recheck(entry, file, opts.validateRecord));
        const records = keep === null ? all : all.filter((_, k) => keep[k]);
        newRows.push({ ...base, records });
        startupRows.push(keep === null ? checked.startup : buildStartupChunk({ ...base, records }));
        continue;
      }
      const row = keptRows.get(entry.path);
      const kept = prevChunks[entry.path];
      if (!row || !kept) throw new SyncAbort('chunk', 'stored chunk is missing; sync again with "sync now"', entry.path);
      const stored = await recordsOf(row);
      const unique = stored.filter((r) => !seenIds.has(r.id));
      for (const r of unique) seenIds.add(r.id);
      if (unique.length === stored.length) {
        summaries[entry.path] = kept;
        continue;
      }
      // A fetched chunk earlier in the manifest now holds some of these ids: drop them here, as a fresh device would.
      const dropped = stored.length - unique.length;
      const replaced = { ...withoutFile(row), version: manifest.version, records: unique };
      newRows.push(replaced);
      startupRows.push(buildStartupChunk(replaced));
      summaries[entry.path] = {
        ...kept,
        count: unique.length,
        skipped: kept.skipped + dropped,
        duplicates: (kept.duplicates ?? 0) + dropped,
        skipSamples: [...kept.skipSamples, `${entry.path}: ${dropped} duplicate id(s)`].slice(0, SAMPLES_PER_CHUNK),
        byCategory: countByCategory(unique),
      };
    }

    const tValidated = performance.now();

    const { towns, programmes, holidays, ownedFiles, files, dropProgrammes, dropHolidays } = await otherFiles;
    progress('files', 1, 1);
    const tFiles = performance.now();

    // 4. Atomic swap. Meta goes last so a reader never sees a version whose chunks are missing.
    // Start-up rows were built with the checks: IndexedDB commits a transaction that waits on nothing but itself.
    progress('write', 0, 1);
    const listed = new Set(manifest.chunks.map((c) => c.path));
    let removed = 0;
    const meta = buildMeta(manifest, opts.feedUrl, etag, summaries, files, now());
    if (trusted) meta.trust = trusted.trust;
    if (manifestSha256) meta.manifestSha256 = manifestSha256;
    await db.transaction('rw', [db.serviceChunks, db.startupChunks, db.feedMeta, db.towns, db.programmes, db.ownedFiles, db.settings], async () => {
      if (newRows.length) {
        await db.serviceChunks.bulkPut(newRows);
        await db.startupChunks.bulkPut(startupRows);
      }
      const stale = (await db.serviceChunks.toCollection().primaryKeys()).filter((p) => !listed.has(p));
      removed = stale.length;
      if (stale.length) await db.serviceChunks.bulkDelete(stale);
      const staleStartup = (await db.startupChunks.toCollection().primaryKeys()).filter((p) => !listed.has(p));
      if (staleStartup.length) await db.startupChunks.bulkDelete(staleStartup);
      if (towns !== undefined) await db.towns.put({ id: TOWNS_ID, sha256: files[TOWNS_FILE] ?? null, geojson: towns });
      if (programmes || dropProgrammes) {
        await db.programmes.clear();
        if (programmes?.length) await db.programmes.bulkPut(programmes);
      }
      if (trusted?.floor) await db.settings.put({ key: TRUST_FLOOR_KEY, value: trusted.floor });
      // Owned files: the changed ones replace their rows; a file no longer listed (or no longer an owned file) goes.
      if (ownedFiles.length) await db.ownedFiles.bulkPut(ownedFiles);
      const ownedNow = new Set(ownedFiles.map((f) => f.path));
      const staleOwned = (await db.ownedFiles.toArray()).filter((row) => !ownedNow.has(row.path) && files[row.path] !== row.sha256).map((row) => row.path);
      if (staleOwned.length) await db.ownedFiles.bulkDelete(staleOwned);
      if (holidays !== undefined) await db.settings.put({ key: FEED_HOLIDAYS_KEY, value: holidays });
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
      fetchedChunks: toFetch.length,
      unchangedChunks: manifest.chunks.length - toFetch.length,
      removedChunks: removed,
      totalRecords: meta.totalRecords ?? 0,
      skipped: meta.skipped ?? 0,
      skipSamples: meta.skipSamples ?? [],
      durationMs: performance.now() - started,
      timings: {
        manifestMs: tChunks - started,
        fetchMs: tFetched - started,
        duplicatesMs: tValidated - tFetched,
        filesMs: tFiles - tValidated,
        writeMs: tDone - tFiles,
        helperChunks: check.helperChunks(),
        byteChunks,
        chunkWork: work,
      },
    };
  } catch (err) {
    const error = toErrorInfo(err);
    await recordError(db, prev, error, now());
    return { status: 'failed', error, previousVersion: prev?.version ?? null, durationMs: performance.now() - started };
  }
}

/**
 * Hands each chunk to the least busy helper that has fewer than HELPER_QUEUE. With one helper, a chunk that finds
 * it full is opened on this thread (two threads for two cores); with two or more, the helpers cover the cores and
 * the chunk waits for a free place, so this thread stays free to download, hand out and take back. A helper that
 * fails (crashed, could not start) is not asked again; its chunk is opened elsewhere.
 */
function chunkChecker(validateRecord: RecordValidator, helpers: ChunkHelper[]) {
  const slots = helpers.map((helper) => ({ helper: helper as ChunkHelper | undefined, busy: 0 }));
  const waiting: (() => void)[] = [];
  let helperChunks = 0;
  const here = (entry: ChunkEntry, at: string, downloaded: Uint8Array) => openChunk(entry, at, downloaded, validateRecord);
  const freeSlot = () => {
    let slot: (typeof slots)[number] | undefined;
    for (const s of slots) if (s.helper && s.busy < HELPER_QUEUE && (!slot || s.busy < slot.busy)) slot = s;
    return slot;
  };
  return {
    async run(entry: ChunkEntry, at: string, downloaded: Uint8Array): Promise<OpenedChunk | ChunkFault> {
      let slot = freeSlot();
      while (!slot && slots.filter((s) => s.helper).length >= 2) {
        await new Promise<void>((wake) => waiting.push(wake));
        slot = freeSlot();
      }
      if (!slot?.helper) return here(entry, at, downloaded);
      slot.busy++;
      try {
        // the downloaded bytes are copied to the helper, not moved: they are still here if it fails
        const checked = await slot.helper.check(entry, at, downloaded);
        helperChunks++;
        return checked;
      } catch {
        slot.helper = undefined;
        for (const wake of waiting.splice(0)) wake(); // fewer helpers now: the waiting chunks look again
        return here(entry, at, downloaded);
      } finally {
        slot.busy--;
        waiting.shift()?.();
      }
    },
    helperChunks: () => helperChunks,
  };
}

/** An exact chunk's records, for the rare version where duplicate ids drop some of them. */
async function recheck(entry: ChunkEntry, file: VerifiedFile, validate: RecordValidator): Promise<ServiceRecord[]> {
  const again = checkChunkBytes(entry, '$', await verifiedJson(file), validate, { packed: file.packed === true });
  if (!again.ok || !again.records) throw new SyncAbort('unknown', 'a chunk checked twice gave two verdicts', entry.path);
  return again.records;
}

/**
 * Second pass, in manifest order: the first record with an id wins; builds the chunk summary. `keep` is
 * null when every checked record stays, else which of them do.
 */
function dropDuplicates(
  checked: CheckedChunk,
  entry: { path: string; town: string; sha256: string },
  seenIds: Set<string>,
): { keep: boolean[] | null; summary: ChunkSummary } {
  let keep: boolean[] | null = null;
  const skips = [...checked.skips];
  let skipped = checked.skipped;
  const byCategory: Partial<Record<Category, number>> = {};
  const { ids, categories } = checked;
  let count = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    if (seenIds.has(id)) {
      keep ??= ids.map(() => true);
      keep[k] = false;
      skipped++;
      if (skips.length < checked.skips.length + SAMPLES_PER_CHUNK) skips.push({ index: checked.indices[k]!, id, reason: 'duplicate id' });
      continue;
    }
    seenIds.add(id);
    count++;
    const category = categories[k]!;
    byCategory[category] = (byCategory[category] ?? 0) + 1;
  }
  // reasons in file order, as a single pass would have reported them (the first few of each kind suffice)
  skips.sort((a, b) => a.index - b.index);
  const skipSamples = skips.slice(0, SAMPLES_PER_CHUNK).map((x) => `${entry.path}: ${x.id}: ${x.reason}`);
  const duplicates = skipped - checked.skipped;
  return {
    keep,
    summary: { path: entry.path, town: entry.town, sha256: entry.sha256, count, skipped, skipSamples, byCategory, duplicates },
  };
}

function countByCategory(records: readonly ServiceRecord[]): Partial<Record<Category, number>> {
  const out: Partial<Record<Category, number>> = {};
  for (const r of records) out[r.category] = (out[r.category] ?? 0) + 1;
  return out;
}

/** Summaries written before `duplicates` existed only say so in their samples. */
function hadDuplicates(summary: ChunkSummary | undefined): boolean {
  if (!summary) return false;
  if (summary.duplicates !== undefined) return summary.duplicates > 0;
  return summary.skipSamples.some((line) => line.endsWith(': duplicate id'));
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

interface OtherFiles {
  files: Record<string, string>;
  towns: unknown;
  programmes: ProgrammeRow[] | undefined;
  holidays: unknown;
  ownedFiles: OwnedFileRow[];
  dropProgrammes: boolean;
  dropHolidays: boolean;
}

/**
 * Every listed file is part of the version: present, matching its sha256 and, for the files the validator
 * knows, of the right shape (feed-structure.ts). Builds since the relay no longer pin availability.json (the
 * live file changes between versions); an older feed that lists it gets its shape checked here too.
 */
async function fetchOtherFiles(doFetch: typeof fetch, opts: SyncOptions, manifest: FeedManifest, prev: FeedMetaRow | undefined): Promise<OtherFiles> {
  const files = manifest.files ?? {};
  const prevFiles = prev?.files ?? {};
  const changed = (name: string) => files[name] !== undefined && (opts.force || prevFiles[name] !== files[name]);
  const out: OtherFiles = {
    files,
    towns: undefined,
    programmes: undefined,
    holidays: undefined,
    ownedFiles: [],
    dropProgrammes: files[PROGRAMMES_FILE] === undefined && prevFiles[PROGRAMMES_FILE] !== undefined,
    dropHolidays: files[HOLIDAYS_FILE] === undefined && prevFiles[HOLIDAYS_FILE] !== undefined,
  };
  for (const name of Object.keys(files).filter(changed)) {
    const bytes = await getVerified(doFetch, opts.feedUrl, name, files[name]!);
    if (!isKnownFile(name)) continue;
    const json = parseJson(bytes, name);
    const problems = checkKnownFile(name, json);
    if (problems.length) throw abortFor('parse', problems);
    if (name === TOWNS_FILE) out.towns = json;
    if (name === PROGRAMMES_FILE) out.programmes = toProgrammeRows(json);
    if (name === HOLIDAYS_FILE) out.holidays = json;
    const kind = ownedFileKind(name, json);
    if (kind) out.ownedFiles.push({ path: name, kind, sha256: files[name]!, data: json });
  }
  return out;
}

/** The signature check of a new manifest (feed-trust.ts); a refusal aborts the sync with nothing stored. */
async function checkTrust(
  doFetch: typeof fetch,
  feedUrl: string,
  policy: FeedTrustPolicy,
  manifest: FeedManifest,
  manifestBytes: Uint8Array,
  manifestSha256: string | undefined,
): Promise<Extract<TrustCheck, { ok: true }>> {
  const signatureText = policy.trustedKeys.length ? await getOptionalText(doFetch, feedUrl, MANIFEST_SIGNATURE_FILE) : null;
  const checked = await checkManifestTrust({ feedUrl, manifestBytes, manifestSha256: manifestSha256 ?? '', manifest, signatureText, policy });
  if (checked.ok) return checked;
  const file = checked.code === 'rollback' ? 'manifest.json' : MANIFEST_SIGNATURE_FILE;
  throw new SyncAbort(checked.code, checked.reason, file, checked.unofficial);
}

/* ---------- fetching ---------- */

/** A file that may be absent (404/410 → null), read as text. */
async function getOptionalText(doFetch: typeof fetch, feedUrl: string, file: string): Promise<string | null> {
  let res: Response;
  try {
    res = await doFetch(new URL(file, feedUrl).href, { cache: 'no-cache' });
  } catch (err) {
    throw new SyncAbort('network', `network error: ${errMessage(err)}`, file);
  }
  if (res.status === 404 || res.status === 410) return null;
  if (!res.ok) throw new SyncAbort('http', `HTTP ${res.status}`, file);
  // ignoreBOM keeps a byte-order mark in the text, so the signature check can name it instead of hiding it
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readBytes(res, file));
}

async function get(
  doFetch: typeof fetch,
  feedUrl: string,
  file: string,
  headers: Record<string, string> = {},
  /** Statuses handed back to the caller instead of failing the sync. */
  answered: readonly number[] = [],
): Promise<Response> {
  const url = new URL(file, feedUrl);
  // The manifest schema already keeps paths relative; this is the last guard against another host.
  if (!url.href.startsWith(new URL('.', feedUrl).href)) throw new SyncAbort('manifest', 'path leaves the feed folder', file);
  let res: Response;
  try {
    // no-cache: revalidate with the server; a stale HTTP-cached chunk would fail its checksum
    res = await doFetch(url.href, { cache: 'no-cache', headers });
  } catch (err) {
    throw new SyncAbort('network', `network error: ${errMessage(err)}`, file);
  }
  if (res.status === 304 || answered.includes(res.status)) return res;
  if (!res.ok) throw new SyncAbort('http', `HTTP ${res.status}`, file);
  return res;
}

async function readBytes(res: Response, file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new SyncAbort('network', `download interrupted: ${errMessage(err)}`, file);
  }
}

/**
 * A chunk file as it came over the network: its packed copy when the manifest names one, else its gzip copy, else
 * the JSON. A host that answers 404/410 for a copy (an object store given only some of the files), or a browser
 * without DecompressionStream (Safari before 16.4, some in-app browsers), gets the next one; `from` is the entry
 * with only the copy that came, so the bytes are checked as what they are.
 */
async function downloadChunk(doFetch: typeof fetch, feedUrl: string, entry: ChunkEntry): Promise<{ from: ChunkEntry; downloaded: Uint8Array }> {
  const { gzipPath, packedPath, packedSha256, ...plain } = entry;
  const copies: { file: string; from: ChunkEntry }[] = [];
  if (typeof DecompressionStream === 'function') {
    if (packedPath !== undefined && packedSha256 !== undefined) copies.push({ file: packedPath, from: { ...plain, packedPath, packedSha256 } });
    if (gzipPath !== undefined) copies.push({ file: gzipPath, from: { ...plain, gzipPath } });
  }
  for (const copy of copies) {
    const res = await get(doFetch, feedUrl, copy.file, {}, [404, 410]);
    if (res.ok) return { from: copy.from, downloaded: await readBytes(res, copy.file) };
  }
  return { from: plain, downloaded: await readBytes(await get(doFetch, feedUrl, entry.path), entry.path) };
}

async function getVerified(doFetch: typeof fetch, feedUrl: string, file: string, sha256: string): Promise<Uint8Array> {
  const bytes = await readBytes(await get(doFetch, feedUrl, file), file);
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) throw new SyncAbort('checksum', `sha256 mismatch (expected ${sha256.slice(0, 12)}…, got ${actual.slice(0, 12)}…)`, file);
  return bytes;
}

/** Strict UTF-8, JSON and the depth bound: the validator's own rules (feed-structure.ts). */
function parseJson(bytes: Uint8Array, file: string, maxDepth?: number): unknown {
  const decoded = decodeFeedJson(bytes, maxDepth);
  if (!decoded.ok) throw new SyncAbort('parse', `unreadable JSON: ${decoded.reason}`, file);
  return decoded.value;
}

/** The first structural problem, as the validator words it. */
function abortFor(code: SyncErrorCode, problems: StructureProblem[]): SyncAbort {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
  return new SyncAbort(code, `${first.path}: ${first.reason}${more}`, first.file);
}

function parseManifest(bytes: Uint8Array): FeedManifest {
  const checked = checkManifest(parseJson(bytes, 'manifest.json'));
  if (!checked.manifest || checked.problems.length) throw abortFor('manifest', checked.problems);
  return checked.manifest;
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

/** programmes.json is opaque to the data layer: an array (or {programmes: [...]}) of objects with a string id. */
function toProgrammeRows(json: unknown): ProgrammeRow[] {
  const list = programmeList(json);
  if (!list) throw new SyncAbort('parse', 'expected an array of programmes', PROGRAMMES_FILE);
  const rows: ProgrammeRow[] = [];
  for (const item of list) {
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    if (typeof id === 'string' && id !== '') rows.push({ id, data: item });
  }
  return rows;
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
  if (err instanceof SyncAbort) {
    const info: SyncErrorInfo = { code: err.code, message: err.message };
    if (err.file) info.file = err.file;
    if (err.unofficial) info.unofficial = err.unofficial;
    return info;
  }
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
