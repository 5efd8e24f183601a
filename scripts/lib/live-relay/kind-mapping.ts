/**
 * From one row of an owner's answer to one availability item of the feed's own shape, per kind.
 * The config's `map` names the owner's fields; this module reads them, turns text into numbers and
 * local times into instants, and never fills a gap: a figure the row lacks rejects the row (counted by
 * reason), it is not guessed. Whether the figures are possible is the app's own item check's job.
 */
import * as v from 'valibot';
import type { Category } from '../../../src/data/categories.ts';
import { parseFeedTimestamp } from '../../../src/data/feed-time.ts';
import { fieldPathProblem, readField } from './json-select.ts';

export type RowReject = 'missingField' | 'notANumber' | 'badTime';
export type RawItem = { serviceId: string; observedAt: string; figures: Record<string, unknown> & { kind: Category } };
export type RowResult = { ok: true; item: RawItem } | { ok: false; reason: RowReject; detail: string };

const fieldPath = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(200),
  v.check((p) => fieldPathProblem(p) === null, 'is not a field path (name, a.b or $.x)'),
);
const optionalField = v.optional(fieldPath);
const KG_CLASSES = ['tuoban', 'xiaoban', 'zhongban', 'daban'] as const;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const common = {
  serviceId: fieldPath,
  /** Prepended to the owner's own code to make the feed's service id ("park-a-" + "P012"). */
  idPrefix: v.optional(v.pipe(v.string(), v.maxLength(60))),
  observedAt: fieldPath,
  /** How to read a time without an offset ("2026-12-06 09:41"); required when the owner writes such times. */
  timezone: v.optional(v.pipe(v.string(), v.check(isTimeZone, 'is not an IANA time zone (e.g. Asia/Shanghai)'))),
};

/** The `map` each kind accepts; strict, so a misspelt key is a config error, not a silently missing figure. */
export const MAP_SCHEMAS = {
  parking: v.strictObject({
    ...common,
    free: fieldPath,
    total: fieldPath,
    evFree: optionalField,
    evTotal: optionalField,
    accessibleFree: optionalField,
    accessibleTotal: optionalField,
    pricePerHourYuan: optionalField,
  }),
  clinic: v.strictObject({ ...common, appointmentsFree: fieldPath, appointmentsTotal: fieldPath }),
  elderly_daycare: v.strictObject({
    ...common,
    free: fieldPath,
    total: fieldPath,
    mealsServed: optionalField,
    mealSeatsFree: optionalField,
  }),
  kindergarten: v.pipe(
    v.strictObject({
      ...common,
      tuobanFree: optionalField,
      tuobanTotal: optionalField,
      xiaobanFree: optionalField,
      xiaobanTotal: optionalField,
      zhongbanFree: optionalField,
      zhongbanTotal: optionalField,
      dabanFree: optionalField,
      dabanTotal: optionalField,
    }),
    v.check(
      (m) =>
        KG_CLASSES.some((c) => m[`${c}Free`] !== undefined) &&
        KG_CLASSES.every((c) => (m[`${c}Free`] === undefined) === (m[`${c}Total`] === undefined)),
      'needs at least one class, each with both <class>Free and <class>Total (tuoban, xiaoban, zhongban, daban)',
    ),
  ),
  nursery: v.strictObject({
    ...common,
    bands: v.pipe(
      v.array(
        v.strictObject({
          fromMonths: v.pipe(v.number(), v.integer(), v.minValue(0)),
          toMonths: v.pipe(v.number(), v.integer(), v.minValue(0)),
          free: fieldPath,
          total: fieldPath,
        }),
      ),
      v.minLength(1),
    ),
  }),
  /** One row per slot; rows of the same service become one item. */
  sports_venue: v.strictObject({
    ...common,
    start: fieldPath,
    durationMinutes: v.union([fieldPath, v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(1440))]),
    remaining: fieldPath,
    maximum: fieldPath,
    bookingUrl: optionalField,
  }),
} satisfies Record<Category, v.GenericSchema>;

export type KindMap = { [K in Category]: v.InferOutput<(typeof MAP_SCHEMAS)[K]> };
export type OwnerMapping = { [K in Category]: { kind: K; map: KindMap[K] } }[Category];

/** Every owner field the mapping reads, for the "does this field exist" check at the first answer. */
export function mappedFields(m: OwnerMapping): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(m.map)) {
    if (key === 'idPrefix' || key === 'timezone') continue;
    if (typeof value === 'string') out.push(value);
  }
  if (m.kind === 'nursery') for (const b of m.map.bands) out.push(b.free, b.total);
  return out;
}

type Reader = { ok: true; value: number | undefined } | { ok: false; reason: RowReject; detail: string };

