/**
 * Feed validation shared by `npm run data:validate`, the importers and the app's sync.
 * Pure and runtime-agnostic: no Node imports. Files come from a reader function and sha256 from
 * crypto.subtle (or an injected hash), so the browser and a web worker can run it too.
 */
import * as v from 'valibot';
import {
  availabilityFileSchema,
  availabilityItemSchema,
  chunkFileSchema,
  manifestSchema,
  serviceRecordSchema,
  type AvailabilityItem,
  type Category,
  type FeedManifest,
  type ServiceRecord,
} from './feed-schema.ts';
import { isTownCode } from '../geo/towns.ts';
import { parseFeedTimestamp } from './feed-time.ts';

/** Bounding box of the Dongguan city outline (data/sources/dongguan/city-outline.geojson), [W, S, E, N]. */
export const DONGGUAN_OUTLINE_BBOX = [113.51652, 22.65651, 114.25528, 23.14485] as const;
/** How far outside the outline bbox a record may sit before it is rejected (boundaries are simplified). */
export const DONGGUAN_MARGIN_KM = 20;
/** Availability observed further in the future than this is rejected (clock skew allowance). */
export const MAX_FUTURE_SKEW_MS = 10 * 60 * 1000;

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

export interface RecordIssue {
  /** JSON path inside the record, e.g. "$.name.zh". */
  path: string;
  reason: string;
}

/** One problem, printed as `file: record-id: json-path: reason`. */
export interface FeedProblem {
  file: string;
  /** Record or availability id, or "-" when the problem is not about one record. */
  id: string;
  path: string;
  reason: string;
}

/** Longest a single field of a problem line may be; a feed value can be megabytes long. */
export const MAX_FIELD_CHARS = 200;

/**
 * One field of a problem line: control characters and line separators escaped (a newline in a feed
 * value must not start a second line), long values cut with "…".
 */
