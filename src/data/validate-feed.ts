/**
 * Feed validation shared by `npm run data:validate`, the importers and the app's sync.
 * Pure and runtime-agnostic: no Node imports. Files come from a reader function and sha256 from
 * crypto.subtle (or an injected hash), so the browser and a web worker can run it too.
 */
import * as v from 'valibot';
import { sha256Hex } from './sha256.ts';
import { inflateGzip } from './gzip-chunk.ts';
import { unpackChunk } from './packed-chunk.ts';
import { canonicalJson } from './canonical-json.ts';
import { availabilityItemSchema, serviceRecordSchema, type AvailabilityItem, type FeedManifest, type ServiceRecord } from './feed-schema.ts';
import { type Category } from './categories.ts';
import { isTownCode } from '../geo/towns.ts';
import { MAX_FUTURE_SKEW_MS, parseFeedTimestamp } from './feed-time.ts';
import { issuesOf, lineField, safeString, type RecordIssue } from './feed-issues.ts';
import type { PublicKey } from './feed-signature.ts';
import {
  AVAILABILITY_FILE,
  KNOWN_FILES,
  checkChunk,
  isKnownFile,
  checkKnownFile,
  checkManifest,
  decodeFeedJson,
  type ChunkEntry,
  type StructureProblem,
} from './feed-structure.ts';

/** Bounding box of the Dongguan city outline (data/sources/dongguan/city-outline.geojson), [W, S, E, N]. */
export const DONGGUAN_OUTLINE_BBOX = [113.51652, 22.65651, 114.25528, 23.14485] as const;
/** How far outside the outline bbox a record may sit before it is rejected (boundaries are simplified). */
export const DONGGUAN_MARGIN_KM = 20;
export { MAX_FUTURE_SKEW_MS } from './feed-time.ts';

const KM_PER_DEG_LAT = 111.32;
const midLat = (DONGGUAN_OUTLINE_BBOX[1] + DONGGUAN_OUTLINE_BBOX[3]) / 2;
const dLat = DONGGUAN_MARGIN_KM / KM_PER_DEG_LAT;
const dLon = DONGGUAN_MARGIN_KM / (KM_PER_DEG_LAT * Math.cos((midLat * Math.PI) / 180));
/** Outline bbox grown by the margin: anything outside is "far outside Dongguan". */
export const DONGGUAN_ACCEPT_BBOX = [
  DONGGUAN_OUTLINE_BBOX[0] - dLon,
  DONGGUAN_OUTLINE_BBOX[1] - dLat,
  DONGGUAN_OUTLINE_BBOX[2] + dLon,
  DONGGUAN_OUTLINE_BBOX[3] + dLat,
] as const;

export const isNearDongguan = (lon: number, lat: number): boolean =>
  lon >= DONGGUAN_ACCEPT_BBOX[0] &&
  lon <= DONGGUAN_ACCEPT_BBOX[2] &&
  lat >= DONGGUAN_ACCEPT_BBOX[1] &&
  lat <= DONGGUAN_ACCEPT_BBOX[3];

export type { RecordIssue } from './feed-issues.ts';

/** One problem, printed as `file: record-id: json-path: reason`. */
export interface FeedProblem {
  file: string;
  /** Record or availability id, or "-" when the problem is not about one record. */
  id: string;
  path: string;
  reason: string;
  /**
   * "feed": structural, the app's sync rejects the whole version for it (feed-structure.ts);
   * "record": one record, item or unlisted file, which the app skips.
   */
  level: 'feed' | 'record';
}

export const formatProblem = (p: FeedProblem): string =>
  `${lineField(p.file)}: ${lineField(p.id)}: ${lineField(p.path, 400)}: ${lineField(p.reason, 400)}`;

export type RecordResult = { ok: true; record: ServiceRecord } | { ok: false; issues: RecordIssue[] };

/**
 * Validates one service record: the schema plus the checks the schema cannot express
 * (known town code, coordinates near Dongguan). Paths are relative to the record ("$.lat").
 */
export function validateServiceRecord(raw: unknown): RecordResult {
  const parsed = v.safeParse(serviceRecordSchema, raw);
  if (!parsed.success) return { ok: false, issues: issuesOf('$', parsed.issues) };
  const record = parsed.output;
  const issues: RecordIssue[] = [];
  if (!isTownCode(record.town)) issues.push({ path: '$.town', reason: `unknown town code ${record.town}` });
  // Every town code is a Dongguan code (schema), so every feed is a Dongguan feed.
  if (!isNearDongguan(record.lon, record.lat)) {
    issues.push({ path: '$.lat', reason: `coordinates ${record.lat},${record.lon} are more than ${DONGGUAN_MARGIN_KM} km outside Dongguan` });
  }
  return issues.length ? { ok: false, issues } : { ok: true, record };
}

