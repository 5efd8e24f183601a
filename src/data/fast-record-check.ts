/**
 * The import's hot path (issue 13 point 5): a hand-written check of one service record that accepts
 * exactly what `validateServiceRecord` (valibot, feed-schema.ts) accepts and builds the same output
 * record — same keys in the same order, unknown keys dropped, arrays and objects copied. Anything it does
 * not accept goes to valibot, which alone decides the reject and words its reasons.
 * tests/fuzz/fast-record-check.fuzz.test.ts compares both on generated and mutated records.
 *
 * Mirrors valibot 1.x semantics on purpose: `key in input` decides presence (a key present with the
 * value undefined is copied as undefined), a number is any non-NaN number, lengths count UTF-16 units.
 */
import * as v from 'valibot';
import { CATEGORIES } from './categories.ts';
import * as schema from './feed-schema.ts';
import * as urls from './safe-url.ts';
import type { ServiceRecord } from './feed-schema.ts';
import { isTownCode } from '../geo/towns.ts';
import { isNearDongguan, validateServiceRecord, type RecordResult } from './validate-feed.ts';

// Plain local copies: module bindings can compile to getters (tsx, some bundles), read 100k times each.
const {
  DAY_SPANS_PATTERN,
  FACILITY_CATEGORY,
  MAX_NAME,
  MAX_TEXT,
  PHONE_EXT_PATTERN,
  PHONE_PATTERN,
  PINYIN_FULL_PATTERN,
  PINYIN_INITIALS_PATTERN,
  SOURCE_ID_PATTERN,
  RECORD_ID_PATTERN,
  SOURCE_KINDS,
  TOWN_CODE_PATTERN,
  isoDateTime,
} = schema;
const { SAFE_URL } = urls;

type Obj = Record<string, unknown>;
/** Returned by a part check that does not accept its value: the record goes to valibot. */
const NO = Symbol('no');
type Out<T> = T | typeof NO;

const isPlainObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/*
 * Whether the record being checked holds only keys the schema keeps (then the output equals the input but
 * for key order, and the sync may store the verified file bytes instead of the output objects). Set by
 * fastRecordCheck, read through fastValidateServiceRecord's `exact`.
 */
let extraKeys = false;
/** Enumerable keys, own or inherited (an inherited one also makes the object inexact: the safe side). */
function keyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}
const noExtraKeys = (o: object, known: number): void => {
  if (keyCount(o) !== known) extraKeys = true;
};
const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);
const text = (x: unknown, max: number): boolean => typeof x === 'string' && x.length >= 1 && x.length <= max;

/* Timestamps and day spans repeat across a feed (one "updated" per source, a few opening-hours
   patterns): remember the last accepted ones so the regexes and the calendar check run once each. */
const MEMO_LIMIT = 256;
const acceptedTimestamps = new Set<string>();
const acceptedDays = new Set<string>();
function remember(set: Set<string>, s: string): void {
  if (set.size >= MEMO_LIMIT) set.clear();
  set.add(s);
}
function isIsoDateTime(x: unknown): x is string {
  if (typeof x !== 'string') return false;
  if (acceptedTimestamps.has(x)) return true;
  // Same valibot pipe as the schema (isoTimestamp + the real-calendar check), run once per distinct text.
  if (!v.is(isoDateTime, x)) return false;
  remember(acceptedTimestamps, x);
  return true;
}
function isDaySpans(x: unknown): x is string {
  if (typeof x !== 'string') return false;
  if (acceptedDays.has(x)) return true;
  if (!DAY_SPANS_PATTERN.test(x)) return false;
  remember(acceptedDays, x);
  return true;
}

