/**
 * OpenStreetMap Overpass JSON → feed records. Categories come from the whole-tag table in
 * data/import/category-terms.json, then access rules (see docs/feed.md):
 *   a pitch needs access=yes|permissive|public; sports centres, stadiums and car parks are left out when
 *   access=private|no|customers|delivery|permit; social_facility=day_care needs social_facility:for=senior|elderly;
 *   hospitals are not in the table (the finder lists community-level care).
 * Each element is handled on its own: one bad element is reported and skipped, never fatal.
 */
import type { ServiceRecord } from '../data/feed-schema.ts';
import type { Category } from '../data/categories.ts';
import { categoryOfOsmTag, categoryOfSourceTerms, type SourceTermTable } from './categories.ts';
import type { InputCrs } from './crs.ts';
import { hasHan } from './fields.ts';
import { osmHours } from './hours.ts';
import type { TownAt } from './town-lookup.ts';
import type { BuildContext, Candidate } from './record.ts';
import { ImportReport } from './report.ts';
import { ImportRun, type SourceAdapter } from './source-adapter.ts';

export interface ImportOptions {
  /** Town polygon lookup (see town-lookup.ts). */
  townAt: TownAt;
  updated?: string;
  /** Coordinate system of the input; OSM is WGS-84 unless stated. */
  crs?: InputCrs;
  category?: Category;
  /** "Now" for date checks (tests pin it). */
  now?: Date;
  report?: ImportReport;
}

export interface ImportResult {
  records: ServiceRecord[];
  /** Why elements were skipped, with counts (the report has the examples). */
  skipped: Record<string, number>;
  report: ImportReport;
  /** Set when the whole document is unusable (nothing was read). */
  unusable?: string;
}

const OPEN_ACCESS = new Set(['yes', 'permissive', 'public']);
const CLOSED_ACCESS = new Set(['private', 'no', 'customers', 'delivery', 'permit']);
const CATEGORY_KEYS = ['amenity', 'leisure', 'healthcare', 'social_facility'] as const;

export function osmCategory(tags: Record<string, string>): Category | null {
  for (const key of CATEGORY_KEYS) {
    const value = tags[key];
    if (typeof value !== 'string') continue;
    const category = categoryOfOsmTag(key, value);
    if (!category) continue;
    if (category === 'elderly_daycare') {
      if (tags.amenity !== undefined && tags.amenity !== 'social_facility') continue;
      if (!/^(senior|elderly)$/.test(tags['social_facility:for'] ?? '')) continue;
    }
    if (category === 'sports_venue' && value === 'pitch' && !OPEN_ACCESS.has(tags.access ?? '')) continue;
    if ((category === 'sports_venue' || category === 'parking') && CLOSED_ACCESS.has(tags.access ?? '')) continue;
    return category;
  }
  return null;
}

const UNNAMED: Record<Category, [string, string]> = {
  kindergarten: ['未命名幼儿园', 'Unnamed kindergarten'],
  clinic: ['未命名诊所', 'Unnamed clinic'],
  nursery: ['未命名托育机构', 'Unnamed nursery'],
  elderly_daycare: ['未命名长者服务点', 'Unnamed elderly day-care'],
  sports_venue: ['未命名运动场地', 'Unnamed sports venue'],
  parking: ['未命名停车场', 'Unnamed car park'],
};
const unnamed = (c: Category) => ({ zh: UNNAMED[c][0], en: UNNAMED[c][1] });

const int = (s: string | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s.trim()) : undefined);

/** Only string tag values: an element with a numeric or object "name" must not break the import. */
function stringTags(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return out;
  for (const [k, v] of Object.entries(x)) if (typeof v === 'string') out[k] = v;
  return out;
}