export function lineField(text: string, max = MAX_FIELD_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

export const formatProblem = (p: FeedProblem): string =>
  `${lineField(p.file)}: ${lineField(p.id)}: ${lineField(p.path, 400)}: ${lineField(p.reason, 400)}`;

type PathItem = { key: unknown };

/** Turns a valibot issue path into a JSON path relative to `base` ("$" or "$.services[3]"). */
export function jsonPath(base: string, path: readonly PathItem[] | undefined): string {
  let out = base;
  for (const item of path ?? []) {
    const key = (item as PathItem | null)?.key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(safeString(key).slice(0, MAX_FIELD_CHARS))}]`;
  }
  return out;
}

/** String(x) for anything, even objects whose toString throws or is not a function. */
export function safeString(x: unknown): string {
  try {
    return String(x);
  } catch {
    return Object.prototype.toString.call(x);
  }
}

function issuesOf(base: string, issues: readonly v.BaseIssue<unknown>[]): RecordIssue[] {
  return issues.map((issue) => ({ path: jsonPath(base, issue.path as PathItem[] | undefined), reason: reasonOf(issue) }));
}

/** Valibot messages are long for picklists; keep the line short and precise. */
function reasonOf(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'missing required field';
  if (issue.type === 'picklist' || issue.type === 'variant') return `unknown value ${lineField(issue.received, 80)}`;
  if (issue.type === 'custom' || issue.type === 'strict_tuple') return issue.message;
  if (issue.kind === 'schema') return `wrong type: expected ${lineField(issue.expected ?? '?', 80)}, got ${lineField(issue.received, 80)}`;
  return lineField(issue.message, 300);
}

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

export const sha256Hex: Sha256 = async (bytes) => {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
};

export interface ValidateFeedOptions {
  read: FeedFileReader;
  sha256?: Sha256;
  /** "Now" for the future-observedAt check; defaults to the current time. */
  now?: Date;
}

export interface FeedReport {
  problems: FeedProblem[];
  manifest: FeedManifest | null;
  /** Valid records per category. */
  counts: Partial<Record<Category, number>>;
  records: number;
}

type Parsed = { ok: true; value: unknown; bytes: Uint8Array } | { ok: false; problem: FeedProblem };

async function readJson(read: FeedFileReader, file: string): Promise<Parsed | null> {
  let bytes: Uint8Array | null;
  try {
    bytes = await read(file);
  } catch (e) {
    return { ok: false, problem: { file, id: '-', path: '$', reason: `cannot read file (${(e as Error).message})` } };
  }
  if (bytes === null) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: { file, id: '-', path: '$', reason: 'not valid UTF-8' } };
  }
  try {
    return { ok: true, value: JSON.parse(text), bytes };
  } catch (e) {
    const reason = text.trim() === '' ? 'empty file' : `invalid or truncated JSON (${(e as Error).message})`;
    return { ok: false, problem: { file, id: '-', path: '$', reason } };
  }
}

const idOf = (raw: unknown): string => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : '-';
};

/** Validates a whole feed folder. Problems come out in a stable order (manifest, chunks, other files). */
export async function validateFeed(options: ValidateFeedOptions): Promise<FeedReport> {
  const { read } = options;
  const hash = options.sha256 ?? sha256Hex;
  const nowMs = (options.now ?? new Date()).getTime();
  const problems: FeedProblem[] = [];
  const counts: Partial<Record<Category, number>> = {};
  const report = (file: string, id: string, path: string, reason: string) => problems.push({ file, id, path, reason });

  const m = await readJson(read, 'manifest.json');
  if (m === null) {
    report('manifest.json', '-', '$', 'missing manifest.json');
    return { problems, manifest: null, counts, records: 0 };
  }
  if (!m.ok) return { problems: [m.problem], manifest: null, counts, records: 0 };
  const mp = v.safeParse(manifestSchema, m.value);
  if (!mp.success) {
    for (const i of issuesOf('$', mp.issues)) report('manifest.json', '-', i.path, i.reason);
    return { problems, manifest: null, counts, records: 0 };
  }
  const manifest = mp.output;

  const categoryById = new Map<string, Category>();
  // Ids of records rejected above: their availability is not reported again as "unknown service".
  const rejected = new Set<string>();
  // When a chunk could not be read at all its ids are unknown, so "unknown service id" is not reported.
  let allChunksRead = true;
  const fileOfId = new Map<string, string>();
  const seenPaths = new Set<string>();
  const seenTowns = new Set<string>();
  let records = 0;

  for (const [ci, entry] of manifest.chunks.entries()) {
    const at = `$.chunks[${ci}]`;
    if (seenPaths.has(entry.path)) report('manifest.json', '-', `${at}.path`, `chunk ${entry.path} listed twice`);
    seenPaths.add(entry.path);
    if (seenTowns.has(entry.town)) report('manifest.json', '-', `${at}.town`, `town ${entry.town} has more than one chunk`);
    seenTowns.add(entry.town);
    if (!isTownCode(entry.town)) report('manifest.json', '-', `${at}.town`, `unknown town code ${entry.town}`);

    const file = entry.path;
    const c = await readJson(read, file);
    if (c === null) {
      report('manifest.json', '-', `${at}.path`, `chunk file ${file} is missing`);
      allChunksRead = false;
      continue;
    }
    if (!c.ok) {
      problems.push(c.problem);
      allChunksRead = false;
      continue;
    }
    const actual = await hash(c.bytes);
    if (actual !== entry.sha256) report(file, '-', '$', `sha256 ${actual} does not match manifest ${at}.sha256 ${entry.sha256}`);
    const cp = v.safeParse(chunkFileSchema, c.value);
    if (!cp.success) {
      for (const i of issuesOf('$', cp.issues)) report(file, '-', i.path, i.reason);
      allChunksRead = false;
      continue;
    }
    const chunk = cp.output;
    if (chunk.town !== entry.town) report(file, '-', '$.town', `chunk town ${chunk.town} does not match manifest town ${entry.town}`);
    if (chunk.services.length !== entry.count) {
      report(file, '-', '$.services', `has ${chunk.services.length} records, manifest ${at}.count says ${entry.count}`);
    }
    for (const [ri, raw] of chunk.services.entries()) {
      const base = `$.services[${ri}]`;
      const id = idOf(raw);
      const res = validateServiceRecord(raw);
      if (!res.ok) {
        for (const i of res.issues) report(file, id, base + i.path.slice(1), i.reason);
        rejected.add(id);
        continue;
      }
      const rec = res.record;
      if (rec.town !== chunk.town) report(file, id, `${base}.town`, `record town ${rec.town} is not the chunk town ${chunk.town}`);
      const first = fileOfId.get(rec.id);
      if (first !== undefined) {
        report(file, id, `${base}.id`, `duplicate id, first seen in ${first}`);
        continue;
      }
      fileOfId.set(rec.id, file);
      categoryById.set(rec.id, rec.category);
      counts[rec.category] = (counts[rec.category] ?? 0) + 1;
      records++;
    }
  }

  // Other files listed in the manifest must exist and match their sha256.
  const listed = manifest.files ?? {};
  for (const [file, sha] of Object.entries(listed)) {
    let bytes: Uint8Array | null;
    try {
      bytes = await read(file);
    } catch {
      bytes = null;
    }
    if (bytes === null) {
      report('manifest.json', '-', `$.files[${JSON.stringify(file)}]`, `file ${file} is missing`);
      continue;
    }
    const actual = await hash(bytes);
    if (actual !== sha) report(file, '-', '$', `sha256 ${actual} does not match manifest $.files[${JSON.stringify(file)}] ${sha}`);
  }

  const g = await readJson(read, 'towns.geojson');
  if (g && !g.ok) problems.push(g.problem);
  else if (g && g.ok) {
    const fc = g.value as { type?: unknown; features?: unknown };
    if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) report('towns.geojson', '-', '$', 'not a GeoJSON FeatureCollection');
  }

  const a = await readJson(read, 'availability.json');
  if (a && !a.ok) problems.push(a.problem);
  else if (a && a.ok) {
    const ap = v.safeParse(availabilityFileSchema, a.value);
    if (!ap.success) for (const i of issuesOf('$', ap.issues)) report('availability.json', '-', i.path, i.reason);
    else {
      const seen = new Set<string>();
      for (const [ii, raw] of ap.output.items.entries()) {
        const base = `$.items[${ii}]`;
        const sid = (raw as { serviceId?: unknown } | null)?.serviceId;
        const id = typeof sid === 'string' && sid.length <= 100 ? sid : '-';
        const res = validateAvailabilityItem(raw, (s) => categoryById.get(s), nowMs);
        if (!res.ok) {
          for (const i of res.issues) {
            const unknownService = i.path === '$.serviceId' && i.reason.startsWith('unknown service id');
            if (unknownService && (rejected.has(id) || !allChunksRead)) continue;
            report('availability.json', id, base + i.path.slice(1), i.reason);
          }
          continue;
        }
        if (seen.has(res.item.serviceId)) report('availability.json', id, `${base}.serviceId`, 'more than one item for this service');
        seen.add(res.item.serviceId);
      }
    }
  }

  return { problems, manifest, counts, records };
}
