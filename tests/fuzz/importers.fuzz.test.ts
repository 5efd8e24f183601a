/**
 * Property-based tests of the importers (issue 14, classes 1, 2 and 7 as far as importers go):
 * whatever the input, the public import functions return instead of throwing, and everything they
 * return passes the same checks data:validate applies. Named regression cases pin each defect found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAvailabilityItem, validateServiceRecord } from '../../src/data/validate-feed.ts';
import { normaliseUrl, parseClock, parsePhones } from '../../src/import/fields.ts';
import { importHsds, MAX_HSDS_DEPTH } from '../../src/import/hsds.ts';
import { importOsm } from '../../src/import/osm.ts';
import { buildRecord } from '../../src/import/record.ts';
import { ImportReport } from '../../src/import/report.ts';
import { parseMapping, rowCandidate } from '../../src/import/spreadsheet-mapping.ts';
import { fuzzOptions } from './fuzz-config.ts';
import { townAt } from '../../scripts/lib/town-polygons.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
const UPDATED = '2026-11-30T00:00:00.000Z';

function expectAllValid(records: unknown[]): void {
  for (const r of records) {
    const res = validateServiceRecord(r);
    expect(res.ok, JSON.stringify(res)).toBe(true);
  }
}

/** Values hostile inputs put where a string or number belongs. */
const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.NaN, Infinity, 0.5, -1, 100001),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\n',
    '__proto__',
    'yesterday',
    '9999-12-31T00:00:00Z',
    '2026-02-30T00:00:00Z',
    'javascript:alert(1)',
    'https://a.example/x#a#b',
    '0769-22223333转8001',
    '305-932-4200 x151',
    '9:00am',
    '17:00Z',
    '24:59',
  ),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
/** Points inside and around Dongguan, and far away. */
const lat = fc.oneof(fc.double({ min: 22.6, max: 23.2, noNaN: true }), junk);
const lon = fc.oneof(fc.double({ min: 113.5, max: 114.3, noNaN: true }), junk);

const osmTags = fc.record(
  {
    amenity: fc.oneof(fc.constantFrom('kindergarten', 'clinic', 'parking', 'childcare', 'social_facility', 'hospital'), junk),
    leisure: fc.oneof(fc.constantFrom('pitch', 'sports_centre'), junk),
    name: fc.oneof(fc.constantFrom('测试幼儿园', 'Test Clinic'), junk),
    'name:en': junk,
    opening_hours: fc.oneof(
      fc.constantFrom('Mo-Fr 08:00-17:00; SH off', '24/7', 'Mo-Fr 07:30-17:30; PH off', 'Jan-Mar Mo 10:00-12:00', 'whenever'),
      junk,
    ),
    phone: fc.oneof(fc.constantFrom('0769-22223333转8001;0769-22223334', '+86 769 1234 5678'), junk),
    website: fc.oneof(fc.constantFrom('www.example.org', 'https://x.example/#a#b', 'ftp://x'), junk),
    capacity: junk,
    'addr:street': junk,
    'addr:housenumber': junk,
    'social_facility:for': fc.constantFrom('senior', 'child'),
    access: fc.constantFrom('yes', 'private'),
  },
  { requiredKeys: [] },
);
const osmElement = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        type: fc.oneof(fc.constantFrom('node', 'way', 'relation'), junk),
        id: fc.oneof(fc.nat(), junk),
        lat,
        lon,
        tags: fc.oneof(osmTags, junk),
        timestamp: junk,
      },
      { requiredKeys: ['type', 'id'] },
    ),
  },
  { weight: 1, arbitrary: junk },
);

describe('OSM importer: never throws, output always validates', () => {
  it('on hostile Overpass documents', () => {
    fc.assert(
      fc.property(fc.oneof(fc.record({ elements: fc.array(osmElement, { maxLength: 20 }) }), junk), (doc) => {
        const res = importOsm(doc, { townAt, now: NOW, updated: UPDATED });
        expectAllValid(res.records);
        const report = res.report.toJson(UPDATED);
        // The report accounts for every element read.
        const skipped = Object.values(report.skipped).reduce((n, r) => n + r.count, 0);
        expect(report.imported + skipped).toBe(report.read);
        expect(report.imported).toBe(res.records.length);
      }),
      fuzzOptions(1),
    );
  });
});

