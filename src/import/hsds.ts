/**
 * HSDS 3.1 JSON → feed records. Reads service_at_location (full), service (full, with
 * service_at_locations), organization (full, with services and locations), API list pages
 * ({contents: [...]}) and plain arrays of those. Categories come from whole taxonomy terms
 * (data/import/category-terms.json). Each service_at_location is handled on its own: a bad one is
 * reported and skipped, never fatal. Nesting is bounded.
 */
import { SOURCE_KINDS, type AvailabilityItem, type ServiceRecord } from '../data/feed-schema.ts';
import { CATEGORIES, type Category } from '../data/categories.ts';
import { parseFeedTimestamp } from '../data/feed-time.ts';
import { validateAvailabilityItem } from '../data/validate-feed.ts';
import type { InputCrs } from './crs.ts';
import { hasHan } from './fields.ts';
import { hsdsSchedulesToHours } from './hours.ts';
import type { TownAt } from './town-lookup.ts';
import type { BuildContext, Candidate } from './record.ts';
import { ImportReport } from './report.ts';
import { ImportRun, type Candidacy, type SourceAdapter } from './source-adapter.ts';
import { CATEGORY_TAXONOMY_ID, facilityFiguresFromHsds, type DgNearbyExtension } from './hsds-profile.ts';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Deeper than this, a document is not HSDS (the deepest real shape is organization → service → sal → location → address). */
export const MAX_HSDS_DEPTH = 32;

export interface HsdsImportOptions {
  /** Town polygon lookup (see town-lookup.ts). */
  townAt: TownAt;
  /** One category for every service (--category). */
  category?: Category;
  /** source.updated when the service has no last_modified. */
  updated: string;
  /** Coordinate system of latitude/longitude; HSDS does not say, so the CLI requires it. Default wgs84 for library use. */
  crs?: InputCrs;
  now?: Date;
  report?: ImportReport;
}

export interface HsdsImportResult {
  records: ServiceRecord[];
  availability: AvailabilityItem[];
  skipped: Record<string, number>;
  report: ImportReport;
}

interface Triple {
  sal: Obj;
  service: Obj;
  location: Obj | undefined;
}

/** Finds every (service_at_location, service, location) in any supported HSDS JSON shape. Never recurses deeper than MAX_HSDS_DEPTH. */
export function collectTriples(doc: unknown): { triples: Triple[]; unsupported: number; tooDeep: number } {
  const triples: Triple[] = [];
  let unsupported = 0;
  let tooDeep = 0;
  const locations = new Map<string, Obj>();
  const visit = (x: unknown, orgLocations: Obj[], depth: number): void => {
    if (depth > MAX_HSDS_DEPTH) {
      tooDeep++;
      return;
    }
    if (Array.isArray(x)) {
      for (const y of x) visit(y, orgLocations, depth + 1);
      return;
    }
    if (!isObj(x)) return;
    if (Array.isArray(x.contents)) return visit(x.contents, orgLocations, depth + 1); // API page
    for (const l of [...orgLocations, ...arr(x.locations)]) if (isObj(l) && str(l.id)) locations.set(l.id as string, l);
    if (isObj(x.service) && (isObj(x.location) || str(x.location_id))) {
      triples.push({ sal: x, service: x.service, location: isObj(x.location) ? x.location : undefined });
    } else if (str(x.name) && Array.isArray(x.service_at_locations)) {
      for (const sal of x.service_at_locations)
        if (isObj(sal)) triples.push({ sal, service: x, location: isObj(sal.location) ? sal.location : undefined });
      if (x.service_at_locations.length === 0) unsupported++;
    } else if (Array.isArray(x.services)) {
      visit(x.services, arr(x.locations).filter(isObj), depth + 1);
    } else unsupported++;
  };
  visit(doc, [], 0);
  for (const t of triples) if (!t.location && str(t.sal.location_id)) t.location = locations.get(t.sal.location_id as string);
  return { triples, unsupported, tooDeep };
}

/** Whole terms naming the category: the profile taxonomy's code first, then taxonomy term names/codes and attribute values. */
function termsOf(service: Obj): string[] {
  const first: string[] = [];
  const rest: string[] = [];
  for (const a of arr(service.attributes)) {
    if (!isObj(a)) continue;
    const term = isObj(a.taxonomy_term) ? a.taxonomy_term : {};
    if (term.taxonomy_id === CATEGORY_TAXONOMY_ID && str(term.code)) first.push(term.code as string);
    for (const x of [term.code, term.name, a.value, a.label]) if (str(x)) rest.push(x as string);
  }
  return [...first, ...rest];
}

