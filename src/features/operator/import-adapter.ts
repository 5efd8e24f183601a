/**
 * The page's one door into the import rules: a table + the user's mapping + a coordinate system → feed records,
 * the report (read / imported / skipped by reason / changed by field and reason, the CLI's wording) and the
 * points for the map. The shared import core (src/import/, issue 25 point 8) replaces the body of this file;
 * until it lands this is a browser-safe subset of scripts/lib/import-record.ts (hours are kept as written,
 * no pinyin or zh-Hant), so the page's code never depends on where the rules live.
 */
import gcoord from 'gcoord';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { CATEGORIES, type Category } from '../../data/categories';
import type { ServiceRecord } from '../../data/feed-schema';
import { validateServiceRecord } from '../../data/validate-feed';
import { TOWNS, TOWN_BY_CODE, type Town } from '../../geo/towns';
import type { OperatorField } from './header-guess';
import type { Table } from './read-table';

export const INPUT_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type InputCrs = (typeof INPUT_CRS)[number];
export type TownLookup = (lat: number, lon: number) => string | null;
export type ColumnFields = (OperatorField | null)[];

export interface ReasonCount {
  count: number;
  examples: string[];
}
export interface OperatorReport {
  read: number;
  imported: number;
  skipped: Record<string, ReasonCount>;
  fields: Record<string, ReasonCount>;
}
export interface MapPoint {
  row: number;
  lon: number;
  lat: number;
  /** The point's town differs from the town the row states. */
  outside: boolean;
}
export interface ImportOutcome {
  records: ServiceRecord[];
  report: OperatorReport;
  /** Row index (0 = first data row) → why it was skipped. */
  rowsToFix: { row: number; reason: string }[];
  points: MapPoint[];
}

/* ---------- towns named in a column or an address (as scripts/lib/import-towns.ts) ---------- */

const SUFFIX = /(街道|镇|鎮|新区|新區)$/;
const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
const BY_NAME = new Map<string, Town>();
for (const t of TOWNS)
  for (const n of [t.zh, t.zhHant, t.en, t.zh.replace(SUFFIX, ''), t.en.replace(/ (Subdistrict|Town)$/i, ''), t.pinyin])
    BY_NAME.set(norm(n), t);
const FULL_NAMES = TOWNS.map((t) => [t.zh, t] as const).sort((a, b) => b[0].length - a[0].length);

export function townFromName(value: string): Town | undefined {
  return TOWN_BY_CODE.get(value.trim()) ?? BY_NAME.get(norm(value));
}
function townInAddress(address: string): Town | undefined {
  let best: { at: number; town: Town } | undefined;
  for (const [name, town] of FULL_NAMES) {
    const at = address.indexOf(name);
    if (at >= 0 && (!best || at < best.at)) best = { at, town };
  }
  return best?.town;
}

/* ---------- coordinates ---------- */

