/**
 * HSDS 3.1 JSON → feed records. Reads service_at_location (full), service (full, with
 * service_at_locations), organization (full, with services and locations), API list pages
 * ({contents: [...]}) and plain arrays of those. Places outside Dongguan are skipped and counted.
 */
import type { AvailabilityItem, Category, ServiceRecord } from '../../src/data/feed-schema.ts';
import { validateServiceRecord } from '../../src/data/validate-feed.ts';
import { pinyinOf, pinyinTitle, toHant } from './chinese-text.ts';
import { CATEGORY_TAXONOMY_ID, CATEGORY_WORDS, DAY_CODES, facilityFiguresFromHsds, type DgNearbyExtension } from './hsds-profile.ts';
import { townAt } from './town-polygons.ts';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const HAN = /\p{Script=Han}/u;

export interface HsdsImportOptions {
  /** Category for services whose taxonomy/attributes do not say. */
  category?: Category;
  /** source.updated when the service has no last_modified. */
  updated: string;
}

export interface HsdsImportResult {
  records: ServiceRecord[];
  availability: AvailabilityItem[];
  skipped: Record<string, number>;
  warnings: string[];
  /** service_at_location entries seen (imported + skipped). */
  seen: number;
}

interface Triple {
  sal: Obj;
  service: Obj;
  location: Obj | undefined;
}

/** Finds every (service_at_location, service, location) in any supported HSDS JSON shape. */
export function collectTriples(doc: unknown): { triples: Triple[]; unsupported: number } {
  const triples: Triple[] = [];
  let unsupported = 0;
  const locations = new Map<string, Obj>();
  const visit = (x: unknown, orgLocations: Obj[] = []): void => {
    if (Array.isArray(x)) return x.forEach((y) => visit(y, orgLocations));
    if (!isObj(x)) return;
    if (Array.isArray(x.contents)) return visit(x.contents, orgLocations); // API page
    for (const l of [...orgLocations, ...arr(x.locations)]) if (isObj(l) && str(l.id)) locations.set(l.id as string, l);
    if (isObj(x.service) && (isObj(x.location) || str(x.location_id))) {
      triples.push({ sal: x, service: x.service, location: isObj(x.location) ? x.location : undefined });
    } else if (str(x.name) && Array.isArray(x.service_at_locations)) {
      for (const sal of x.service_at_locations) if (isObj(sal)) triples.push({ sal, service: x, location: isObj(sal.location) ? sal.location : undefined });
      if (x.service_at_locations.length === 0) unsupported++;
    } else if (Array.isArray(x.services)) {
      visit(x.services, arr(x.locations).filter(isObj));
    } else unsupported++;
  };
  visit(doc);
  for (const t of triples) if (!t.location && str(t.sal.location_id)) t.location = locations.get(t.sal.location_id as string);
  return { triples, unsupported };
}

function categoryOf(service: Obj, ext: DgNearbyExtension | undefined, fallback: Category | undefined): Category | undefined {
  if (ext?.category) return ext.category;
  const texts: string[] = [];
  for (const a of arr(service.attributes)) {
    if (!isObj(a)) continue;
    const term = isObj(a.taxonomy_term) ? a.taxonomy_term : {};
    if (term.taxonomy_id === CATEGORY_TAXONOMY_ID && str(term.code)) texts.unshift(term.code as string);
    for (const v of [term.code, term.name, a.value, a.label]) if (str(v)) texts.push(v as string);
  }
  for (const t of texts) for (const [cat, re] of CATEGORY_WORDS) if (t === cat || re.test(t)) return cat;
  return fallback;
}

/** HSDS weekly schedules (freq WEEKLY, byday, opens_at/closes_at) → the feed's weekly hours. */
export function schedulesToHours(schedules: unknown[]): ServiceRecord['hours'] | undefined {
  const weekly: string[][] = [[], [], [], [], [], [], []];
  let any = false;
  for (const s of schedules) {
    if (!isObj(s) || (s.freq !== undefined && s.freq !== 'WEEKLY')) continue;
    const open = /^(\d{2}):(\d{2})/.exec(String(s.opens_at ?? ''));
    const close = /^(\d{2}):(\d{2})/.exec(String(s.closes_at ?? ''));
    if (!open || !close) continue;
    const days = String(s.byday ?? 'MO,TU,WE,TH,FR,SA,SU').split(',').map((d) => DAY_CODES.indexOf(d.trim().toUpperCase() as (typeof DAY_CODES)[number]));
    const close24 = close[0] === '00:00' && open[0] === '00:00' ? '24:00' : close[0];
    for (const d of days) if (d >= 0) weekly[d]!.push(`${open[0]}-${close24}`);
    any = true;
  }
  if (!any) return undefined;
  return { weekly: weekly.map((spans) => [...new Set(spans)].sort().join(',')), publicHolidays: 'open' };
}