/** HSDS phone objects → "number x extension" strings for the shared phone parser. */
function phoneTexts(...lists: unknown[]): string[] {
  const out: string[] = [];
  for (const list of lists)
    for (const p of arr(list)) {
      if (!isObj(p)) continue;
      const n = str(p.number);
      if (!n) continue;
      const ext = typeof p.extension === 'number' && Number.isSafeInteger(p.extension) ? String(p.extension) : str(p.extension);
      out.push(ext && /^\d{1,8}$/.test(ext) ? `${n} x${ext}` : n);
    }
  return out;
}

/** location.addresses (physical first) → a display address in the language it is written in. */
function addressOf(location: Obj): { zh?: string; en?: string } | undefined {
  const list = arr(location.addresses).filter(isObj);
  const a = list.find((x) => x.address_type === 'physical') ?? list[0];
  if (!a) return undefined;
  const part = (k: string) => str(a[k]);
  const parts = ['address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code'].map(part).filter((p): p is string => !!p);
  if (!parts.length) return undefined;
  if (parts.some(hasHan)) {
    const zh = [part('state_province'), part('city'), part('region'), part('address_1'), part('address_2')].filter(Boolean).join('');
    return { zh };
  }
  const en = [part('address_1'), part('address_2'), part('city'), [part('state_province'), part('postal_code')].filter(Boolean).join(' ')]
    .filter((p) => p && p.trim())
    .join(', ');
  return { en };
}

const isCategory = (x: unknown): x is Category => typeof x === 'string' && (CATEGORIES as readonly string[]).includes(x);

/** The profile extension, read field by field: anything of the wrong type is ignored (and validated again later). */
function extensionCandidate(ext: Obj): Partial<Candidate> & { sourceRef?: string } {
  const name = isObj(ext.name) ? ext.name : {};
  const source = isObj(ext.source) ? ext.source : {};
  const address = isObj(ext.address) ? ext.address : undefined;
  const phones = arr(ext.phones)
    .filter(isObj)
    .map((p) => (str(p.number) ? (str(p.ext) ? `${p.number as string} x${p.ext as string}` : (p.number as string)) : undefined))
    .filter((p): p is string => !!p);
  return {
    ...(str(ext.id) ? { id: ext.id as string } : {}),
    ...(isCategory(ext.category) ? { category: ext.category } : {}),
    ...(str(ext.town) ? { town: ext.town as string } : {}),
    name: {
      ...(str(name.zh) ? { zh: name.zh as string } : {}),
      ...(str(name.en) ? { en: name.en as string } : {}),
      ...(str(name.zhHant) ? { zhHant: name.zhHant as string } : {}),
    },
    ...(address
      ? { address: { ...(str(address.zh) ? { zh: address.zh as string } : {}), ...(str(address.en) ? { en: address.en as string } : {}) } }
      : {}),
    ...(phones.length ? { phones } : str(ext.phone) ? { phones: [ext.phone as string] } : {}),
    ...(str(ext.url) ? { url: ext.url as string } : {}),
    ...(ext.capacity !== undefined ? { capacity: ext.capacity } : {}),
    ...(Array.isArray(ext.ageMonths) && ext.ageMonths.length === 2
      ? { ageMonths: [ext.ageMonths[0], ext.ageMonths[1]] as [unknown, unknown] }
      : {}),
    ...(ext.fee === 'free' || ext.fee === 'low' || ext.fee === 'paid' ? { fee: ext.fee } : {}),
    ...(Array.isArray(ext.features) ? { features: ext.features.filter((f): f is 'ev' => typeof f === 'string') } : {}),
    ...(isObj(ext.hours) ? { hours: { hours: ext.hours as NonNullable<ServiceRecord['hours']> } } : {}),
    ...(str(ext.hoursAsWritten) ? { hours: { asWritten: ext.hoursAsWritten as string, reason: 'kept as written' } } : {}),
    ...(ext.location === 'approximate' ? { approximate: true } : {}),
    ...((SOURCE_KINDS as readonly unknown[]).includes(source.kind) ? { sourceKind: source.kind as ServiceRecord['source']['kind'] } : {}),
    ...(str(source.reference) ? { sourceRef: source.reference as string } : {}),
    ...(str(source.updated) ? { updated: source.updated } : {}),
  };
}

