/**
 * One input record (a "candidate", whatever the source format) → one feed record, with every field
 * that is dropped or changed written to the import report. Shared by the OSM, HSDS and spreadsheet
 * importers, so coordinates, towns, phones, URLs, hours and categories follow one set of rules.
 * Never throws: an unexpected failure skips this record only.
 */
import * as v from 'valibot';
import type { ServiceRecord } from '../data/feed-schema.ts';
import type { Category } from '../data/categories.ts';
import { validateServiceRecord } from '../data/validate-feed.ts';
import { isNearDongguan, MAX_FUTURE_SKEW_MS } from '../data/validate-feed.ts';
import { TOWN_BY_CODE } from '../geo/towns.ts';
import { pinyinOf, pinyinTitle, toHant } from './chinese-text.ts';
import { categoryOfSourceTerms, categoryOfTerms, type SourceTermTable } from './categories.ts';
import { looksSwapped, toWgs84, type InputCrs } from './crs.ts';
import { bilingualAddress, hasHan, isRealDate, normaliseUrl, parsePhones } from './fields.ts';
import type { HoursOutcome } from './hours.ts';
import type { ImportReport } from './report.ts';
import { townFromName, townInAddress, townRepresentativePoint } from './towns.ts';
import type { TownAt } from './town-lookup.ts';

export interface Candidate {
  /** Where the record came from, for the report (e.g. "node/123", "row 17"). */
  ref: string;
  /**
   * source.reference when it must differ from `ref`: a spreadsheet's row number moves when the owner deletes a
   * row above, so the record names its id cell or a content digest instead (its bytes must not depend on its row).
   */
  reference?: string;
  /** Proposed id; characters the feed does not allow are replaced (and reported). */
  id: string;
  sourceKind: ServiceRecord['source']['kind'];
  /** Set when the source states the category outright (profile extension, a category column). */
  category?: Category;
  /** Whole terms that may name the category (taxonomy terms, OSM tags as key=value, a type column). */
  terms: string[];
  name: { zh?: string; en?: string; zhHant?: string };
  /** Raw coordinates in the input's coordinate system. */
  lon?: unknown;
  lat?: unknown;
  /** Town as the source states it (code or name). */
  town?: string;
  address?: { zh?: string; en?: string };
  phones?: string[];
  url?: string;
  /** Already worked out by the source importer (OSM rule, HSDS schedules, a spreadsheet column). */
  hours?: HoursOutcome;
  capacity?: unknown;
  ageMonths?: [unknown, unknown];
  fee?: ServiceRecord['fee'];
  features?: ServiceRecord['features'];
  description?: string;
  updated?: unknown;
  /** Further profile fields the source states outright (e.g. beds, doctors, areas from HSDS attributes); validated with the rest. */
  extra?: Record<string, unknown>;
  /** The source says its point is only approximate (a re-import of an approximate record). */
  approximate?: boolean;
  /** Name to use when the source has none (OSM: "Unnamed kindergarten"); otherwise unnamed records are skipped. */
  unnamed?: (c: Category) => { zh: string; en: string };
}

export interface BuildContext {
  crs: InputCrs;
  /** Town polygon lookup (the core reads no files: the caller brings the polygons). */
  townAt: TownAt;
  report: ImportReport;
  /** --category: one category for the whole input. */
  forcedCategory?: Category;
  /** source.updated when the record has no usable date. */
  updated: string;
  nowMs: number;
  /** The source's own term → category table (feed:publish `categoryTerms`), read before the shared one. */
  categoryTerms?: SourceTermTable;
}

const ISO_TIMESTAMP = v.pipe(v.string(), v.isoTimestamp());
const ID_OK = /^[A-Za-z0-9._:-]{1,100}$/;
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