function osmAddress(tags: Record<string, string>): { zh?: string; en?: string } | undefined {
  const full = tags['addr:full'];
  const fullEn = tags['addr:full:en'];
  const parts = ['addr:province', 'addr:city', 'addr:district', 'addr:subdistrict', 'addr:street', 'addr:place', 'addr:housenumber']
    .map((k) => tags[k])
    .filter((p): p is string => !!p && p.trim() !== '');
  let composed: string | undefined;
  if (parts.length) {
    if (parts.some(hasHan)) composed = parts.join('');
    else {
      const street = [tags['addr:housenumber'], tags['addr:street'] ?? tags['addr:place']].filter(Boolean).join(' ');
      composed = [street, tags['addr:city'], [tags['addr:state'] ?? tags['addr:province'], tags['addr:postcode']].filter(Boolean).join(' ')]
        .filter((p) => p && p.trim())
        .join(', ');
    }
  }
  const zhText = full ?? composed;
  const enText = fullEn ?? (zhText && !hasHan(zhText) ? zhText : undefined);
  if (!zhText && !enText) return undefined;
  return { ...(zhText && hasHan(zhText) ? { zh: zhText } : {}), ...(enText ? { en: enText } : {}) };
}

/** A source's own tag table (feed:publish `categoryTerms`, "key=value" → category), tags in key order. */
function osmSourceCategory(tags: Record<string, string>, table: SourceTermTable | undefined): Category | undefined {
  if (!table) return undefined;
  return categoryOfSourceTerms(
    table,
    Object.keys(tags)
      .sort()
      .map((k) => `${k}=${tags[k]}`),
  );
}

/** One Overpass element → a candidate, or the reason it is skipped. Never throws. */
export function osmElementCandidate(
  el: unknown,
  forcedCategory?: Category,
  sourceTerms?: SourceTermTable,
): (Candidate & { sourceTags: Record<string, string> }) | { skip: string; ref: string } {
  if (typeof el !== 'object' || el === null || Array.isArray(el)) return { skip: 'not an OSM element', ref: '?' };
  const e = el as Record<string, unknown>;
  const type = e.type;
  const id =
    typeof e.id === 'number' && Number.isSafeInteger(e.id)
      ? String(e.id)
      : typeof e.id === 'string' && /^\d{1,20}$/.test(e.id)
        ? e.id
        : undefined;
  if ((type !== 'node' && type !== 'way' && type !== 'relation') || id === undefined) return { skip: 'not an OSM element', ref: '?' };
  const ref = `${type}/${id}`;
  const tags = stringTags(e.tags);
  // --category: an extract of one kind of place (e.g. health stations tagged as hospitals) is taken whole.
  const category = forcedCategory ?? osmSourceCategory(tags, sourceTerms) ?? osmCategory(tags);
  if (!category) return { skip: 'no matching tags', ref };
  const center = typeof e.center === 'object' && e.center !== null ? (e.center as Record<string, unknown>) : {};
  const lat = typeof e.lat === 'number' ? e.lat : center.lat;
  const lon = typeof e.lon === 'number' ? e.lon : center.lon;
  if (typeof lat !== 'number' || typeof lon !== 'number') return { skip: 'no coordinates (use "out center")', ref };
  // The local name (any script) fills the Chinese slot when there is no Chinese name, so it is never lost.
  const zh = tags['name:zh-Hans'] ?? tags['name:zh'] ?? tags.name;
  const en = tags['name:en'] ?? (tags.name && !hasHan(tags.name) ? tags.name : undefined);
  const features = (
    [
      ['ev', (int(tags['capacity:charging']) ?? 0) > 0 || tags.charging === 'yes'],
      ['accessible', tags.wheelchair === 'yes' || (int(tags['capacity:disabled']) ?? 0) > 0],
      ['meals', tags.meals === 'yes' || tags.social_facility === 'food_bank'],
      [
        'school_ground',
        category === 'sports_venue' && (tags['operator:type'] === 'school' || /学校|中学|小学|school/i.test(tags.name ?? '')),
      ],
    ] as const
  )
    .filter(([, on]) => on)
    .map(([f]) => f);
  const phoneText = ['phone', 'contact:phone', 'contact:mobile'].map((k) => tags[k]).filter((p): p is string => !!p);
  const address = osmAddress(tags);
  return {
    ref,
    id: `osm-${type[0]}${id}`,
    sourceKind: 'osm',
    category,
    terms: [],
    name: { ...(zh ? { zh } : {}), ...(en ? { en } : {}), ...(tags['name:zh-Hant'] ? { zhHant: tags['name:zh-Hant'] } : {}) },
    lon,
    lat,
    ...(address ? { address } : {}),
    ...(phoneText.length ? { phones: phoneText } : {}),
    ...((tags.website ?? tags['contact:website']) ? { url: tags.website ?? tags['contact:website'] } : {}),
    ...(tags.opening_hours?.trim() ? { hours: osmHours(tags.opening_hours) } : {}),
    ...(tags.capacity !== undefined ? { capacity: tags.capacity } : {}),
    ...(tags.fee === 'no' ? { fee: 'free' as const } : tags.fee === 'yes' || tags['parking:fee'] === 'yes' ? { fee: 'paid' as const } : {}),
    ...(features.length ? { features } : {}),
    ...(typeof e.timestamp === 'string' ? { updated: e.timestamp } : {}),
    unnamed,
    sourceTags: tags,
  };
}