function candidateOf(t: Triple): Candidate | { skip: string; ref: string } {
  const { sal, service, location } = t;
  const ref = `service_at_location/${str(sal.id) ?? '?'}`;
  if (!location) return { skip: 'no location', ref };
  if (str(service.status) && service.status !== 'active') return { skip: `status ${String(service.status).slice(0, 20)}`, ref };
  const svcName = str(service.name) ?? str(location.name);
  const alt = str(service.alternate_name);
  const zh = svcName && hasHan(svcName) ? svcName : alt && hasHan(alt) ? alt : undefined;
  const en = svcName && !hasHan(svcName) ? svcName : alt && !hasHan(alt) ? alt : undefined;
  const schedules = [...arr(sal.schedules), ...arr(location.schedules), ...arr(service.schedules)];
  const hours = hsdsSchedulesToHours(schedules);
  const link = [service.url, ...arr(sal.schedules).map((s) => (isObj(s) ? s.schedule_link : undefined))].map(str).find(Boolean);
  const maximum = arr(service.capacities)
    .filter(isObj)
    .map((c) => c.maximum)
    .find((m) => typeof m === 'number');
  const minAge = typeof service.minimum_age === 'number' ? service.minimum_age : undefined;
  const maxAge = typeof service.maximum_age === 'number' ? service.maximum_age : undefined;
  const phones = phoneTexts(sal.phones, location.phones, service.phones);
  const address = addressOf(location);
  // Beds, doctors, ground and floor area (issue 17): from x_dgnearby, else from facility attributes.
  const facility = facilityFiguresFromHsds(
    isObj(service.x_dgnearby) ? (service.x_dgnearby as Partial<DgNearbyExtension>) : undefined,
    service.attributes,
  );
  const base: Candidate = {
    ref,
    id: str(sal.id) ?? '',
    sourceKind: 'hsds',
    terms: termsOf(service),
    name: { ...(zh ? { zh } : {}), ...(en ? { en } : {}) },
    lon: location.longitude,
    lat: location.latitude,
    ...(str(location.external_identifier) && /^4419\d{5}$/.test(location.external_identifier as string)
      ? { town: location.external_identifier as string }
      : {}),
    ...(address ? { address } : {}),
    ...(phones.length ? { phones } : {}),
    ...(link ? { url: link } : {}),
    ...(hours ? { hours } : {}),
    ...(maximum !== undefined ? { capacity: maximum } : {}),
    ...(minAge !== undefined || maxAge !== undefined
      ? { ageMonths: [(minAge ?? 0) * 12, Math.min(1500, (maxAge ?? 125) * 12)] as [unknown, unknown] }
      : {}),
    ...(str(service.description) ? { description: service.description as string } : {}),
    ...(service.last_modified !== undefined ? { updated: service.last_modified } : {}),
    ...(Object.keys(facility).length ? { extra: facility } : {}),
  };
  if (!isObj(service.x_dgnearby)) return base;
  // Profile data (x_dgnearby) wins, field by field: HSDS has one language per record, no tel: links and
  // no capacity apart from live counts, so contact fields and capacity come from the extension only.
  const { sourceRef, ...ext } = extensionCandidate(service.x_dgnearby);
  const { phones: _p, url: _u, capacity: _c, ageMonths: _a, ...kept } = base;
  return { ...kept, ...ext, name: { ...base.name, ...ext.name }, ref: sourceRef ?? ref };
}

/** service_capacity → live figures, for the categories whose model is a single count; checked like data:validate would. */
function availabilityOf(service: Obj, record: ServiceRecord, ctx: BuildContext): AvailabilityItem | undefined {
  const caps = arr(service.capacities)
    .filter(isObj)
    .filter((c) => c.available !== undefined || c.updated !== undefined);
  if (!caps.length) return undefined;
  const report = ctx.report;
  const cap = caps[0]!;
  const { category } = record;
  if (category !== 'elderly_daycare' && category !== 'parking' && category !== 'clinic') {
    report.field(record.id, 'availability', `no single-count model for ${category}, left out`);
    return undefined;
  }
  const free = cap.available;
  const total = cap.maximum;
  const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100000;
  if (!isCount(free) || !isCount(total)) {
    report.field(record.id, 'availability', 'counts not whole numbers 0–100000, left out');
    return undefined;
  }
  if (free > total) {
    report.field(record.id, 'availability', 'available is more than maximum, left out');
    return undefined;
  }
  // The validator's own timestamp rule (real calendar date, offsets like +08 understood).
  const t = typeof cap.updated === 'string' ? parseFeedTimestamp(cap.updated) : NaN;
  if (Number.isNaN(t) || t < Date.UTC(2000, 0, 1)) {
    report.field(record.id, 'availability', 'updated is not a date-time, left out');
    return undefined;
  }
  const observedAt = new Date(t).toISOString();
  const figures: AvailabilityItem['figures'] =
    category === 'elderly_daycare'
      ? { kind: category, places: { free, total } }
      : category === 'parking'
        ? { kind: category, free, total }
        : { kind: category, appointmentsFree: free, appointmentsTotal: total };
  const checked = validateAvailabilityItem({ serviceId: record.id, observedAt, figures }, () => category, ctx.nowMs);
  if (!checked.ok) {
    report.field(record.id, 'availability', `${checked.issues[0]!.reason.slice(0, 60)}, left out`);
    return undefined;
  }
  return checked.item;
}