/** A count from JSON or CSV: a number, or text that is one; empty means absent. Fractions pass through for the item check to refuse. */
function numberAt(row: unknown, root: unknown, path: string | undefined): Reader {
  if (path === undefined) return { ok: true, value: undefined };
  const raw = readField(row, root, path);
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: undefined };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: raw };
  if (typeof raw === 'string' && /^[+-]?\d+(?:\.\d+)?$/.test(raw.trim())) return { ok: true, value: Number(raw.trim()) };
  return { ok: false, reason: 'notANumber', detail: `${path}: ${JSON.stringify(raw).slice(0, 40)}` };
}

const NAIVE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Offset of a time zone at an instant, in ms (Asia/Shanghai → +8 h), from Intl alone; one formatter per zone (building one costs more than using it). */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * An instant from what owners write: epoch seconds or milliseconds, ISO text with an offset, or a
 * wall-clock time ("2026-12-06 09:41:00", "2026/12/6 9:41") read in the configured time zone.
 */
export function readInstant(raw: unknown, timezone: string | undefined): number | string {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0) return raw < 1e11 ? raw * 1000 : raw;
  if (typeof raw !== 'string') return 'not a time';
  const text = raw.trim();
  const withZone = parseFeedTimestamp(text.replace(' ', 'T'));
  if (!Number.isNaN(withZone)) return withZone;
  const m = NAIVE.exec(text);
  if (!m) return `not a time: ${JSON.stringify(text).slice(0, 40)}`;
  if (!timezone) return `"${text}" has no offset and the owner's map names no timezone`;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || s > 59) return `not a real time: ${text}`;
  // Two passes settle the offset across a daylight-saving change (none in China, but the config may name any zone).
  let utc = wall - zoneOffsetMs(timezone, wall);
  utc = wall - zoneOffsetMs(timezone, utc);
  return utc;
}

function timeAt(
  row: unknown,
  root: unknown,
  path: string,
  timezone: string | undefined,
): { ok: true; iso: string } | { ok: false; reason: RowReject; detail: string } {
  const raw = readField(row, root, path);
  if (raw === undefined || raw === null || raw === '') return { ok: false, reason: 'missingField', detail: path };
  if (raw === lastTime.raw && path === lastTime.path && timezone === lastTime.timezone) return lastTime.result;
  const result = instantResult(raw, path, timezone);
  if (typeof raw === 'string') lastTime = { raw, path, timezone, result };
  return result;
}
type TimeResult = { ok: true; iso: string } | { ok: false; reason: RowReject; detail: string };
/** The rows of one answer usually share one time stamp: the last one read, and what it gave. */
let lastTime: { raw: unknown; path: string; timezone: string | undefined; result: TimeResult } = {
  raw: undefined,
  path: '',
  timezone: undefined,
  result: { ok: true, iso: '' },
};