function finiteNumber(x: unknown): number | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? x : undefined;
  if (typeof x === 'string' && x.trim() !== '') {
    const n = Number(x.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function resolveCategory(c: Candidate, ctx: BuildContext): Category | undefined {
  return ctx.forcedCategory ?? categoryOfSourceTerms(ctx.categoryTerms, c.terms) ?? c.category ?? categoryOfTerms(c.terms);
}

const SWAPPED = 'latitude and longitude look swapped (lat near 113, lon near 23)';

type Placement = { ok: true; lon: number; lat: number; town: string; approximate: boolean } | { ok: false; reason: string };

type FieldNote = { field(ref: string, field: string, reason: string): void };

/** Field notes of one record, held until the record is known to be imported. */
class PendingNotes implements FieldNote {
  private notes: string[] | null = null;
  constructor(private readonly report: ImportReport) {}
  field(_ref: string, field: string, reason: string): void {
    (this.notes ??= []).push(field, reason);
  }
  skip(reason: string, example: string): void {
    this.report.skip(reason, example);
  }
  commit(ref: string): void {
    const n = this.notes;
    if (n) for (let i = 0; i < n.length; i += 2) this.report.field(ref, n[i]!, n[i + 1]!);
  }
}

function place(
  c: Candidate,
  address: { zh: string; en: string } | undefined,
  ctx: BuildContext,
  ref: string,
  report: FieldNote,
): Placement {
  const statedTown = c.town && c.town.trim() ? townFromName(c.town) : undefined;
  if (c.town && c.town.trim() && !statedTown) report.field(ref, 'town', 'not a Dongguan town name or code, ignored');
  const lon = finiteNumber(c.lon);
  const lat = finiteNumber(c.lat);
  const hasPoint = lon !== undefined && lat !== undefined;
  // Said plainly, so the owner swaps the lat and lon columns instead of hunting for "out of range" points.
  const swapped = hasPoint && looksSwapped(lon, lat);
  if ((c.lon !== undefined && c.lon !== '' && c.lon !== null) || (c.lat !== undefined && c.lat !== '' && c.lat !== null)) {
    if (!hasPoint) report.field(ref, 'location', 'coordinates not numbers, ignored');
  }
  if (hasPoint && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    const [x, y] = toWgs84(lon, lat, ctx.crs);
    const town = ctx.townAt(x, y);
    if (town) {
      if (statedTown && statedTown.code !== town)
        report.field(ref, 'town', `point is in ${TOWN_BY_CODE.get(town)?.zh ?? town}, not the stated town (kept where the point is)`);
      if (ctx.crs !== 'wgs84') report.field(ref, 'location', `converted from ${ctx.crs} to wgs84`);
      return { ok: true, lon: x, lat: y, town, approximate: false };
    }
    // In a gap between simplified polygons, close to Dongguan: keep the point under the stated town.
    if (statedTown && isNearDongguan(x, y)) {
      report.field(ref, 'town', 'point outside every town polygon, kept under the stated town');
      return { ok: true, lon: x, lat: y, town: statedTown.code, approximate: false };
    }
    if (!statedTown && !address) return { ok: false, reason: 'outside Dongguan' };
    report.field(ref, 'location', 'point outside Dongguan, ignored');
  } else if (hasPoint) report.field(ref, 'location', swapped ? `${SWAPPED}, ignored` : 'coordinates out of range, ignored');
  const town = statedTown ?? (address ? (townInAddress(address.zh) ?? townInAddress(address.en)) : undefined);
  if (!town) return { ok: false, reason: swapped ? SWAPPED : hasPoint ? 'outside Dongguan' : 'no coordinates and no town' };
  const point = townRepresentativePoint(town.code);
  if (!point) return { ok: false, reason: 'no coordinates and the town has no representative point' };
  report.field(ref, 'location', 'approximate (town representative point)');
  return { ok: true, lon: point[0], lat: point[1], town: town.code, approximate: true };
}

/** Optional fields validation can still reject; dropped one by one (and reported) to keep the place. */
const DROPPABLE = [
  'phone',
  'phones',
  'url',
  'hours',
  'hoursAsWritten',
  'capacity',
  'ageMonths',
  'fee',
  'features',
  'description',
  'address',
  'beds',
  'doctors',
  'groundAreaM2',
  'floorAreaM2',
];

/** Builds and validates the record; returns it, or the reason it was skipped (already reported). */
export function buildRecord(c: Candidate, ctx: BuildContext): ServiceRecord | null {
  let ref = '?';
  // Field changes are counted only for records that end up imported.
  const report = new PendingNotes(ctx.report);
  try {
    ref = clip(String(c.ref), 80);
    const address = bilingualAddress(c.address?.zh, c.address?.en);
    const placed = place(c, address, ctx, ref, report);
    if (!placed.ok) {
      report.skip(placed.reason, ref);
      return null;
    }
    const category = resolveCategory(c, ctx);
    if (!category) {
      report.skip(
        'no category (unmapped terms; see category-terms.json or use --category)',
        `${ref} [${c.terms.slice(0, 4).join(' | ').slice(0, 60)}]`,
      );
      return null;
    }
    // Names
    const zhIn = c.name.zh?.trim() || undefined;
    const enIn = c.name.en?.trim() || undefined;
    let name: ServiceRecord['name'];
    if (!zhIn && !enIn) {
      if (!c.unnamed) {
        report.skip('no name', ref);
        return null;
      }
      name = c.unnamed(category);
      report.field(ref, 'name', 'missing, generic name used');
    } else {
      const zh = clip((zhIn ?? enIn)!, 200);
      const en = clip(enIn ?? (hasHan(zh) ? pinyinTitle(zh) : zh), 200);
      if (!enIn && hasHan(zh)) report.field(ref, 'name.en', 'missing, pinyin used');
      if (!zhIn) report.field(ref, 'name.zh', 'missing, English name used');
      const zhHant = c.name.zhHant?.trim() ? clip(c.name.zhHant.trim(), 200) : hasHan(zh) ? clip(toHant(zh), 200) : undefined;
      name = { zh, en, ...(zhHant ? { zhHant } : {}) };
      if ((zhIn && zhIn.length > 200) || (enIn && enIn.length > 200)) report.field(ref, 'name', 'cut to 200 characters');
    }
    // Id
    let id = String(c.id ?? '');
    if (!ID_OK.test(id)) {
      const fixed = clip(
        id
          .normalize('NFKC')
          .replace(/[^A-Za-z0-9._:-]+/g, '-')
          .replace(/^-+|-+$/g, ''),
        100,
      );
      if (!fixed) {
        report.skip('no usable id', ref);
        return null;
      }
      report.field(ref, 'id', 'characters replaced');
      id = fixed;
    }
    const raw: Record<string, unknown> = {
      id,
      category,
      name,
      town: placed.town,
      lat: placed.lat,
      lon: placed.lon,
    };
    if (placed.approximate || c.approximate) raw.location = 'approximate';
    if (address) raw.address = address;
    // Phones: the first is the main number (tel: links dial it); extensions are kept beside it.
    if (c.phones?.length) {
      const all = c.phones.flatMap((p) => (typeof p === 'string' ? [p] : []));
      const phones = all
        .flatMap((p) => {
          const parsed = parsePhones(p);
          for (const r of parsed.rejected) report.field(ref, 'phone', `not a phone number, dropped ("${r.slice(0, 20)}")`);
          return parsed.phones;
        })
        .filter((p, i, list) => list.findIndex((q) => q.number === p.number && q.ext === p.ext) === i);
      if (phones.length) {
        raw.phone = phones[0]!.number;
        // The list only when it says more than `phone` does (an extension or more numbers).
        if (phones.length > 1 || phones[0]!.ext) raw.phones = phones.slice(0, 10);
        if (phones.some((p) => p.ext)) report.field(ref, 'phone', 'extension kept');
        if (phones.length > 1) report.field(ref, 'phone', 'several numbers kept');
      }
    }
    if (c.url !== undefined && c.url !== '') {
      const u = normaliseUrl(String(c.url));
      if ('url' in u) {
        raw.url = u.url;
        if (u.changed) report.field(ref, 'url', 'normalised');
      } else report.field(ref, 'url', `dropped: ${u.reason}`);
    }
    if (c.hours) {
      if ('hours' in c.hours) raw.hours = c.hours.hours;
      else if ('asWritten' in c.hours) {
        raw.hoursAsWritten = c.hours.asWritten;
        report.field(ref, 'hours', c.hours.reason);
      } else report.field(ref, 'hours', `dropped: ${c.hours.dropped}`);
    }
    if (c.capacity !== undefined && c.capacity !== '' && c.capacity !== null) {
      const n = finiteNumber(c.capacity);
      if (n !== undefined && Number.isInteger(n) && n >= 0 && n <= 100000) raw.capacity = n;
      else report.field(ref, 'capacity', 'not a whole number 0–100000, dropped');
    }
    if (c.ageMonths) {
      const given = c.ageMonths.map((x) => x !== undefined && x !== null && x !== '');
      const [a, b] = c.ageMonths.map(finiteNumber);
      const lo = a ?? 0;
      const hi = b ?? 1500;
      const unusable = (given[0] && a === undefined) || (given[1] && b === undefined);
      if (unusable || (a === undefined && b === undefined) || lo < 0 || hi > 1500 || lo > hi)
        report.field(ref, 'ageMonths', 'absurd age range, dropped');
      else raw.ageMonths = [Math.round(lo), Math.round(hi)];
    }
    if (c.fee) raw.fee = c.fee;
    if (c.features?.length) raw.features = [...new Set(c.features)];
    if (c.description?.trim()) {
      const d = clip(c.description.trim(), 2000);
      if (d.length < c.description.trim().length) report.field(ref, 'description', 'cut to 2000 characters');
      raw.description = { zh: d, en: d };
    }
    // source.updated: a real date, not in the future.
    let updated = ctx.updated;
    if (c.updated !== undefined && c.updated !== null && c.updated !== '') {
      const t = typeof c.updated === 'string' && isRealDate(c.updated) ? Date.parse(c.updated) : NaN;
      if (Number.isNaN(t) || t > ctx.nowMs + MAX_FUTURE_SKEW_MS || t < Date.UTC(1990, 0, 1))
        report.field(ref, 'source.updated', 'not a usable date, import date used');
      else updated = v.is(ISO_TIMESTAMP, c.updated) ? (c.updated as string) : new Date(t).toISOString();
    }
    if (c.extra) for (const [k, value] of Object.entries(c.extra)) if (!(k in raw)) raw[k] = value;
    raw.source = { kind: c.sourceKind, reference: clip(c.reference ?? ref, 500), updated };
    raw.pinyin = pinyinOf(name.zh);

    let res = validateServiceRecord(raw);
    for (let attempt = 0; !res.ok && attempt < DROPPABLE.length; attempt++) {
      const bad = new Set(res.issues.map((i) => i.path.split(/[.[]/)[1] ?? ''));
      const droppable = [...bad].filter((k) => DROPPABLE.includes(k));
      if (droppable.length !== bad.size) break;
      for (const k of droppable) {
        delete raw[k];
        if (k === 'phone') delete raw.phones;
        report.field(ref, k, `invalid, dropped (${res.issues.find((i) => i.path.split(/[.[]/)[1] === k)?.reason.slice(0, 60)})`);
      }
      res = validateServiceRecord(raw);
    }
    if (!res.ok) {
      report.skip(`invalid record (${res.issues[0]!.path})`, `${ref}: ${res.issues[0]!.reason.slice(0, 60)}`);
      return null;
    }
    report.commit(ref);
    return res.record;
  } catch (e) {
    report.skip(`could not be read (${e instanceof Error ? e.message.slice(0, 80) : 'error'})`, ref);
    return null;
  }
}
