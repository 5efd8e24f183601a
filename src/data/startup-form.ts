/**
 * The compact start-up form of one town chunk: what the first list and its filters need, as typed
 * arrays, plus the chunk's k-d tree already built. Written by the sync worker beside the full records,
 * so a start-up reads a few MB of typed arrays (a memory copy each) instead of deserialising 100k
 * record objects, and never re-indexes (`KDBush.from` reuses the stored buffer).
 *
 * Full records stay in `serviceChunks` and are read per chunk when a row, the detail page, search or
 * the map needs them. Bump STARTUP_FORM_VERSION whenever a field below changes meaning: rows of an
 * older version are rebuilt from the full records, never read.
 */
import KDBush from 'kdbush';
import { CATEGORIES, type Category } from './categories.ts';
import type { ServiceRecord } from './feed-schema.ts';

/** 2: `flags` gained FLAG_SAMPLE (the map's sample badge without reading full records). */
export const STARTUP_FORM_VERSION = 2;

type WeeklyHours = NonNullable<ServiceRecord['hours']>;

/** Bits of `flags`. */
export const FLAG_EV = 1;
export const FLAG_ACCESSIBLE = 2;
/** location: "approximate" (the town's representative point). */
export const FLAG_APPROXIMATE = 4;
/** source.kind "sample": generated sample data (every screen showing one says so). */
export const FLAG_SAMPLE = 8;

/** `fee` codes; 0 = not stated. */
export const FEES = [undefined, 'free', 'low', 'paid'] as const;
/** `hoursRef` value meaning "no weekly hours". */
export const NONE_U16 = 0xffff;

export interface StartupChunkRow {
  /** Same key as the chunk's row in serviceChunks. */
  path: string;
  town: string;
  formVersion: number;
  /** sha256 of the chunk file it was built from and its kept record count: a mismatch means out of date. */
  sha256: string;
  count: number;
  ids: string[];
  /** Record i at [2i] = lon, [2i + 1] = lat (WGS-84), the order kdbush was fed. */
  coords: Float64Array;
  /** Index into CATEGORIES. */
  category: Uint8Array;
  flags: Uint8Array;
  fee: Uint8Array;
  /** Age range in months as the feed states it (may be fractional); NaN when not stated. */
  ageMin: Float64Array;
  ageMax: Float64Array;
  /** Index into `hours`, NONE_U16 when the record has no weekly hours. */
  hoursRef: Uint16Array;
  /** The chunk's distinct weekly schedules (most records share a few). */
  hours: WeeklyHours[];
  /** [west, south, east, north] of the chunk's points; null when the chunk is empty. */
  bbox: [number, number, number, number] | null;
  /** kdbush 4 serialised index over `coords`; null when the chunk is empty. */
  kdbush: ArrayBuffer | null;
}

export const CATEGORY_CODE: ReadonlyMap<Category, number> = new Map(CATEGORIES.map((c, i) => [c, i]));

function hoursKey(h: WeeklyHours): string {
  // '\n' cannot occur inside a day's spans (schema regex): the key is unambiguous.
  return `${h.publicHolidays}\n${h.weekly.join('\n')}`;
}

/** Builds the start-up form of one chunk from its (already validated) records. */
export function buildStartupChunk(chunk: {
  path: string;
  town: string;
  sha256: string;
  records: readonly ServiceRecord[];
}): StartupChunkRow {
  const { records } = chunk;
  const n = records.length;
  const coords = new Float64Array(n * 2);
  const category = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const fee = new Uint8Array(n);
  const ageMin = new Float64Array(n).fill(NaN);
  const ageMax = new Float64Array(n).fill(NaN);
  const hoursRef = new Uint16Array(n).fill(NONE_U16);
  const hours: WeeklyHours[] = [];
  const hoursIndex = new Map<string, number>();
  const hoursByObject = new Map<WeeklyHours, number>();
  const ids = new Array<string>(n);
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let no = -Infinity;
  const tree = n > 0 ? new KDBush(n) : null;
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    ids[i] = r.id;
    coords[2 * i] = r.lon;
    coords[2 * i + 1] = r.lat;
    tree!.add(r.lon, r.lat);
    if (r.lon < w) w = r.lon;
    if (r.lon > e) e = r.lon;
    if (r.lat < s) s = r.lat;
    if (r.lat > no) no = r.lat;
    category[i] = CATEGORY_CODE.get(r.category)!;
    let f = 0;
    if (r.features?.includes('ev')) f |= FLAG_EV;
    if (r.features?.includes('accessible')) f |= FLAG_ACCESSIBLE;
    if (r.location === 'approximate') f |= FLAG_APPROXIMATE;
    if (r.source.kind === 'sample') f |= FLAG_SAMPLE;
    flags[i] = f;
    fee[i] = r.fee ? FEES.indexOf(r.fee) : 0;
    if (r.ageMonths) {
      ageMin[i] = r.ageMonths[0];
      ageMax[i] = r.ageMonths[1];
    }
    if (r.hours) {
      // records of a packed chunk share their hours object: look it up before building its key
      let ref = hoursByObject.get(r.hours);
      if (ref === undefined) {
        const key = hoursKey(r.hours);
        ref = hoursIndex.get(key);
        if (ref === undefined) {
          ref = hours.length;
          hours.push(r.hours);
          hoursIndex.set(key, ref);
        }
        hoursByObject.set(r.hours, ref);
      }
      // More distinct schedules than a u16 can name never happens in one town; if it did, "unknown" is the honest fallback.
      if (ref < NONE_U16) hoursRef[i] = ref;
    }
  }
  tree?.finish();
  return {
    path: chunk.path,
    town: chunk.town,
    formVersion: STARTUP_FORM_VERSION,
    sha256: chunk.sha256,
    count: n,
    ids,
    coords,
    category,
    flags,
    fee,
    ageMin,
    ageMax,
    hoursRef,
    hours,
    bbox: n > 0 ? [w, s, e, no] : null,
    kdbush: tree ? (tree.data as ArrayBuffer) : null,
  };
}

/**
 * True when `row` was built by this version of the code from the chunk the feed metadata describes
 * (same file, same number of records kept after the duplicate-id pass).
 */
export function isCurrentStartupRow(row: StartupChunkRow | undefined, chunk: { sha256: string; count: number }): row is StartupChunkRow {
  return !!row && row.formVersion === STARTUP_FORM_VERSION && row.sha256 === chunk.sha256 && row.count === chunk.count;
}
