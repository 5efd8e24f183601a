/**
 * FROZEN COPY of scripts/lib/import-osm.ts as of commit e14de0a (before issue 12), kept only as the
 * naive baseline of the importer bench. Do not use it anywhere else.
 *
 * OpenStreetMap Overpass JSON → feed records. Tag mapping (see docs/feed.md):
 *   amenity=kindergarten → kindergarten; amenity=childcare → nursery;
 *   amenity=clinic | amenity=doctors | healthcare=centre → clinic (hospitals are left out: the finder
 *     lists community-level care, and a hospital's opening hours/emergency service do not fit the model);
 *   amenity=social_facility + social_facility=day_care + social_facility:for=senior|elderly → elderly_daycare;
 *   leisure=sports_centre|stadium|pitch with access=yes|permissive (pitch needs it explicitly) → sports_venue;
 *   amenity=parking unless access=private|no|customers|delivery → parking.
 */
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import type { Category } from '../../src/data/categories.ts';
import { validateServiceRecord } from '../../src/data/validate-feed.ts';
import { pinyinOf, pinyinTitle, toHant } from '../../src/import/chinese-text.ts';
import { osmHoursToWeekly } from '../../src/import/osm-hours.ts';
import { townAt } from '../../scripts/lib/town-polygons.ts';

export interface OverpassElement {
  type: 'node' | 'way' | 'relation';
  id: number;
  lat?: number;
  lon?: number;
  center?: { lat: number; lon: number };
  timestamp?: string;
  tags?: Record<string, string>;
}
export interface OverpassJson {
  osm3s?: { timestamp_osm_base?: string };
  elements: OverpassElement[];
}

export interface ImportResult {
  records: ServiceRecord[];
  /** Why elements were skipped, with counts. */
  skipped: Record<string, number>;
  warnings: string[];
}

const OPEN_ACCESS = new Set(['yes', 'permissive', 'public']);
const CLOSED_ACCESS = new Set(['private', 'no', 'customers', 'delivery', 'permit']);

export function osmCategory(tags: Record<string, string>): Category | null {
  const amenity = tags.amenity;
  if (amenity === 'kindergarten') return 'kindergarten';
  if (amenity === 'childcare') return 'nursery';
  if (amenity === 'clinic' || amenity === 'doctors' || tags.healthcare === 'centre') return 'clinic';
  if (
    amenity === 'social_facility' &&
    tags.social_facility === 'day_care' &&
    /^(senior|elderly)$/.test(tags['social_facility:for'] ?? '')
  ) {
    return 'elderly_daycare';
  }
  const leisure = tags.leisure;
  if (leisure === 'pitch' && OPEN_ACCESS.has(tags.access ?? '')) return 'sports_venue';
  if ((leisure === 'sports_centre' || leisure === 'stadium') && !CLOSED_ACCESS.has(tags.access ?? '')) return 'sports_venue';
  if (amenity === 'parking' && !CLOSED_ACCESS.has(tags.access ?? '')) return 'parking';
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
const HAN = /\p{Script=Han}/u;

function names(tags: Record<string, string>, category: Category): { zh: string; en: string; zhHant?: string } {
  const zh = tags['name:zh-Hans'] ?? tags['name:zh'] ?? (tags.name && HAN.test(tags.name) ? tags.name : undefined);
  const en = tags['name:en'] ?? (tags.name && !HAN.test(tags.name) ? tags.name : undefined);
  if (!zh && !en) return { zh: UNNAMED[category][0], en: UNNAMED[category][1] };
  // One language missing: Chinese falls back to the English name, English to Hanyu Pinyin.
  const zhName = (zh ?? en)!.slice(0, 200);
  const zhHant = tags['name:zh-Hant'] ?? (zh ? toHant(zhName) : undefined);
  return { zh: zhName, en: (en ?? pinyinTitle(zhName)).slice(0, 200), ...(zhHant ? { zhHant: zhHant.slice(0, 200) } : {}) };
}

const int = (s: string | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s.trim()) : undefined);