const hsdsService = fc.record(
  {
    name: fc.oneof(fc.constantFrom('测试长者饭堂', 'Adult Day Care'), junk),
    status: fc.oneof(fc.constant('active'), junk),
    minimum_age: junk,
    maximum_age: junk,
    url: junk,
    attributes: fc.oneof(fc.constant([{ taxonomy_term: { name: 'Adult Day Care' } }]), fc.constant([{ value: 'Older Adults' }]), junk),
    capacities: fc.oneof(fc.array(fc.record({ available: junk, maximum: junk, updated: junk }), { maxLength: 2 }), junk),
    x_dgnearby: fc.oneof(
      fc.record(
        { name: junk, category: fc.oneof(fc.constant('parking'), junk), id: junk, hours: junk, ageMonths: junk, capacity: junk },
        { requiredKeys: [] },
      ),
      junk,
    ),
    phones: fc.oneof(fc.array(fc.record({ number: junk, extension: junk }), { maxLength: 2 }), junk),
    schedules: fc.oneof(
      fc.array(fc.record({ freq: fc.constant('WEEKLY'), byday: junk, opens_at: junk, closes_at: junk, timezone: junk }), { maxLength: 2 }),
      junk,
    ),
  },
  { requiredKeys: [] },
);
const hsdsSal = fc.record({
  id: fc.oneof(fc.uuid(), junk),
  service: hsdsService,
  location: fc.oneof(
    fc.record({
      latitude: lat,
      longitude: lon,
      addresses: fc.oneof(fc.constant([{ address_1: '虎门镇银龙路1号', city: '东莞市' }]), junk),
    }),
    junk,
  ),
});

describe('HSDS importer: never throws, output always validates', () => {
  it('on hostile service_at_location lists', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(hsdsSal, { maxLength: 10 }), fc.record({ contents: fc.array(hsdsSal, { maxLength: 10 }) }), junk),
        (doc) => {
          const res = importHsds(doc, { townAt, updated: UPDATED, now: NOW, crs: 'wgs84' });
          expectAllValid(res.records);
          const categories = new Map(res.records.map((r) => [r.id, r.category]));
          for (const a of res.availability) expect(validateAvailabilityItem(a, (id) => categories.get(id), NOW.getTime()).ok).toBe(true);
        },
      ),
      fuzzOptions(1),
    );
  });
});

describe('spreadsheet rows: never throw, output always validates', () => {
  const mapping = parseMapping({
    columns: {
      'name.zh': 'n',
      'address.zh': 'a',
      phone: 'p',
      town: 't',
      lat: 'y',
      lon: 'x',
      url: 'u',
      hours: 'h',
      capacity: 'c',
      'age.min': 'amin',
      'age.max': 'amax',
      category: 'k',
    },
  });
  const cell = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      '',
      '虎门镇',
      '松山湖',
      '东莞市南城街道某路1号',
      '113.7',
      '22.9',
      '1e308',
      '-5',
      'NaN',
      '幼儿园',
      'Transportation',
      'www.example.org',
      '9:00am-5:00pm',
    ),
  );
  it('on random rows', () => {
    fc.assert(
      fc.property(
        fc.record({ n: cell, a: cell, p: cell, t: cell, y: cell, x: cell, u: cell, h: cell, c: cell, amin: cell, amax: cell, k: cell }),
        fc.constantFrom('wgs84', 'gcj02', 'bd09'),
        (row, crs) => {
          const report = new ImportReport('csv', crs, []);
          const r = buildRecord(rowCandidate(row, 2, mapping), { townAt, crs, report, updated: UPDATED, nowMs: NOW.getTime() });
          if (r) expectAllValid([r]);
        },
      ),
      fuzzOptions(1),
    );
  });
});