function localized(x: unknown, max: number): Out<{ zh: string; en: string; zhHant?: string }> {
  if (!isPlainObject(x)) return NO;
  if (!('zh' in x) || !text(x.zh, max) || !('en' in x) || !text(x.en, max)) return NO;
  const out: { zh: string; en: string; zhHant?: string } = { zh: x.zh as string, en: x.en as string };
  if ('zhHant' in x) {
    const h = x.zhHant;
    if (h !== undefined && !text(h, max)) return NO;
    out.zhHant = h as string | undefined;
    noExtraKeys(x, 3);
  } else noExtraKeys(x, 2);
  return out;
}

function phones(x: unknown): Out<NonNullable<ServiceRecord['phones']>> {
  if (!Array.isArray(x) || x.length < 1 || x.length > 10) return NO;
  const out: NonNullable<ServiceRecord['phones']> = [];
  for (let i = 0; i < x.length; i++) {
    const p: unknown = x[i];
    // valibot's plain object() here: any non-null object, arrays included.
    if (typeof p !== 'object' || p === null || !('number' in p)) return NO;
    // (an array is output as a plain object: not the input any more)
    if (Array.isArray(p)) extraKeys = true;
    const number = (p as Obj).number;
    if (typeof number !== 'string' || !PHONE_PATTERN.test(number)) return NO;
    const item: { number: string; ext?: string } = { number };
    if ('ext' in p) {
      const ext = (p as Obj).ext;
      if (ext !== undefined && (typeof ext !== 'string' || !PHONE_EXT_PATTERN.test(ext))) return NO;
      item.ext = ext as string | undefined;
      noExtraKeys(p, 2);
    } else noExtraKeys(p, 1);
    out.push(item);
  }
  return out;
}

function hours(x: unknown): Out<NonNullable<ServiceRecord['hours']>> {
  if (!isPlainObject(x) || !('weekly' in x) || !('publicHolidays' in x)) return NO;
  const weekly = x.weekly;
  if (!Array.isArray(weekly) || weekly.length !== 7) return NO;
  const days: string[] = [];
  for (let i = 0; i < 7; i++) {
    const d: unknown = weekly[i];
    if (!isDaySpans(d)) return NO;
    days.push(d);
  }
  const ph = x.publicHolidays;
  if (ph !== 'closed' && ph !== 'open' && ph !== 'weekend') return NO;
  const out: NonNullable<ServiceRecord['hours']> = { weekly: days, publicHolidays: ph };
  if ('osm' in x) {
    const osm = x.osm;
    if (osm !== undefined && (typeof osm !== 'string' || osm.length > 255)) return NO;
    out.osm = osm as string | undefined;
    noExtraKeys(x, 3);
  } else noExtraKeys(x, 2);
  return out;
}

/*
 * An unpacked chunk's records share one frozen object per distinct source and opening hours (packed-chunk.ts): each
 * is checked once, and its records share the frozen output too. Only a frozen object is remembered (nothing can
 * change it between two records); what it did to `extraKeys` is replayed for every record that holds it.
 */
const checkedShared = new WeakMap<object, { out: object; extra: boolean }>();
function sharedPart<T extends object>(x: unknown, check: (x: unknown) => Out<T>): Out<T> {
  if (typeof x !== 'object' || x === null || !Object.isFrozen(x)) return check(x);
  const known = checkedShared.get(x);
  if (known) {
    if (known.extra) extraKeys = true;
    return known.out as T;
  }
  const before = extraKeys;
  extraKeys = false;
  const out = check(x);
  const extra = extraKeys;
  extraKeys = before || extra;
  if (out !== NO) {
    for (const inner of Object.values(out)) if (typeof inner === 'object' && inner !== null) Object.freeze(inner);
    checkedShared.set(x, { out: Object.freeze(out), extra });
  }
  return out;
}

const ageMonth = (x: unknown): x is number => isNumber(x) && Number.isFinite(x) && x >= 0 && x <= 1500;
function ageMonths(x: unknown): Out<[number, number]> {
  if (!Array.isArray(x) || x.length !== 2) return NO;
  const [min, max] = x as unknown[];
  if (!ageMonth(min) || !ageMonth(max) || !(min <= max)) return NO;
  return [min, max];
}