/** Checks one availability item against the service it describes. Paths relative to the item. */
export function validateAvailabilityItem(
  raw: unknown,
  categoryOf: (serviceId: string) => Category | undefined,
  nowMs: number,
): { ok: true; item: AvailabilityItem } | { ok: false; issues: RecordIssue[] } {
  const parsed = v.safeParse(availabilityItemSchema, raw);
  if (!parsed.success) return { ok: false, issues: issuesOf('$', parsed.issues) };
  const item = parsed.output;
  const issues: RecordIssue[] = [];
  const category = categoryOf(item.serviceId);
  if (category === undefined) issues.push({ path: '$.serviceId', reason: `unknown service id ${lineField(item.serviceId, 100)}` });
  else if (category !== item.figures.kind) {
    issues.push({ path: '$.figures.kind', reason: `kind ${item.figures.kind} does not match service category ${category}` });
  }
  const observed = parseFeedTimestamp(item.observedAt);
  if (observed > nowMs + MAX_FUTURE_SKEW_MS) issues.push({ path: '$.observedAt', reason: 'observedAt is more than 10 minutes in the future' });
  const over = (path: string, free: number | undefined, total: number | undefined, what = 'free') => {
    if (free !== undefined && total !== undefined && free > total) issues.push({ path, reason: `${what} ${free} is greater than total ${total}` });
  };
  const f = item.figures;
  switch (f.kind) {
    case 'kindergarten':
      for (const [k, c] of Object.entries(f.classes)) if (c) over(`$.figures.classes.${k}.free`, c.free, c.total);
      break;
    case 'nursery':
      f.bands.forEach((b, i) => {
        over(`$.figures.bands[${i}].free`, b.free, b.total);
        if (b.fromMonths > b.toMonths) issues.push({ path: `$.figures.bands[${i}].fromMonths`, reason: 'fromMonths is after toMonths' });
      });
      break;
    case 'elderly_daycare':
      over('$.figures.places.free', f.places.free, f.places.total);
      break;
    case 'sports_venue':
      f.slots.forEach((s, i) => over(`$.figures.slots[${i}].remaining`, s.remaining, s.maximum, 'remaining'));
      break;
    case 'parking':
      over('$.figures.free', f.free, f.total);
      over('$.figures.evFree', f.evFree, f.evTotal);
      over('$.figures.accessibleFree', f.accessibleFree, f.accessibleTotal);
      break;
    case 'clinic':
      over('$.figures.appointmentsFree', f.appointmentsFree, f.appointmentsTotal);
      break;
  }
  return issues.length ? { ok: false, issues } : { ok: true, item };
}

/** Reads a feed file by its path relative to the feed folder; null when it does not exist. */
export type FeedFileReader = (path: string) => Promise<Uint8Array | null>;
export type Sha256 = (bytes: Uint8Array) => Promise<string>;


export interface ValidateFeedOptions {
  read: FeedFileReader;
  sha256?: Sha256;
  /** "Now" for the future-observedAt check; defaults to the current time. */
  now?: Date;
  /**
   * Public keys trusted to sign the manifest (`data:validate --keys`): manifest.sig is then checked as the
   * app checks it on its official address (issue 23), and availability.sig against the manifest's liveKeys.
   */
  trustedKeys?: readonly PublicKey[];
}

export interface FeedReport {
  problems: FeedProblem[];
  manifest: FeedManifest | null;
  /** Valid records per category. */
  counts: Partial<Record<Category, number>>;
  records: number;
}

/** The record's id for a problem line, only when it is a well-formed id: a forged id must not forge a line. */
const idOf = (raw: unknown): string => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(id) ? id : '-';
};