export function importOsm(json: OverpassJson, options: { updated?: string } = {}): ImportResult {
  const skipped: Record<string, number> = {};
  const warnings: string[] = [];
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const records: ServiceRecord[] = [];
  const fallbackUpdated = options.updated ?? json.osm3s?.timestamp_osm_base ?? new Date().toISOString();
  if (!Array.isArray(json.elements)) throw new Error('not Overpass JSON: no "elements" array');

  for (const el of json.elements) {
    const tags = el.tags ?? {};
    const category = osmCategory(tags);
    if (!category) {
      skip('no matching tags');
      continue;
    }
    const lat = el.lat ?? el.center?.lat;
    const lon = el.lon ?? el.center?.lon;
    if (typeof lat !== 'number' || typeof lon !== 'number') {
      skip('no coordinates (use "out center")');
      continue;
    }
    const town = townAt(lon, lat);
    if (!town) {
      skip('outside Dongguan');
      continue;
    }
    const ref = `${el.type}/${el.id}`;
    const name = names(tags, category);
    let hours: ServiceRecord['hours'];
    if (tags.opening_hours) {
      hours = osmHoursToWeekly(tags.opening_hours) ?? undefined;
      if (!hours) warnings.push(`${ref}: opening_hours "${tags.opening_hours}" not understood, left out`);
    }
    const capacity = int(tags.capacity);
    const fee = tags.fee === 'no' ? 'free' : tags.fee === 'yes' || tags['parking:fee'] === 'yes' ? 'paid' : undefined;
    const flags = {
      ev: (int(tags['capacity:charging']) ?? 0) > 0 || tags.charging === 'yes',
      accessible: tags.wheelchair === 'yes' || (int(tags['capacity:disabled']) ?? 0) > 0,
      meals: tags.meals === 'yes' || tags['social_facility'] === 'food_bank',
      school_ground: category === 'sports_venue' && (tags['operator:type'] === 'school' || /学校|中学|小学|school/i.test(tags.name ?? '')),
    };
    const features = (['ev', 'accessible', 'meals', 'school_ground'] as const).filter((f) => flags[f]);
    const url = tags.website ?? tags['contact:website'];
    const phone = (tags.phone ?? tags['contact:phone'])?.split(';')[0]?.trim();
    const raw: ServiceRecord = {
      id: `osm-${el.type[0]}${el.id}`,
      category,
      name,
      town,
      lat: Math.round(lat * 1e6) / 1e6,
      lon: Math.round(lon * 1e6) / 1e6,
      ...(phone ? { phone: phone.replace(/[()]/g, '') } : {}),
      ...(url ? { url } : {}),
      ...(hours ? { hours } : {}),
      ...(capacity !== undefined ? { capacity } : {}),
      ...(fee ? { fee } : {}),
      ...(features.length ? { features } : {}),
      source: { kind: 'osm', reference: ref, updated: el.timestamp ?? fallbackUpdated },
      pinyin: pinyinOf(name.zh),
    };
    const res = validateServiceRecord(raw);
    if (res.ok) {
      records.push(res.record);
      continue;
    }
    // Drop the optional fields that failed (e.g. a website with a bad scheme), keep the place.
    const bad = new Set(res.issues.map((i) => i.path.split(/[.[]/)[1]));
    const optional = ['phone', 'url', 'hours', 'capacity'] as const;
    if ([...bad].every((k) => optional.includes(k as (typeof optional)[number]))) {
      const trimmed = { ...raw } as Record<string, unknown>;
      for (const k of bad) delete trimmed[k!];
      const again = validateServiceRecord(trimmed);
      if (again.ok) {
        warnings.push(`${ref}: dropped invalid ${[...bad].join(', ')}`);
        records.push(again.record);
        continue;
      }
    }
    warnings.push(`${ref}: ${res.issues.map((i) => `${i.path}: ${i.reason}`).join('; ')}`);
    skip('invalid record');
  }
  return { records, skipped, warnings };
}