const FEATURES: readonly unknown[] = ['ev', 'accessible', 'meals', 'school_ground'];
function features(x: unknown): Out<NonNullable<ServiceRecord['features']>> {
  if (!Array.isArray(x)) return NO;
  const out: NonNullable<ServiceRecord['features']> = [];
  for (let i = 0; i < x.length; i++) {
    const f: unknown = x[i];
    if (!FEATURES.includes(f)) return NO;
    out.push(f as NonNullable<ServiceRecord['features']>[number]);
  }
  return out;
}

const KINDS: readonly unknown[] = SOURCE_KINDS;
function source(x: unknown): Out<ServiceRecord['source']> {
  if (!isPlainObject(x) || !('kind' in x) || !('reference' in x) || !('updated' in x)) return NO;
  const { kind, reference, updated } = x;
  if (!KINDS.includes(kind) || typeof reference !== 'string' || reference.length > 500 || !isIsoDateTime(updated)) return NO;
  const typedKind = kind as ServiceRecord['source']['kind'];
  noExtraKeys(x, 'id' in x ? 4 : 3);
  if (!('id' in x) || x.id === undefined) return { kind: typedKind, reference, updated };
  // Same key order as the schema's output (id first), so both checks give byte-identical JSON.
  if (typeof x.id !== 'string' || !SOURCE_ID_PATTERN.test(x.id)) return NO;
  return { id: x.id, kind: typedKind, reference, updated };
}

function pinyin(x: unknown): Out<ServiceRecord['pinyin']> {
  if (!isPlainObject(x) || !('full' in x) || !('initials' in x)) return NO;
  const { full, initials } = x;
  if (typeof full !== 'string' || full.length > 600 || !PINYIN_FULL_PATTERN.test(full)) return NO;
  if (typeof initials !== 'string' || initials.length > 200 || !PINYIN_INITIALS_PATTERN.test(initials)) return NO;
  noExtraKeys(x, 2);
  return { full, initials };
}

const CATEGORY_LIST: readonly unknown[] = CATEGORIES;
const FEES: readonly unknown[] = ['free', 'low', 'paid'];
const FIGURE_KEYS = Object.keys(FACILITY_CATEGORY) as (keyof typeof FACILITY_CATEGORY)[];
const FIGURE_LIMITS: Record<keyof typeof FACILITY_CATEGORY, { max: number; integer: boolean }> = {
  beds: { max: 20000, integer: true },
  doctors: { max: 20000, integer: true },
  groundAreaM2: { max: 5_000_000, integer: false },
  floorAreaM2: { max: 1_000_000, integer: false },
};

/**
 * The record as valibot's serviceRecordSchema would output it, or null when this check does not accept
 * it (then only valibot may say why). Town and distance checks are validateServiceRecord's, below.
 */