/** Validates a whole feed folder. Problems come out in a stable order (manifest, chunks, other files). */
export async function validateFeed(options: ValidateFeedOptions): Promise<FeedReport> {
  const { read } = options;
  const hash = options.sha256 ?? sha256Hex;
  const nowMs = (options.now ?? new Date()).getTime();
  const problems: FeedProblem[] = [];
  const counts: Partial<Record<Category, number>> = {};
  const report = (file: string, id: string, path: string, reason: string, level: FeedProblem['level'] = 'feed') =>
    problems.push({ file, id, path, reason, level });
  const structural = (list: StructureProblem[], level: FeedProblem['level'] = 'feed') => {
    for (const p of list) report(p.file, '-', p.path, p.reason, level);
  };
  const readBytes = async (file: string): Promise<Uint8Array | null | { error: string }> => {
    try {
      return await read(file);
    } catch (e) {
      return { error: `cannot read file (${e instanceof Error ? e.message : String(e)})` };
    }
  };
  /** Bytes → JSON with the shared rules; a problem is reported (at `level`) and null returned. */
  const readJson = async (file: string, maxDepth?: number, level: FeedProblem['level'] = 'feed') => {
    const bytes = await readBytes(file);
    if (bytes === null) return null;
    if ('error' in bytes) {
      report(file, '-', '$', bytes.error, level);
      return undefined;
    }
    const decoded = decodeFeedJson(bytes, maxDepth);
    if (!decoded.ok) {
      report(file, '-', '$', decoded.reason, level);
      return undefined;
    }
    return { value: decoded.value, bytes };
  };

  /** A chunk's gzip copy (what the app downloads when it is listed): present, valid gzip, the same JSON once inflated. */
  const checkGzipCopy = async (file: string, at: string, sha: string, shaAt: string): Promise<Uint8Array | null> => {
    const fail = (...problem: Parameters<typeof report>) => {
      report(...problem);
      return null;
    };
    const gz = await readBytes(file);
    if (gz === null) return fail('manifest.json', '-', at, `gzip copy ${file} is missing`);
    if ('error' in gz) return fail(file, '-', '$', gz.error);
    const inflated = await inflateGzip(gz);
    if (!inflated.ok) return fail(file, '-', '$', inflated.reason);
    const actual = await hash(inflated.bytes);
    if (actual !== sha) return fail(file, '-', '$', `sha256 of the inflated bytes ${actual} does not match manifest ${shaAt} ${sha}`);
    return inflated.bytes;
  };
  /** A chunk's packed copy: a gzip copy (as above) that unpacks to the chunk's records, one for one. */
  const checkPackedCopy = async (entry: ChunkEntry, at: string, services: unknown[]) => {
    const file = entry.packedPath!;
    const json = await checkGzipCopy(file, `${at}.packedPath`, entry.packedSha256!, `${at}.packedSha256`);
    if (!json) return;
    const decoded = decodeFeedJson(json, Infinity);
    if (!decoded.ok) return report(file, '-', '$', decoded.reason);
    const packed = decoded.value as { town?: unknown; sources?: unknown; hours?: unknown; services?: unknown } | null;
    if (typeof packed !== 'object' || packed === null || !Array.isArray(packed.sources) || !Array.isArray(packed.hours) || !Array.isArray(packed.services))
      return report(file, '-', '$', 'not a packed chunk: expected sources, hours and services lists');
    if (packed.town !== entry.town) return report(file, '-', '$.town', `packed town ${safeString(packed.town)} is not the chunk town ${entry.town}`);
    const unpacked = unpackChunk(packed).services as unknown[];
    if (unpacked.length !== services.length) return report(file, '-', '$.services', `has ${unpacked.length} records, the chunk ${services.length}`);
    const differs = unpacked.findIndex((r, i) => canonicalJson(r) !== canonicalJson(services[i]));
    if (differs >= 0) report(file, idOf(services[differs]), `$.services[${differs}]`, `unpacks to another record than ${entry.path} holds at this place`);
  };

  const m = await readJson('manifest.json');
  if (m === null) report('manifest.json', '-', '$', 'missing manifest.json');
  if (!m) return { problems, manifest: null, counts, records: 0 };
  const checked = checkManifest(m.value);
  structural(checked.problems);
  const manifest = checked.manifest;
  if (!manifest) return { problems, manifest: null, counts, records: 0 };
  // Loaded only when asked: the signature code (noble) stays out of every bundle that validates records.
  const signatures = options.trustedKeys ? await import('./feed-signature.ts') : null;
  if (signatures && options.trustedKeys) {
    const sig = await readBytes('manifest.sig');
    const text = sig === null ? null : 'error' in sig ? '' : new TextDecoder('utf-8', { ignoreBOM: true }).decode(sig);
    const verdict = await signatures.verifySignedManifest(m.bytes, manifest, text, options.trustedKeys);
    if (!verdict.ok) report(verdict.kind === 'fields' ? 'manifest.json' : 'manifest.sig', '-', '$', verdict.reason);
  }

  const categoryById = new Map<string, Category>();
  // Ids of records rejected above: their availability is not reported again as "unknown service".
  const rejected = new Set<string>();
  // When a chunk could not be read at all its ids are unknown, so "unknown service id" is not reported.
  let allChunksRead = true;
  const fileOfId = new Map<string, string>();
  let records = 0;

  for (const [ci, entry] of manifest.chunks.entries()) {
    const at = `$.chunks[${ci}]`;
    const file = entry.path;
    const c = await readJson(file, Infinity);
    if (c === null) report('manifest.json', '-', `${at}.path`, `chunk file ${file} is missing`);
    if (!c) {
      allChunksRead = false;
      continue;
    }
    const actual = await hash(c.bytes);
    if (actual !== entry.sha256) report(file, '-', '$', `sha256 ${actual} does not match manifest ${at}.sha256 ${entry.sha256}`);
    if (entry.gzipPath !== undefined) await checkGzipCopy(entry.gzipPath, `${at}.gzipPath`, entry.sha256, `${at}.sha256`);
    const chunk = checkChunk(entry, at, c.value);
    structural(chunk.problems);
    if (!chunk.services) {
      allChunksRead = false;
      continue;
    }
    if (entry.packedPath !== undefined && entry.packedSha256 !== undefined) await checkPackedCopy(entry, at, chunk.services);
    for (const [ri, raw] of chunk.services.entries()) {
      const base = `$.services[${ri}]`;
      const id = idOf(raw);
      const res = validateServiceRecord(raw);
      if (!res.ok) {
        for (const i of res.issues) report(file, id, base + i.path.slice(1), i.reason, 'record');
        rejected.add(id);
        continue;
      }
      const rec = res.record;
      if (rec.town !== chunk.town) {
        report(file, id, `${base}.town`, `record town ${rec.town} is not the chunk town ${chunk.town}`, 'record');
        continue;
      }
      const first = fileOfId.get(rec.id);
      if (first !== undefined) {
        report(file, id, `${base}.id`, `duplicate id, first seen in ${first}`, 'record');
        continue;
      }
      fileOfId.set(rec.id, file);
      categoryById.set(rec.id, rec.category);
      counts[rec.category] = (counts[rec.category] ?? 0) + 1;
      records++;
    }
  }

  // Other files listed in the manifest must exist, match their sha256 and, when the app reads them, their shape.
  const listed = manifest.files ?? {};
  const contents = new Map<string, unknown>();
  for (const [file, sha] of Object.entries(listed)) {
    const known = isKnownFile(file);
    const bytes = await readBytes(file);
    if (bytes === null || (bytes !== null && 'error' in bytes)) {
      report('manifest.json', '-', `$.files[${JSON.stringify(file)}]`, `file ${file} is missing`);
      continue;
    }
    const actual = await hash(bytes);
    if (actual !== sha) report(file, '-', '$', `sha256 ${actual} does not match manifest $.files[${JSON.stringify(file)}] ${sha}`);
    if (!known) continue;
    const decoded = decodeFeedJson(bytes);
    if (!decoded.ok) report(file, '-', '$', decoded.reason);
    else {
      const shape = checkKnownFile(file, decoded.value);
      structural(shape);
      if (!shape.length) contents.set(file, decoded.value);
    }
  }
  // Known files present but not listed are not part of the version the app syncs: checked, reported as record-level.
  for (const file of KNOWN_FILES) {
    if (file in listed) continue;
    const f = await readJson(file, undefined, 'record');
    if (!f) continue;
    const shape = checkKnownFile(file, f.value);
    structural(shape, 'record');
    if (!shape.length) contents.set(file, f.value);
  }

  // Live figures signed by a live key the manifest lists; the app ignores the file otherwise (the feed stays).
  const availabilityBytes = signatures && contents.has(AVAILABILITY_FILE) ? await readBytes(AVAILABILITY_FILE) : null;
  if (signatures && availabilityBytes && !('error' in availabilityBytes)) {
    const sig = await readBytes(signatures.AVAILABILITY_SIGNATURE_FILE);
    const text = sig === null ? null : 'error' in sig ? '' : new TextDecoder('utf-8', { ignoreBOM: true }).decode(sig);
    const verdict = await signatures.verifyFileSignature(availabilityBytes, text, signatures.liveKeysOf(manifest), AVAILABILITY_FILE);
    if (!verdict.ok) report(signatures.AVAILABILITY_SIGNATURE_FILE, '-', '$', `${verdict.reason} (the app ignores these live figures)`, 'record');
  }
  const availability = contents.get(AVAILABILITY_FILE) as { items: unknown[] } | undefined;
  if (availability) {
    const seen = new Set<string>();
    for (const [ii, raw] of availability.items.entries()) {
      const base = `$.items[${ii}]`;
      const sid = (raw as { serviceId?: unknown } | null)?.serviceId;
      const id = idOf({ id: sid });
      const res = validateAvailabilityItem(raw, (s) => categoryById.get(s), nowMs);
      if (!res.ok) {
        for (const i of res.issues) {
          const unknownService = i.path === '$.serviceId' && i.reason.startsWith('unknown service id');
          if (unknownService && (rejected.has(id) || !allChunksRead)) continue;
          report('availability.json', id, base + i.path.slice(1), i.reason, 'record');
        }
        continue;
      }
      if (seen.has(res.item.serviceId)) report('availability.json', id, `${base}.serviceId`, 'more than one item for this service', 'record');
      seen.add(res.item.serviceId);
    }
  }

  return { problems, manifest, counts, records };
}