function instantResult(raw: unknown, path: string, timezone: string | undefined): TimeResult {
  const t = readInstant(raw, timezone);
  if (typeof t === 'string') return { ok: false, reason: 'badTime', detail: `${path}: ${t}` };
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return { ok: false, reason: 'badTime', detail: `${path}: out of range` };
  return { ok: true, iso: d.toISOString() };
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是', '有']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '无']);

type FigurePairs = ReadonlyArray<readonly [key: string, path: string | undefined, required: boolean]>;

/** Reads the named figures into `into`; a required one that is absent rejects the row. */
function takeFigures(row: unknown, root: unknown, pairs: FigurePairs, into: Record<string, unknown>): RowResult | null {
  for (const [key, path, required] of pairs) {
    const r = numberAt(row, root, path);
    if (!r.ok) return r;
    if (r.value === undefined) {
      if (required) return { ok: false, reason: 'missingField', detail: path ?? key };
      continue;
    }
    into[key] = r.value;
  }
  return null;
}

/** Maps one row. Sports rows come out as one-slot items; groupSlots joins them. */
export function mapRow(mapping: OwnerMapping, row: unknown, root: unknown): RowResult {
  const m = mapping.map;
  const rawId = readField(row, root, m.serviceId);
  if (rawId === undefined || rawId === null || rawId === '') return { ok: false, reason: 'missingField', detail: m.serviceId };
  if (typeof rawId !== 'string' && typeof rawId !== 'number')
    return { ok: false, reason: 'missingField', detail: `${m.serviceId} is not text` };
  const serviceId = (m.idPrefix ?? '') + String(rawId).trim();
  const time = timeAt(row, root, m.observedAt, m.timezone);
  if (!time.ok) return time;

  const figures: Record<string, unknown> = { kind: mapping.kind };
  const take = (pairs: FigurePairs, into: Record<string, unknown>) => takeFigures(row, root, pairs, into);
  let fault: RowResult | null = null;
  switch (mapping.kind) {
    case 'parking': {
      const p = mapping.map;
      fault = take(
        [
          ['free', p.free, true],
          ['total', p.total, true],
          ['evFree', p.evFree, false],
          ['evTotal', p.evTotal, false],
          ['accessibleFree', p.accessibleFree, false],
          ['accessibleTotal', p.accessibleTotal, false],
          ['pricePerHourYuan', p.pricePerHourYuan, false],
        ],
        figures,
      );
      break;
    }
    case 'clinic':
      fault = take(
        [
          ['appointmentsFree', mapping.map.appointmentsFree, true],
          ['appointmentsTotal', mapping.map.appointmentsTotal, true],
        ],
        figures,
      );
      break;
    case 'elderly_daycare': {
      const places: Record<string, unknown> = {};
      fault = take(
        [
          ['free', mapping.map.free, true],
          ['total', mapping.map.total, true],
        ],
        places,
      );
      figures.places = places;
      if (!fault && mapping.map.mealsServed !== undefined) {
        const served = readField(row, root, mapping.map.mealsServed);
        const text = String(served ?? '')
          .trim()
          .toLowerCase();
        const meals: Record<string, unknown> = {};
        if (served === true || TRUE.has(text)) meals.served = true;
        else if (served === false || FALSE.has(text)) meals.served = false;
        if (meals.served !== undefined) {
          fault = take([['seatsFree', mapping.map.mealSeatsFree, false]], meals);
          figures.mealsToday = meals;
        }
      }
      break;
    }
    case 'kindergarten': {
      const classes: Record<string, unknown> = {};
      for (const c of KG_CLASSES) {
        const pair: Record<string, unknown> = {};
        fault = take(
          [
            ['free', mapping.map[`${c}Free`], false],
            ['total', mapping.map[`${c}Total`], false],
          ],
          pair,
        );
        if (fault) break;
        // A class the kindergarten does not run is an empty pair; half a pair is a missing figure.
        if (pair.free !== undefined && pair.total !== undefined) classes[c] = pair;
        else if (pair.free !== undefined || pair.total !== undefined)
          return {
            ok: false,
            reason: 'missingField',
            detail: (pair.free === undefined ? mapping.map[`${c}Free`] : mapping.map[`${c}Total`]) ?? c,
          };
      }
      if (!fault && Object.keys(classes).length === 0) return { ok: false, reason: 'missingField', detail: 'no class figures' };
      figures.classes = classes;
      break;
    }
    case 'nursery': {
      const bands: Array<Record<string, unknown>> = [];
      for (const b of mapping.map.bands) {
        const band: Record<string, unknown> = { fromMonths: b.fromMonths, toMonths: b.toMonths };
        fault = take(
          [
            ['free', b.free, true],
            ['total', b.total, true],
          ],
          band,
        );
        if (fault) break;
        bands.push(band);
      }
      figures.bands = bands;
      break;
    }
    case 'sports_venue': {
      const s = mapping.map;
      const start = timeAt(row, root, s.start, s.timezone);
      if (!start.ok) return start;
      const slot: Record<string, unknown> = { start: start.iso };
      const duration: FigurePairs = typeof s.durationMinutes === 'number' ? [] : [['durationMinutes', s.durationMinutes, true]];
      if (typeof s.durationMinutes === 'number') slot.durationMinutes = s.durationMinutes;
      fault = take([...duration, ['remaining', s.remaining, true], ['maximum', s.maximum, true]], slot);
      if (!fault && s.bookingUrl !== undefined) {
        const url = readField(row, root, s.bookingUrl);
        if (typeof url === 'string' && url.trim() !== '') slot.bookingUrl = url.trim();
      }
      figures.slots = [slot];
      break;
    }
  }
  if (fault) return fault;
  return { ok: true, item: { serviceId, observedAt: time.iso, figures: figures as RawItem['figures'] } };
}

/** Sports rows are one slot each: one item per service, slots in time order, the latest observation. */
export function groupSlots(items: RawItem[]): RawItem[] {
  const byId = new Map<string, RawItem>();
  for (const it of items) {
    const seen = byId.get(it.serviceId);
    if (!seen) {
      byId.set(it.serviceId, { ...it, figures: { ...it.figures, slots: [...(it.figures.slots as unknown[])] } });
      continue;
    }
    (seen.figures.slots as unknown[]).push(...(it.figures.slots as unknown[]));
    if (it.observedAt > seen.observedAt) seen.observedAt = it.observedAt;
  }
  for (const it of byId.values()) (it.figures.slots as Array<{ start: string }>).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return [...byId.values()];
}
