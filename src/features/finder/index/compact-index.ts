/**
 * The finder's in-memory index over the compact start-up form (src/data/startup-form.ts): one k-d
 * tree per town chunk (restored with KDBush.from, never rebuilt) and the filter fields as typed
 * arrays. Services are numbered 0…size-1 across chunks in the order the chunks were given; full
 * records are not here (see record-cache.ts).
 *
 * Nearest-first queries walk the chunks in order of their bounding box's distance and stop as soon
 * as no unvisited chunk can hold anything closer than the n-th hit so far.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { CATEGORIES, type Category } from '../../../data/categories';
import { FLAG_APPROXIMATE, FLAG_ACCESSIBLE, FLAG_EV, FLAG_SAMPLE, FEES, NONE_U16, type StartupChunkRow } from '../../../data/startup-form';
import { distanceMetres } from '../../../geo/distance';
import type { WeeklyHours } from '../common/open-now';
import type { FilterFields } from '../common/service-filter';

export interface IndexHit {
  /** Service number in this index. */
  index: number;
  metres: number;
}

export interface IndexPart {
  path: string;
  town: string;
  sha256: string;
  /** Number of the part's first service. */
  base: number;
  count: number;
  bbox: [number, number, number, number] | null;
  tree: KDBush | null;
}

export interface CompactIndex {
  readonly size: number;
  readonly parts: readonly IndexPart[];
  readonly ids: readonly string[];
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Index into CATEGORIES. */
  readonly category: Uint8Array;
  readonly flags: Uint8Array;
  readonly fee: Uint8Array;
  readonly ageMin: Float64Array;
  readonly ageMax: Float64Array;
  /** Which part each service belongs to. */
  readonly partOf: Uint16Array;
  /** What the finder's filters read (service-filter.ts). */
  readonly fields: FilterFields;
  townOf(i: number): string;
  categoryOf(i: number): Category;
  feeOf(i: number): 'free' | 'low' | 'paid' | undefined;
  hoursOf(i: number): WeeklyHours | undefined;
  isApproximate(i: number): boolean;
  /** The record is generated sample data (source.kind "sample"). */
  isSample(i: number): boolean;
  hasFeature(i: number, feature: 'ev' | 'accessible'): boolean;
  /** Service number of an id, or undefined (the id map is built on first use). */
  indexOfId(id: string): number | undefined;
  /** The n nearest services passing `accept`, closest first. */
  nearest(lat: number, lon: number, n: number, accept?: (i: number) => boolean): IndexHit[];
  /** Every service within `metres` passing `accept`, closest first. */
  withinRadius(lat: number, lon: number, metres: number, accept?: (i: number) => boolean): IndexHit[];
}

/** Lower bound of the distance from a point to a lon/lat box (0 inside it). */
function metresToBox(lat: number, lon: number, [w, s, e, n]: [number, number, number, number]): number {
  const clampedLon = Math.min(Math.max(lon, w), e);
  const clampedLat = Math.min(Math.max(lat, s), n);
  if (clampedLon === lon && clampedLat === lat) return 0;
  // On a sphere the nearest point of a lon/lat box can lie slightly off the clamped point; at city
  // scale the difference is far below 1 %, so shave 1 % to keep this a lower bound.
  return distanceMetres(lat, lon, clampedLat, clampedLon) * 0.99;
}