/** Tags the importer reads; every other tag of an imported element is counted in the report as not imported. */
const USED_TAGS =
  /^(name|name:(zh|zh-Hans|zh-Hant|en)|amenity|leisure|healthcare|social_facility|social_facility:for|access|opening_hours|phone|contact:phone|contact:mobile|website|contact:website|capacity|capacity:charging|capacity:disabled|charging|wheelchair|meals|fee|parking:fee|operator:type|addr:(full|full:en|province|city|district|subdistrict|street|place|housenumber|state|postcode))$/;

const usedTagCache = new Map<string, boolean>();

function* unusedTags(tags: Record<string, string>): Iterable<string> {
  for (const key in tags) {
    let used = usedTagCache.get(key);
    if (used === undefined) {
      used = USED_TAGS.test(key);
      if (usedTagCache.size < 10_000) usedTagCache.set(key, used);
    }
    if (!used) yield `tag ${key}`;
  }
}

/** Overpass elements → candidates (one each). */
export const osmAdapter: SourceAdapter = {
  candidates(el, ctx) {
    const c = osmElementCandidate(el, ctx.forcedCategory, ctx.categoryTerms);
    return 'skip' in c ? [c] : [{ candidate: c, notImported: () => unusedTags(c.sourceTags) }];
  },
};

/**
 * source.updated of elements without a timestamp of their own: they were observed when the extract was made
 * (`osm3s.timestamp_osm_base`), not when it was imported. Read only when `osm3s` comes before `elements`, as
 * Overpass writes it, so a streamed large file and a small file read whole give the same date.
 */
export function osmExtractUpdated(doc: Record<string, unknown>, fallback: string, nowMs: number): string {
  const keys = Object.keys(doc);
  if (!keys.includes('osm3s') || (keys.includes('elements') && keys.indexOf('osm3s') > keys.indexOf('elements'))) return fallback;
  const osm3s = doc.osm3s;
  const base = typeof osm3s === 'object' && osm3s !== null ? (osm3s as Record<string, unknown>).timestamp_osm_base : undefined;
  return typeof base === 'string' && !Number.isNaN(Date.parse(base)) && Date.parse(base) <= nowMs ? new Date(base).toISOString() : fallback;
}

export function osmContext(options: ImportOptions, fallbackUpdated?: string): BuildContext {
  return {
    crs: options.crs ?? 'wgs84',
    townAt: options.townAt,
    report: options.report ?? new ImportReport('osm', options.crs ?? 'wgs84', []),
    ...(options.category ? { forcedCategory: options.category } : {}),
    updated: options.updated ?? fallbackUpdated ?? new Date().toISOString(),
    nowMs: (options.now ?? new Date()).getTime(),
  };
}

/** Imports a parsed Overpass JSON document. Never throws; an unusable document comes back with `unusable` set. */
export function importOsm(json: unknown, options: ImportOptions): ImportResult {
  const doc = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const osm3s = typeof doc.osm3s === 'object' && doc.osm3s !== null ? (doc.osm3s as Record<string, unknown>) : {};
  const base =
    typeof osm3s.timestamp_osm_base === 'string' && !Number.isNaN(Date.parse(osm3s.timestamp_osm_base))
      ? osm3s.timestamp_osm_base
      : undefined;
  const ctx = osmContext(options, base);
  const records: ServiceRecord[] = [];
  if (!Array.isArray(doc.elements)) return { records, skipped: {}, report: ctx.report, unusable: 'not Overpass JSON: no "elements" array' };
  const run = new ImportRun(ctx, (r) => records.push(r));
  for (const el of doc.elements) run.addItem(el, osmAdapter);
  return { records, skipped: ctx.report.skipCounts(), report: ctx.report };
}