describe('named regression cases (issues 12 and 14)', () => {
  const ctx = (crs: 'wgs84' | 'gcj02' = 'wgs84') => ({
    crs,
    townAt,
    report: new ImportReport('osm', crs, []),
    updated: UPDATED,
    nowMs: NOW.getTime(),
  });
  const kg = (tags: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    type: 'node',
    id: 1,
    lat: 22.843388,
    lon: 113.695466,
    tags: { amenity: 'kindergarten', ...tags },
    ...extra,
  });

  it('class 1: a document without "elements" is unusable, not a crash', () => {
    expect(importOsm({ version: 0.6 }, { townAt }).unusable).toMatch(/elements/);
  });

  it('class 1: one bad element (null, numeric name, numeric type) is skipped; the rest import', () => {
    const res = importOsm(
      { elements: [null, kg({ name: 12345 }), { type: 7, id: 2 }, kg({ name: '好' }, { id: 3 })] },
      { townAt, now: NOW },
    );
    expect(res.records.map((r) => r.id)).toEqual(['osm-n1', 'osm-n3']);
    expect(res.records[0]!.name.en).toBe('Unnamed kindergarten');
    expect(res.skipped).toEqual({ 'not an OSM element': 2 });
  });

  it('class 1: HSDS x_dgnearby without a string name does not crash', () => {
    const doc = {
      id: 's1',
      location: { latitude: 22.843388, longitude: 113.695466 },
      service: { name: '测试幼儿园', x_dgnearby: { name: 5, category: 'kindergarten' } },
    };
    const res = importHsds(doc, { townAt, updated: UPDATED, now: NOW });
    expect(res.records).toHaveLength(1);
    expect(res.records[0]!.name.zh).toBe('测试幼儿园');
  });

  it('class 1: HSDS nesting 3,000 deep is reported, not a RangeError', () => {
    let doc: unknown = { id: 's1', location: { latitude: 22.84, longitude: 113.69 }, service: { name: '测试' } };
    for (let i = 0; i < 3000; i++) doc = [doc];
    const res = importHsds(doc, { townAt, updated: UPDATED, now: NOW });
    expect(res.records).toEqual([]);
    expect(res.skipped).toEqual({ [`nested deeper than ${MAX_HSDS_DEPTH} levels`]: 1 });
  });

  it('class 2: service_capacity is checked before it becomes availability (dates, integers, bounds)', () => {
    const sal = (cap: Record<string, unknown>, id: string) => ({
      id,
      location: { latitude: 22.843388, longitude: 113.695466 },
      service: { name: '测试停车场', attributes: [{ value: 'parking' }], capacities: [cap] },
    });
    const res = importHsds(
      [
        sal({ available: 5, maximum: 10, updated: 'yesterday' }, 'a'),
        sal({ available: 5, maximum: 10, updated: '2099-01-01T00:00:00Z' }, 'b'),
        sal({ available: 1.5, maximum: 10, updated: '2026-11-30T00:00:00Z' }, 'c'),
        sal({ available: 5, maximum: 100001, updated: '2026-11-30T00:00:00Z' }, 'd'),
        sal({ available: 5, maximum: 10, updated: '2026-02-30T00:00:00Z' }, 'e'),
        sal({ available: 5, maximum: 10, updated: '2026-11-30T08:00:00+08:00' }, 'f'),
      ],
      { townAt, updated: UPDATED, now: NOW },
    );
    expect(res.records).toHaveLength(6);
    expect(res.availability.map((a) => [a.serviceId, a.observedAt])).toEqual([['f', '2026-11-30T00:00:00.000Z']]);
  });

  it('class 2: minimum_age 1e308 is dropped and reported, never written as null', () => {
    const res = importHsds(
      {
        id: 'a',
        location: { latitude: 22.843388, longitude: 113.695466 },
        service: { name: '测试幼儿园', attributes: [{ value: 'kindergarten' }], minimum_age: 1e308 },
      },
      { townAt, updated: UPDATED, now: NOW },
    );
    expect(res.records[0]!.ageMonths).toBeUndefined();
    expect(res.report.fieldCounts()).toMatchObject({ 'ageMonths: absurd age range, dropped': 1 });
  });

  it('issue 12: a Z time imports at China time, not 8 hours off; 9:00am and 9:00 are read', () => {
    const sched = (opens_at: string, closes_at: string) => ({
      id: 'x',
      location: { latitude: 22.843388, longitude: 113.695466 },
      service: { name: '测试诊所', attributes: [{ value: 'clinic' }], schedules: [{ freq: 'WEEKLY', byday: 'MO', opens_at, closes_at }] },
    });
    expect(importHsds(sched('01:00Z', '09:30Z'), { townAt, updated: UPDATED }).records[0]!.hours!.weekly[0]).toBe('09:00-17:30');
    expect(importHsds(sched('9:00am', '5:30pm'), { townAt, updated: UPDATED }).records[0]!.hours!.weekly[0]).toBe('09:00-17:30');
    expect(importHsds(sched('9:00', '17:30'), { townAt, updated: UPDATED }).records[0]!.hours!.weekly[0]).toBe('09:00-17:30');
    // 20:00 UTC Monday is 04:00 Tuesday in Dongguan.
    expect(importHsds(sched('20:00:00Z', '23:00:00Z'), { townAt, updated: UPDATED }).records[0]!.hours!.weekly.slice(0, 2)).toEqual([
      '',
      '04:00-07:00',
    ]);
  });

  it('issue 12: category words no longer match inside other terms or target populations', () => {
    const svc = (terms: string[]) => ({
      id: 'x',
      location: { latitude: 22.843388, longitude: 113.695466 },
      service: { name: 'Test', attributes: terms.map((t) => ({ taxonomy_term: { name: t } })) },
    });
    for (const t of ['Transportation', 'Disability Parking Permits', 'Older Adults']) {
      expect(importHsds(svc([t]), { townAt, updated: UPDATED }).records, t).toEqual([]);
    }
    expect(importHsds(svc(['Older Adults', 'Adult Day Care']), { townAt, updated: UPDATED }).records[0]!.category).toBe('elderly_daycare');
  });

  it('issue 12: OSM SH hours are kept as written and counted; addresses and several phones with extensions are kept', () => {
    const c = ctx();
    const res = importOsm(
      {
        elements: [
          kg({
            name: '测试幼儿园',
            opening_hours: 'Mo-Fr 08:00-17:00; SH off',
            phone: '0769-22223333转8001; 305-932-4200 x151',
            'addr:city': '东莞市',
            'addr:street': '银龙路',
            'addr:housenumber': '12号',
          }),
        ],
      },
      { townAt, now: NOW, report: c.report },
    );
    const r = res.records[0]!;
    expect(r.hours).toBeUndefined();
    expect(r.hoursAsWritten).toBe('Mo-Fr 08:00-17:00; SH off');
    expect(r.phones).toEqual([
      { number: '0769-22223333', ext: '8001' },
      { number: '305-932-4200', ext: '151' },
    ]);
    expect(r.phone).toBe('0769-22223333');
    expect(r.address).toEqual({ zh: '东莞市银龙路12号', en: '东莞市银龙路12号' });
    expect(res.report.fieldCounts()['hours: school holidays (SH) kept as written']).toBe(1);
  });

  it('issue 12: an OSM website with two # is made a valid URI (HSDS export accepts it); scheme-less hosts get https://', () => {
    expect(normaliseUrl('https://x.example/p#a#b')).toEqual({ url: 'https://x.example/p#a%23b', changed: true });
    expect(normaliseUrl('www.example.org/kg')).toEqual({ url: 'https://www.example.org/kg', changed: true });
    expect(normaliseUrl('not a host/x')).toEqual({ reason: 'no scheme and not a host name' });
    expect(normaliseUrl('javascript:alert(1)')).toEqual({ reason: 'scheme not http(s)' });
  });

  it('issue 12: phones and clock parsing', () => {
    expect(parsePhones('0769-22223333转8001')).toEqual({ phones: [{ number: '0769-22223333', ext: '8001' }], rejected: [] });
    expect(parsePhones('305-932-4200 x151').phones).toEqual([{ number: '305-932-4200', ext: '151' }]);
    expect(parsePhones('(0769) 2222 3333；13800000000').phones.map((p) => p.number)).toEqual(['0769 2222 3333', '13800000000']);
    expect(parseClock('12:00am')).toEqual({ minutes: 0 });
    expect(parseClock('12:30pm')).toEqual({ minutes: 750 });
    expect(parseClock('08:00:00+08:00')).toEqual({ minutes: 480, offsetMinutes: 480 });
    expect(parseClock('24:01')).toBeNull();
    expect(parseClock('13:00pm')).toBeNull();
  });

  it('issue 12: GCJ-02 input whose converted point falls in another town than stated is reported, not moved', () => {
    const c = ctx('gcj02');
    const r = buildRecord(
      {
        ref: 'row 2',
        id: 'a',
        sourceKind: 'spreadsheet',
        category: 'clinic',
        terms: [],
        name: { zh: '测试站' },
        lon: 113.7,
        lat: 22.85,
        town: '南城街道',
      },
      c,
    )!;
    expect(r.town).toBe('441900121');
    expect(r.location).toBeUndefined();
    expect(c.report.fieldCounts()).toMatchObject({ 'town: point is in 虎门镇, not the stated town (kept where the point is)': 1 });
  });
});