/** HSDS properties the importer reads; every other non-empty one of an imported record is counted in the report. */
const USED = {
  service: new Set([
    'id',
    'name',
    'alternate_name',
    'description',
    'url',
    'status',
    'minimum_age',
    'maximum_age',
    'phones',
    'schedules',
    'capacities',
    'attributes',
    'last_modified',
    'x_dgnearby',
    'service_at_locations',
    'organization_id',
  ]),
  location: new Set([
    'id',
    'name',
    'latitude',
    'longitude',
    'addresses',
    'phones',
    'schedules',
    'external_identifier',
    'external_identifier_type',
    'location_type',
    'organization_id',
  ]),
  service_at_location: new Set(['id', 'service', 'location', 'location_id', 'service_id', 'phones', 'schedules']),
};
const isEmpty = (x: unknown) => x === null || x === undefined || x === '' || (Array.isArray(x) && x.length === 0);

export function hsdsContext(options: HsdsImportOptions): BuildContext {
  return {
    crs: options.crs ?? 'wgs84',
    townAt: options.townAt,
    report: options.report ?? new ImportReport('hsds', options.crs ?? 'wgs84', []),
    ...(options.category ? { forcedCategory: options.category } : {}),
    updated: options.updated,
    nowMs: (options.now ?? new Date()).getTime(),
  };
}

function notImportedOf(t: Triple): string[] {
  const out: string[] = [];
  const parts: [keyof typeof USED, Obj | undefined][] = [
    ['service', t.service],
    ['location', t.location],
    ['service_at_location', t.sal === t.service ? undefined : t.sal],
  ];
  for (const [kind, obj] of parts) {
    if (!obj) continue;
    for (const key of Object.keys(obj)) if (!USED[kind].has(key) && !isEmpty(obj[key])) out.push(`${kind}.${key}`);
  }
  return out;
}

const unreadable = (e: unknown) => ({ skip: `could not be read (${e instanceof Error ? e.message.slice(0, 80) : 'error'})`, ref: '-' });

/** HSDS documents (or items of a streamed list) → one candidate per service_at_location, plus the parts that are not services. */
export const hsdsAdapter: SourceAdapter = {
  candidates(doc, ctx) {
    const out: Candidacy[] = [];
    let found: ReturnType<typeof collectTriples>;
    try {
      found = collectTriples(doc);
    } catch (e) {
      return [unreadable(e)];
    }
    for (let i = 0; i < found.unsupported; i++) out.push({ skip: 'not a service or service_at_location', ref: '-' });
    if (found.tooDeep) out.push({ skip: `nested deeper than ${MAX_HSDS_DEPTH} levels`, ref: '-' });
    for (const t of found.triples) {
      try {
        const c = candidateOf(t);
        out.push(
          'skip' in c
            ? c
            : { candidate: c, notImported: () => notImportedOf(t), availability: (record) => availabilityOf(t.service, record, ctx) },
        );
      } catch (e) {
        out.push(unreadable(e));
      }
    }
    return out;
  },
};

/** Imports a parsed HSDS document. Never throws. */
export function importHsds(doc: unknown, options: HsdsImportOptions): HsdsImportResult {
  const ctx = hsdsContext(options);
  const records: ServiceRecord[] = [];
  const availability: AvailabilityItem[] = [];
  new ImportRun(ctx, (r, a) => {
    records.push(r);
    if (a) availability.push(a);
  }).addItem(doc, hsdsAdapter);
  return { records, availability, skipped: ctx.report.skipCounts(), report: ctx.report };
}