export function fastRecordCheck(raw: unknown): ServiceRecord | null {
  extraKeys = false;
  if (!isPlainObject(raw)) return null;
  const r = raw;
  if (!('id' in r) || !('category' in r) || !('name' in r) || !('town' in r) || !('lat' in r) || !('lon' in r)) return null;
  if (!('source' in r) || !('pinyin' in r)) return null;
  const { id, category, town, lat, lon } = r;
  if (typeof id !== 'string' || !RECORD_ID_PATTERN.test(id)) return null;
  if (!CATEGORY_LIST.includes(category)) return null;
  const name = localized(r.name, MAX_NAME);
  if (name === NO) return null;
  if (typeof town !== 'string' || !TOWN_CODE_PATTERN.test(town)) return null;
  if (!isNumber(lat) || !Number.isFinite(lat) || lat < -90 || lat > 90) return null;
  if (!isNumber(lon) || !Number.isFinite(lon) || lon < -180 || lon > 180) return null;
  // Keys in the schema's order, so the output is the same object valibot builds, key order included.
  const out = { id, category, name, town, lat, lon } as Obj;
  if ('address' in r) {
    const a = r.address;
    if (a === undefined) out.address = undefined;
    else {
      const checked = localized(a, MAX_NAME);
      if (checked === NO) return null;
      out.address = checked;
    }
  }
  if ('phone' in r) {
    const p = r.phone;
    if (p !== undefined && (typeof p !== 'string' || !PHONE_PATTERN.test(p))) return null;
    out.phone = p;
  }
  if ('phones' in r) {
    const p = r.phones;
    if (p === undefined) out.phones = undefined;
    else {
      const checked = phones(p);
      if (checked === NO) return null;
      out.phones = checked;
    }
  }
  if ('location' in r) {
    const l = r.location;
    if (l !== undefined && l !== 'approximate') return null;
    out.location = l;
  }
  if ('hoursAsWritten' in r) {
    const h = r.hoursAsWritten;
    if (h !== undefined && !text(h, 255)) return null;
    out.hoursAsWritten = h;
  }
  if ('url' in r) {
    const u = r.url;
    if (u !== undefined && (typeof u !== 'string' || u.length > 2048 || !SAFE_URL.test(u))) return null;
    out.url = u;
  }
  if ('hours' in r) {
    const h = r.hours;
    if (h === undefined) out.hours = undefined;
    else {
      const checked = sharedPart(h, hours);
      if (checked === NO) return null;
      out.hours = checked;
    }
  }
  if ('capacity' in r) {
    const c = r.capacity;
    if (c !== undefined && (!isNumber(c) || !Number.isInteger(c) || c < 0 || c > 100000)) return null;
    out.capacity = c;
  }
  if ('ageMonths' in r) {
    const a = r.ageMonths;
    if (a === undefined) out.ageMonths = undefined;
    else {
      const checked = ageMonths(a);
      if (checked === NO) return null;
      out.ageMonths = checked;
    }
  }
  if ('fee' in r) {
    const f = r.fee;
    if (f !== undefined && !FEES.includes(f)) return null;
    out.fee = f;
  }
  if ('features' in r) {
    const f = r.features;
    if (f === undefined) out.features = undefined;
    else {
      const checked = features(f);
      if (checked === NO) return null;
      out.features = checked;
    }
  }
  if ('description' in r) {
    const d = r.description;
    if (d === undefined) out.description = undefined;
    else {
      const checked = localized(d, MAX_TEXT);
      if (checked === NO) return null;
      out.description = checked;
    }
  }
  const src = sharedPart(r.source, source);
  if (src === NO) return null;
  out.source = src;
  const py = pinyin(r.pinyin);
  if (py === NO) return null;
  out.pinyin = py;
  for (const k of FIGURE_KEYS) {
    if (!(k in r)) continue;
    const n = r[k];
    if (n !== undefined) {
      const lim = FIGURE_LIMITS[k];
      if (!isNumber(n) || !(lim.integer ? Number.isInteger(n) : Number.isFinite(n)) || n < 0 || n > lim.max) return null;
      // The schema's last check: each facility figure belongs to one category.
      if (category !== FACILITY_CATEGORY[k]) return null;
    }
    out[k] = n;
  }
  // `out` holds exactly the schema's keys that `r` has: any other key in `r` is one the schema drops.
  noExtraKeys(r, keyCount(out));
  return out as ServiceRecord;
}

/**
 * The sync's record validator (same contract as validateServiceRecord): the fast check first; a record
 * it does not accept, or that fails the town or distance check, is decided by validateServiceRecord.
 */
export function fastValidateServiceRecord(raw: unknown): RecordResult & { exact?: boolean } {
  const record = fastRecordCheck(raw);
  if (record !== null && isTownCode(record.town) && isNearDongguan(record.lon, record.lat)) return { ok: true, record, exact: !extraKeys };
  return validateServiceRecord(raw);
}