function phoneOf(...lists: unknown[]): string | undefined {
  for (const list of lists)
    for (const p of arr(list)) {
      const n = isObj(p) ? str(p.number)?.replace(/["()]/g, '').trim() : undefined;
      if (n && /^\+?[0-9][0-9\- ]{2,30}$/.test(n)) return n;
    }
  return undefined;
}

export function importHsds(doc: unknown, options: HsdsImportOptions): HsdsImportResult {
  const skipped: Record<string, number> = {};
  const warnings: string[] = [];
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const { triples, unsupported } = collectTriples(doc);
  if (unsupported) skipped['not a service or service_at_location'] = unsupported;
  const records: ServiceRecord[] = [];
  const availability: AvailabilityItem[] = [];
  const seenIds = new Set<string>();

  for (const { sal, service, location } of triples) {
    const ext = isObj(service.x_dgnearby) ? (service.x_dgnearby as unknown as DgNearbyExtension) : undefined;
    const ref = `service_at_location/${str(sal.id) ?? '?'}`;
    if (!location) {
      skip('no location');
      continue;
    }
    const lat = location.latitude;
    const lon = location.longitude;
    if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      skip('no coordinates');
      continue;
    }
    const town = townAt(lon, lat);
    if (!town) {
      skip('outside Dongguan');
      continue;
    }
    const category = categoryOf(service, ext, options.category);
    if (!category) {
      skip('no category (use --category)');
      warnings.push(`${ref}: no category in taxonomy/attributes`);
      continue;
    }
    if (str(service.status) && service.status !== 'active') {
      skip(`status ${service.status as string}`);
      continue;
    }
    const svcName = str(service.name) ?? str(location.name) ?? '';
    const alt = str(service.alternate_name);
    const zh = ext?.name.zh ?? (HAN.test(svcName) ? svcName : alt && HAN.test(alt) ? alt : svcName);
    const en = ext?.name.en ?? (!HAN.test(svcName) ? svcName : alt && !HAN.test(alt) ? alt : pinyinTitle(svcName));
    const zhHant = ext?.name.zhHant ?? (HAN.test(zh) ? toHant(zh) : undefined);
    const id = ext?.id ?? (str(sal.id) as string);
    const capacities = arr(service.capacities).filter(isObj);
    const maximum = capacities.map((c) => c.maximum).find((m): m is number => typeof m === 'number');
    const minAge = typeof service.minimum_age === 'number' ? service.minimum_age : undefined;
    const maxAge = typeof service.maximum_age === 'number' ? service.maximum_age : undefined;
    const hours = ext?.hours ?? schedulesToHours([...arr(sal.schedules), ...arr(location.schedules), ...arr(service.schedules)]);
    const link = [service.url, ...arr(sal.schedules).map((s) => (isObj(s) ? s.schedule_link : undefined))].map(str).find(Boolean);
    const phone = phoneOf(sal.phones, location.phones, service.phones);
    const raw: Obj = {
      id,
      category,
      name: { zh: zh.slice(0, 200), en: en.slice(0, 200), ...(zhHant ? { zhHant: zhHant.slice(0, 200) } : {}) },
      town,
      lat,
      lon,
      // Profile data (x_dgnearby) wins: HSDS cannot hold tel: links or a capacity separate from live counts.
      ...(ext ? (ext.phone ? { phone: ext.phone } : {}) : phone ? { phone } : {}),
      ...(ext ? (ext.url ? { url: ext.url } : {}) : link ? { url: link } : {}),
      ...(hours ? { hours } : {}),
      ...(ext ? (ext.capacity !== undefined ? { capacity: ext.capacity } : {}) : maximum !== undefined ? { capacity: maximum } : {}),
      ...(ext?.ageMonths ? { ageMonths: ext.ageMonths } : minAge !== undefined || maxAge !== undefined ? { ageMonths: [Math.round((minAge ?? 0) * 12), Math.min(1500, Math.round((maxAge ?? 125) * 12))] } : {}),
      ...(ext?.fee ? { fee: ext.fee } : {}),
      ...(ext?.features?.length ? { features: ext.features } : {}),
      ...facilityFiguresFromHsds(ext, service.attributes), // beds, doctors, ground and floor area (issue 17)
      ...(str(service.description) ? { description: { zh: (service.description as string).slice(0, 2000), en: (service.description as string).slice(0, 2000) } } : {}),
      source: ext?.source ?? { kind: 'hsds', reference: ref, updated: str(service.last_modified) ?? options.updated },
      pinyin: pinyinOf(zh),
    };
    if (seenIds.has(id)) {
      skip('duplicate service_at_location id');
      continue;
    }
    let res = validateServiceRecord(raw);
    if (!res.ok) {
      // Keep the place when only optional contact fields are bad (e.g. a javascript: URL).
      const bad = new Set(res.issues.map((i) => i.path.split(/[.[]/)[1]!));
      if ([...bad].every((k) => ['url', 'phone', 'hours', 'capacity', 'ageMonths', 'description'].includes(k))) {
        for (const k of bad) delete raw[k];
        res = validateServiceRecord(raw);
        if (res.ok) warnings.push(`${ref}: dropped invalid ${[...bad].join(', ')}`);
      }
    }
    if (!res.ok) {
      warnings.push(`${ref}: ${res.issues.map((i) => `${i.path}: ${i.reason}`).join('; ')}`);
      skip('invalid record');
      continue;
    }
    seenIds.add(id);
    records.push(res.record);

    // service_capacity → live figures where the category's model is a single count.
    const cap = capacities.find((c) => typeof c.available === 'number' && typeof c.maximum === 'number' && str(c.updated));
    if (cap) {
      const free = cap.available as number;
      const total = cap.maximum as number;
      if (free > total || free < 0) {
        warnings.push(`${ref}: capacity available ${free} is outside 0..maximum ${total}; availability left out`);
        continue;
      }
      const observedAt = cap.updated as string;
      if (category === 'elderly_daycare') availability.push({ serviceId: id, observedAt, figures: { kind: category, places: { free, total } } });
      else if (category === 'parking') availability.push({ serviceId: id, observedAt, figures: { kind: category, free, total } });
      else if (category === 'clinic') availability.push({ serviceId: id, observedAt, figures: { kind: category, appointmentsFree: free, appointmentsTotal: total } });
    }
  }
  return { records, availability, skipped, warnings, seen: triples.length };
}