/** Builds the index from start-up rows (any order; services are numbered in this order). */
export function buildCompactIndex(rows: readonly StartupChunkRow[]): CompactIndex {
  const size = rows.reduce((sum, r) => sum + r.count, 0);
  const ids = new Array<string>(size);
  const lat = new Float64Array(size);
  const lon = new Float64Array(size);
  const category = new Uint8Array(size);
  const flags = new Uint8Array(size);
  const fee = new Uint8Array(size);
  const ageMin = new Float64Array(size);
  const ageMax = new Float64Array(size);
  const partOf = new Uint16Array(size);
  const hoursRef = new Uint32Array(size);
  const hours: WeeklyHours[] = [];
  const parts: IndexPart[] = [];
  const NO_HOURS = 0xffffffff;
  let base = 0;
  rows.forEach((row, p) => {
    const hoursBase = hours.length;
    for (const h of row.hours) hours.push(h);
    for (let k = 0; k < row.count; k++) {
      const i = base + k;
      ids[i] = row.ids[k]!;
      lon[i] = row.coords[2 * k]!;
      lat[i] = row.coords[2 * k + 1]!;
      const ref = row.hoursRef[k]!;
      hoursRef[i] = ref === NONE_U16 ? NO_HOURS : hoursBase + ref;
      partOf[i] = p;
    }
    category.set(row.category, base);
    flags.set(row.flags, base);
    fee.set(row.fee, base);
    ageMin.set(row.ageMin, base);
    ageMax.set(row.ageMax, base);
    parts.push({
      path: row.path,
      town: row.town,
      sha256: row.sha256,
      base,
      count: row.count,
      bbox: row.bbox,
      tree: row.kdbush && row.count > 0 ? KDBush.from(row.kdbush) : null,
    });
    base += row.count;
  });

  let byId: Map<string, number> | null = null;

  const query = (qLat: number, qLon: number, n: number, maxMetres: number, accept?: (i: number) => boolean): IndexHit[] => {
    if (n <= 0 || size === 0) return [];
    const order = parts
      .filter((part) => part.tree && part.bbox)
      .map((part) => ({ part, bound: metresToBox(qLat, qLon, part.bbox!) }))
      .filter((x) => x.bound <= maxMetres)
      .sort((a, b) => a.bound - b.bound);
    let hits: IndexHit[] = [];
    for (const { part, bound } of order) {
      if (hits.length >= n && bound > hits[n - 1]!.metres) break;
      const limitMetres = hits.length >= n ? Math.min(maxMetres, hits[n - 1]!.metres) : maxMetres;
      const pred = accept ? (local: number) => accept(part.base + local) : undefined;
      // geokdbush takes kilometres; a hair of slack so a tie at the limit is not lost to rounding.
      const local = around(part.tree!, qLon, qLat, n, limitMetres === Infinity ? Infinity : limitMetres / 1000 + 1e-6, pred);
      if (local.length === 0) continue;
      const found = local.map((k) => {
        const i = part.base + k;
        return { index: i, metres: distanceMetres(qLat, qLon, lat[i]!, lon[i]!) };
      });
      // geokdbush orders by its own haversine; re-sort by ours so the merge sees one metric.
      found.sort((x, y) => x.metres - y.metres);
      hits = mergeByDistance(hits, found, n);
    }
    return maxMetres === Infinity ? hits : hits.filter((h) => h.metres <= maxMetres);
  };

  const categoryOf = (i: number): Category => CATEGORIES[category[i]!]!;
  const feeOf = (i: number) => FEES[fee[i]!];
  const hoursOf = (i: number) => (hoursRef[i] === NO_HOURS ? undefined : hours[hoursRef[i]!]);
  const hasFeature = (i: number, feature: 'ev' | 'accessible') => (flags[i]! & (feature === 'ev' ? FLAG_EV : FLAG_ACCESSIBLE)) !== 0;
  return {
    size,
    parts,
    ids,
    lat,
    lon,
    category,
    flags,
    fee,
    ageMin,
    ageMax,
    partOf,
    fields: {
      category: categoryOf,
      fee: feeOf,
      hasFeature,
      ageMin: (i) => ageMin[i],
      ageMax: (i) => ageMax[i],
      hours: hoursOf,
      id: (i) => ids[i]!,
    },
    townOf: (i) => parts[partOf[i]!]!.town,
    categoryOf,
    feeOf,
    hoursOf,
    isApproximate: (i) => (flags[i]! & FLAG_APPROXIMATE) !== 0,
    isSample: (i) => (flags[i]! & FLAG_SAMPLE) !== 0,
    hasFeature,
    indexOfId: (id) => {
      if (!byId) {
        byId = new Map();
        // First occurrence wins, as the sync keeps the first record with an id.
        for (let i = size - 1; i >= 0; i--) byId.set(ids[i]!, i);
      }
      return byId.get(id);
    },
    nearest: (qLat, qLon, n, accept) => query(qLat, qLon, n, Infinity, accept),
    withinRadius: (qLat, qLon, metres, accept) => query(qLat, qLon, Infinity, metres, accept),
  };
}

/** Merges two distance-sorted lists, keeping the first `n` (ties: the earlier list first). */
function mergeByDistance(a: IndexHit[], b: IndexHit[], n: number): IndexHit[] {
  const out: IndexHit[] = [];
  let i = 0;
  let j = 0;
  while (out.length < n && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && a[i]!.metres <= b[j]!.metres)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