const GCOORD = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;
export function toWgs84(lon: number, lat: number, crs: InputCrs): [number, number] {
  const [x, y] = crs === 'wgs84' ? [lon, lat] : (gcoord.transform([lon, lat], GCOORD[crs], gcoord.WGS84) as [number, number]);
  return [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
}

const cell = (row: string[], fields: ColumnFields, field: OperatorField) => {
  const i = fields.indexOf(field);
  return i < 0 ? '' : (row[i] ?? '').trim();
};
const num = (s: string) => (s.trim() === '' ? undefined : Number.isFinite(Number(s)) ? Number(s) : undefined);

function statedTown(row: string[], fields: ColumnFields): Town | undefined {
  const t = cell(row, fields, 'town');
  return (t ? townFromName(t) : undefined) ?? townInAddress(cell(row, fields, 'address.zh'));
}

export interface CrsShares {
  /** Rows with a point and a stated town (the denominator). */
  rows: number;
  share: Record<InputCrs, number>;
  best: InputCrs | null;
  /** Share of points inside their town when latitude and longitude are read the other way round (best system). */
  swappedShare: number;
}

/** For rows that state a town: the share of points inside that town under each system (as `--crs auto`). */
export function crsShares(table: Table, fields: ColumnFields, townAt: TownLookup): CrsShares {
  const hits = { wgs84: 0, gcj02: 0, bd09: 0, swapped: 0 };
  let rows = 0;
  for (const row of table.rows) {
    const lon = num(cell(row, fields, 'lon'));
    const lat = num(cell(row, fields, 'lat'));
    const town = statedTown(row, fields);
    if (lon === undefined || lat === undefined || !town) continue;
    rows++;
    for (const crs of INPUT_CRS) {
      const [x, y] = toWgs84(lon, lat, crs);
      if (townAt(y, x) === town.code) hits[crs]++;
    }
    const [sx, sy] = toWgs84(lat, lon, 'gcj02');
    if (townAt(sy, sx) === town.code) hits.swapped++;
  }
  const share = Object.fromEntries(INPUT_CRS.map((c) => [c, rows ? hits[c] / rows : 0])) as Record<InputCrs, number>;
  const best = rows ? INPUT_CRS.reduce((a, b) => (share[b] > share[a] ? b : a)) : null;
  return { rows, share, best: best && share[best] > 0 ? best : null, swappedShare: rows ? hits.swapped / rows : 0 };
}

/* ---------- rows → records ---------- */

const EXTENSION = /\s*(?:转|轉|分机|分機|ext\.?|x|#)\s*([0-9]{1,8})\s*$/i;
function parsePhones(raw: string) {
  const phones: { number: string; ext?: string }[] = [];
  const rejected: string[] = [];
  for (const part of raw.split(/[;；,，、/|\n]+/)) {
    const text = part.normalize('NFKC').trim();
    if (!text) continue;
    const ext = EXTENSION.exec(text);
    const main = (ext ? text.slice(0, ext.index) : text)
      .replace(/[().]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/\s*-\s*/g, '-')
      .trim();
    if (/^\+?[0-9][0-9\- ]{2,30}$/.test(main)) phones.push({ number: main, ...(ext ? { ext: ext[1]! } : {}) });
    else rejected.push(text.slice(0, 20));
  }
  return { phones: phones.slice(0, 10), rejected };
}

const bump = (table: Record<string, ReasonCount>, key: string, example: string) => {
  const entry = (table[key] ??= { count: 0, examples: [] });
  entry.count++;
  if (entry.examples.length < 5) entry.examples.push(example.slice(0, 160));
};

export interface ImportOptions {
  fields: ColumnFields;
  category: Category | null;
  crs: InputCrs;
  townAt: TownLookup;
  updated: string;
  idPrefix?: string;
}

export function importTable(table: Table, opt: ImportOptions): ImportOutcome {
  const report: OperatorReport = { read: 0, imported: 0, skipped: {}, fields: {} };
  const records: ServiceRecord[] = [];
  const rowsToFix: ImportOutcome['rowsToFix'] = [];
  const points: MapPoint[] = [];
  const seen = new Set<string>();
  table.rows.forEach((row, index) => {
    report.read++;
    const ref = `row ${index + 2}`;
    const notes: [string, string][] = [];
    const skip = (reason: string) => {
      bump(report.skipped, reason, ref);
      rowsToFix.push({ row: index, reason });
    };
    const get = (f: OperatorField) => cell(row, opt.fields, f);
    const nameZh = get('name.zh');
    const nameEn = get('name.en');
    if (!nameZh && !nameEn) return skip('no name');
    const typeValue = get('category');
    const category = (CATEGORIES as readonly string[]).includes(typeValue) ? (typeValue as Category) : opt.category;
    if (!category) return skip('no category');
    const stated = statedTown(row, opt.fields);
    if (get('town') && !townFromName(get('town'))) notes.push(['town', 'not a Dongguan town name or code, ignored']);
    const lon = num(get('lon'));
    const lat = num(get('lat'));
    let placed: { lon: number; lat: number; town: string; approximate: boolean } | undefined;
    if (lon !== undefined && lat !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      const [x, y] = toWgs84(lon, lat, opt.crs);
      const town = opt.townAt(y, x);
      if (town) {
        if (stated && stated.code !== town)
          notes.push(['town', `point is in ${TOWN_BY_CODE.get(town)?.zh ?? town}, not the stated town (kept where the point is)`]);
        if (opt.crs !== 'wgs84') notes.push(['location', `converted from ${opt.crs} to wgs84`]);
        placed = { lon: x, lat: y, town, approximate: false };
        points.push({ row: index, lon: x, lat: y, outside: !!stated && stated.code !== town });
      } else notes.push(['location', 'point outside Dongguan, ignored']);
    } else if (get('lon') || get('lat')) notes.push(['location', 'coordinates not numbers, ignored']);
    if (!placed) {
      const label = stated?.label;
      if (!stated) return skip(lon !== undefined && lat !== undefined ? 'outside Dongguan' : 'no coordinates and no town');
      if (!label) return skip('no coordinates and the town has no representative point');
      notes.push(['location', 'approximate (town representative point)']);
      placed = { lon: label[0], lat: label[1], town: stated.code, approximate: true };
    }
    const address = get('address.zh');
    const idCell = get('id');
    const digest = bytesToHex(sha256(utf8ToBytes(`${nameZh || nameEn}|${address}|${get('town')}`))).slice(0, 16);
    const id = (opt.idPrefix ?? 'sheet-') + (idCell ? idCell.replace(/[^A-Za-z0-9._:-]+/g, '-') : digest);
    if (seen.has(id)) return skip('duplicate id');
    const record: Record<string, unknown> = {
      id,
      category,
      name: { zh: nameZh || nameEn, en: nameEn || nameZh },
      town: placed.town,
      lat: placed.lat,
      lon: placed.lon,
      ...(address ? { address: { zh: address.slice(0, 200), en: address.slice(0, 200) } } : {}),
      ...(placed.approximate ? { location: 'approximate' } : {}),
      source: { kind: 'spreadsheet', reference: idCell ? `id ${idCell}` : `digest ${digest}`, updated: opt.updated },
      pinyin: { full: '', initials: '' },
    };
    if (!nameEn) notes.push(['name.en', 'missing, Chinese name used']);
    const phoneText = get('phone');
    if (phoneText) {
      const { phones, rejected } = parsePhones(phoneText);
      for (const r of rejected) notes.push(['phone', `not a phone number, dropped ("${r}")`]);
      if (phones.length) {
        record.phone = phones[0]!.number;
        record.phones = phones;
        if (phones.some((p) => p.ext)) notes.push(['phone', 'extension kept']);
        if (phones.length > 1) notes.push(['phone', 'several numbers kept']);
      }
    }
    const hours = get('hours');
    if (hours) {
      record.hoursAsWritten = hours.slice(0, 255);
      notes.push(['hours', 'kept as written']);
    }
    const capacity = num(get('capacity'));
    if (capacity !== undefined && Number.isInteger(capacity) && capacity >= 0 && capacity <= 100000) record.capacity = capacity;
    else if (get('capacity')) notes.push(['capacity', 'not a whole number 0–100000, dropped']);
    const url = get('url');
    if (url && /^https?:\/\/[^\s]+$/i.test(url)) record.url = url;
    else if (url) notes.push(['url', 'dropped: not a valid URI']);
    const description = get('description');
    if (description) record.description = { zh: description.slice(0, 2000), en: description.slice(0, 2000) };
    const checked = validateServiceRecord(record);
    if (!checked.ok) return skip(`invalid record (${checked.issues[0]!.path})`);
    seen.add(id);
    records.push(checked.record);
    report.imported++;
    for (const [field, reason] of notes) bump(report.fields, `${field}: ${reason}`, ref);
  });
  return { records, report, rowsToFix, points };
}

/** The mapping file `data:import --map` (and a feed:publish source) reads: field → column header. */
export function mappingFile(header: readonly string[], fields: ColumnFields, category: Category | null): Record<string, unknown> {
  const columns: Record<string, string> = {};
  fields.forEach((f, i) => {
    if (f && header[i]) columns[f] = header[i]!;
  });
  return {
    $comment:
      'Made on the operator page (/operator). Import with: npm run data:import -- --from csv <file> --map <this file> --crs <system> --out <feed-folder>',
    columns,
    ...(category ? { category } : {}),
  };
}
