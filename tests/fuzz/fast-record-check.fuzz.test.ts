/**
 * The import's fast record check against valibot (issue 13 point 5): on generated records — valid ones
 * with every optional field, and ones mutated at any path (wrong types, out-of-range numbers, missing and
 * extra fields, odd strings, bad hours, bad URLs, wrong towns…) — the fast check accepts exactly what the
 * schema accepts, builds the same output (keys, key order, undefined, -0), and the sync's validator
 * gives the same result as validateServiceRecord, reasons included.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceRecordSchema } from '../../src/data/feed-schema.ts';
import { CATEGORIES } from '../../src/data/categories.ts';
import { validateServiceRecord } from '../../src/data/validate-feed.ts';
import { fastRecordCheck, fastValidateServiceRecord } from '../../src/data/fast-record-check.ts';
import { fuzzOptions } from './fuzz-config.ts';
import { countCase, countDetail, flushFuzzSummary, FUZZ_TIMEOUT_MS } from './fuzz-summary.ts';
import { isoInstant, validRecord, type Json } from './record-arbitraries.ts';

afterAll(flushFuzzSummary);

/** A value written out with everything deep equality forgets: key order, undefined members, -0, NaN. */
export function canon(x: unknown): string {
  if (x === undefined) return 'undefined';
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'string') return JSON.stringify(x);
  if (x === null || typeof x !== 'object') return `${typeof x}:${String(x)}`;
  if (Array.isArray(x)) return `[${Array.from(x, canon).join(',')}]`;
  const proto = Object.getPrototypeOf(x) === Object.prototype ? '' : '<proto>';
  return `${proto}{${Object.keys(x)
    .map((k) => `${JSON.stringify(k)}:${canon((x as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

const text = (max: number) => fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constant('x'.repeat(max)));
const localized = (max: number) => fc.record({ zh: text(max), en: text(max), zhHant: text(max) }, { requiredKeys: ['zh', 'en'] });

/** Valid records with the optional fields validRecord leaves out, facility figures on their own category. */
const fullRecord: fc.Arbitrary<Json> = fc
  .tuple(
    validRecord(),
    fc.record(
      {
        zhHant: text(200),
        address: localized(200),
        phones: fc.array(
          fc.record(
            { number: fc.stringMatching(/^\+?[0-9][0-9\- ]{2,30}$/), ext: fc.stringMatching(/^[0-9]{1,8}$/) },
            { requiredKeys: ['number'] },
          ),
          { minLength: 1, maxLength: 10 },
        ),
        location: fc.constant('approximate'),
        hoursAsWritten: fc.string({ minLength: 1, maxLength: 255 }),
        description: localized(2000),
        osm: fc.string({ maxLength: 255 }),
        figure: fc.double({ min: 0, max: 20000, noNaN: true }),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([rec, extra]) => {
    const out: Json = { ...rec };
    if (extra.zhHant !== undefined) out.name = { ...rec.name, zhHant: extra.zhHant };
    if (extra.address) out.address = extra.address;
    if (extra.phones) out.phones = extra.phones;
    if (extra.location) out.location = extra.location;
    if (extra.hoursAsWritten) out.hoursAsWritten = extra.hoursAsWritten;
    if (extra.description) out.description = extra.description;
    if (extra.osm !== undefined && rec.hours) out.hours = { ...rec.hours, osm: extra.osm };
    if (extra.figure !== undefined) {
      const whole = Math.floor(extra.figure);
      if (rec.category === 'clinic') Object.assign(out, { beds: whole, doctors: Math.min(whole, 300) });
      if (rec.category === 'sports_venue') out.groundAreaM2 = extra.figure;
      if (rec.category === 'elderly_daycare') out.floorAreaM2 = extra.figure;
    }
    return out;
  });

const long = (n: number) => 'a'.repeat(n);
/** Opening-hours strings at the edges of the format: both the general pool and the weekly entries use them. */
const HOURS_EDGES = [
  '00:00-24:00',
  '08:00-24:01',
  '08:00-24:30',
  '8:00-17:00',
  '08:00-17:00,18:00-20:00',
  '08:00-17:00,',
  '18:00-02:00',
  '23:59-00:00',
  '24:00-24:00',
  '08:60-09:00',
  '08:00–17:00',
];

/** Values aimed at the schema's edges and at the places a hand-written check goes wrong. */
const ODD_VALUES: unknown[] = [
  null,
  undefined,
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  1,
  -1,
  1.5,
  0.1,
  24,
  36,
  72,
  90,
  90.000001,
  -90,
  -90.000001,
  180,
  180.000001,
  -180.5,
  23.0,
  113.8,
  39.9,
  116.4,
  1500,
  1500.5,
  1501,
  100000,
  100001,
  20000,
  20000.5,
  20001,
  5_000_000,
  5_000_001,
  1_000_000,
  1_000_001,
  Number.MAX_VALUE,
  true,
  false,
  '',
  ' ',
  '0',
  '1',
  '113.7',
  [],
  {},
  [1, 2],
  [0, 0],
  [36, 72],
  [72, 36],
  [36, 72, 99],
  [36],
  [-0, 0],
  [Infinity, 72],
  [null, 1],
  ['36', 72],
  '441900003',
  '441900121',
  '441900999',
  '4419001210',
  '44190012a',
  ' 441900121',
  '441900121\n',
  ...CATEGORIES,
  'school',
  'Clinic',
  'closed',
  'open',
  'weekend',
  'Closed',
  'approximate',
  'exact',
  'free',
  'low',
  'paid',
  'cheap',
  'ev',
  'accessible',
  'meals',
  'school_ground',
  'helipad',
  ['ev', 'ev'],
  ['helipad'],
  ['meals', 'accessible'],
  'sample',
  'osm',
  'hsds',
  'spreadsheet',
  'import',
  '2026-11-28T00:00:00Z',
  '2026-11-28 00:00:00Z',
  '2026-11-28T00:00:00.123456789Z',
  '2026-11-28T00:00:00+08',
  '2026-11-28T00:00:00+0800',
  '2026-11-28T00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2024-02-29T00:00:00Z',
  '2026-11-28T24:00:00Z',
  '2026-11-28T00:00:00+24:00',
  '2026-11-28',
  'yesterday',
  'https://example.org',
  'http://x',
  'HTTPS://EXAMPLE.ORG',
  'https://',
  'https:// x',
  'http:/x',
  '//example.org',
  'javascript:alert(1)',
  'data:text/html,x',
  'tel:12345',
  'tel:+86 769-1234',
  'tel:abc',
  `https://${long(2040)}`,
  `https://${long(2041)}`,
  ...HOURS_EDGES,
  ['', '', '', '', '', '', ''],
  ['08:00-17:00', '', '', '', '', ''],
  ['', '', '', '', '', '', '', ''],
  ['', '', '', '', '', '', 7],
  '123',
  '+86 769 2222 3333',
  '0769-2222-3333',
  '12',
  '+1',
  '1234567890123456789012345678901',
  '12345678901234567890123456789012',
  '12345678',
  '123456789',
  '12a',
  'dong cheng',
  'Dong Cheng',
  'dcjd',
  'DCJD',
  'é',
  '\u2028',
  '\u0000',
  '\uD800',
  's-1',
  's 1',
  long(100),
  long(101),
  long(200),
  long(201),
  long(255),
  long(256),
  long(500),
  long(501),
  long(600),
  long(601),
  long(2000),
  long(2001),
  { zh: '名', en: 'Name' },
  { zh: '名', en: 'Name', zhHant: '' },
  { zh: '', en: 'Name' },
  { zh: '名' },
  { zh: '名', en: 'Name', extra: 1 },
  ['名', 'Name'],
  { number: '12345' },
  [{ number: '12345', ext: '8' }],
  [{ number: '12345', ext: '123456789' }],
  [[]],
  [{ number: '12345' }, null],
  { weekly: ['', '', '', '', '', '', ''], publicHolidays: 'open' },
  { weekly: [], publicHolidays: 'open' },
  { kind: 'sample', reference: '', updated: '2026-11-28T00:00:00Z' },
  { full: '', initials: '' },
  { full: 'A', initials: '' },
];

const phoneList = (n: number) => Array.from({ length: n }, (_, i) => ({ number: `0769-${1000 + i}` }));
/** Values at each field's edges (both sides), keyed by field name; "[]" marks an array's items. */
const EDGE_VALUES: Record<string, unknown[]> = {
  id: ['', 'a', long(100), long(101), 'a b', 'é', 'a/b', 5],
  category: ['kindergarten', 'clinic', 'nursery', 'elderly_daycare', 'sports_venue', 'parking', 'school', ''],
  town: ['441900003', '441900121', '441900999', '44190012', '4419001210', 441900121, '441900121 '],
  lat: [90, 90.000001, -90, -90.000001, 22.65651, 22.4, 23.5, 39.9042, -0, Infinity, NaN, '22.9'],
  lon: [180, 180.000001, -180, -180.000001, 113.51652, 113.2, 114.5, 116.4074, -0, -Infinity, NaN, '113.7'],
  zh: ['', ' ', '名', long(200), long(201), long(2000), long(2001), 5, null],
  en: ['', ' ', 'Name', long(200), long(201), long(2000), long(2001), ['x'], null],
  zhHant: ['', ' ', '名', long(200), long(201), long(2000), long(2001), 0],
  phone: [
    '123',
    '12',
    '+123',
    '+12',
    '1234567890123456789012345678901',
    '12345678901234567890123456789012',
    '0769 2222-3333',
    ' 123',
    '123a',
    123,
  ],
  number: ['123', '12', '+86 769-2222', 'abc', 123, null],
  ext: ['1', '12345678', '123456789', '', 'a', 8],
  phones: [[], phoneList(1), phoneList(10), phoneList(11), [null], [[]], [{ number: '123', ext: '1' }], {}],
  // An array with a "number" key is an object to valibot's object() (phones items are not jsonObject).
  'phones[]': [
    { number: '123' },
    { number: '12' },
    { number: '123', ext: '' },
    { ext: '1' },
    [],
    Object.assign([], { number: '123' }),
    null,
    '123',
  ],
  location: ['approximate', 'Approximate', 'exact', '', true],
  hoursAsWritten: ['', 'x', long(255), long(256), 'Mo-Fr 08:00-17:00; SH off', 5],
  url: [
    'https://example.org',
    'http://x',
    'HTTPS://X.ORG',
    'https://',
    'https:// x',
    '//x.org',
    'javascript:alert(1)',
    'data:,x',
    'tel:12345',
    'tel:+86 769-1',
    'tel:abc',
    `https://${long(2040)}`,
    `https://${long(2041)}`,
    5,
  ],
  hours: [
    { weekly: ['', '', '', '', '', '', ''], publicHolidays: 'open' },
    { weekly: ['', '', '', '', '', ''], publicHolidays: 'open' },
    { weekly: [], publicHolidays: 'weekend' },
    { publicHolidays: 'open' },
    [],
    'Mo-Fr',
  ],
  weekly: [['', '', '', '', '', '', ''], ['', '', '', '', '', ''], ['', '', '', '', '', '', '', ''], ['', '', '', '', '', '', null], 'x'],
  'weekly[]': ['', ...HOURS_EDGES, ' 08:00-17:00', 8, null],
  publicHolidays: ['closed', 'open', 'weekend', 'Closed', '', null],
  osm: ['', long(255), long(256), 'Mo-Fr 08:00-17:00', 5],
  capacity: [-1, 0, 100000, 100001, 1.5, -0, Infinity, '5', null],
  ageMonths: [
    [0, 0],
    [0, 1500],
    [0.5, 0],
    [1, 1.5],
    [72, 36],
    [36, 72, 99],
    [36],
    [],
    [Infinity, 72],
    [-0, 0],
    ['36', 72],
    [null, 1],
    { 0: 1, 1: 2 },
  ],
  'ageMonths[]': [-1, 0, -0, 1500, 1500.5, 1501, 0.5, Infinity, NaN, '1', null],
  fee: ['free', 'low', 'paid', 'cheap', '', null],
  features: [[], ['ev'], ['ev', 'ev'], ['ev', 'accessible', 'meals', 'school_ground'], ['helipad'], [null], 'ev'],
  'features[]': ['ev', 'accessible', 'meals', 'school_ground', 'helipad', 'EV', '', null],
  description: [
    { zh: long(2000), en: 'x' },
    { zh: long(2001), en: 'x' },
    { zh: 'x', en: 'x', zhHant: '' },
    { zh: 'x' },
    ['x', 'y'],
    'text',
  ],
  address: [{ zh: long(200), en: 'x' }, { zh: long(201), en: 'x' }, { zh: 'x', en: 'x', zhHant: '' }, { en: 'x' }, [], 'street'],
  name: [{ zh: long(200), en: 'x' }, { zh: long(201), en: 'x' }, { zh: 'x', en: 'x', zhHant: long(201) }, { zh: 'x' }, ['x', 'y'], 'name'],
  source: [{ kind: 'sample', reference: '', updated: '2026-11-28T00:00:00Z' }, { kind: 'osm', reference: 'x' }, [], null],
  kind: ['sample', 'osm', 'hsds', 'spreadsheet', 'import', '', null],
  reference: ['', long(500), long(501), 5, null],
  updated: [
    '2026-11-28T00:00:00Z',
    '2026-11-28 00:00:00Z',
    '2026-11-28T00:00:00.123456789Z',
    '2026-11-28T00:00:00.1234567890Z',
    '2026-11-28T00:00:00+08',
    '2026-11-28T00:00:00+0800',
    '2026-11-28T00:00:00+08:00',
    '2026-11-28T00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '2026-11-28T24:00:00Z',
    '2026-11-28T00:00:00+24:00',
    '2026-11-28',
    'yesterday',
    '',
    1764288000000,
  ],
  pinyin: [{ full: '', initials: '' }, { full: 'a' }, [], 'a'],
  full: ['', 'a b', 'A', 'a-b', long(600), long(601), 'ü', 5],
  initials: ['', 'ab1', 'a b', 'A', long(200), long(201), 5],
  beds: [0, 20000, 20001, 1.5, -1, -0, Infinity, '1', null],
  doctors: [0, 20000, 20001, 0.5, -1, NaN],
  groundAreaM2: [0, 0.5, 5_000_000, 5_000_000.5, -0.1, Infinity, '1'],
  floorAreaM2: [0, 0.5, 1_000_000, 1_000_000.5, -1, Infinity, true],
};
/** Keys an "add" may write: the schema's, unknown ones, and keys that touch the prototype. */
const KNOWN_KEYS = [...Object.keys(EDGE_VALUES).filter((k) => !k.endsWith('[]')), 'x_extra', '0', 'constructor', 'toString', '__proto__'];

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_VALUES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})?$/) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -2, max: 100002 }) },
  { weight: 1, arbitrary: isoInstant() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1, withNullPrototype: true, withBoxedValues: true }) },
);

/**
 * One change. "field": a field picked by name (every field as likely, however many times it occurs) gets
 * one of its edge values; "replace": any path gets an edge or odd value; "delete"; "undefined" (the key
 * stays); "add": a key written on any object or array (own property, even __proto__).
 */
const FIELDS = Object.keys(EDGE_VALUES);
const op = fc.record({
  kind: fc.constantFrom('field', 'field', 'field', 'field', 'replace', 'delete', 'undefined', 'add'),
  field: fc.constantFrom(...FIELDS),
  at: fc.nat(),
  key: fc.constantFrom(...KNOWN_KEYS),
  edge: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  pick: fc.nat(),
  value: oddValue,
});
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** The value an op writes at a field: one of the field's edge values, or its odd value. */
function valueFor(o: Op, field: string | undefined): unknown {
  const edges = field === undefined ? undefined : EDGE_VALUES[field];
  return o.edge && edges ? structuredClone(edges[o.pick % edges.length]) : o.value;
}
/** The field name EDGE_VALUES knows a path by: its last key, or "<array>[]" for an array's item. */
function fieldOf(path: (string | number)[]): string | undefined {
  const last = path[path.length - 1];
  if (typeof last === 'number') return typeof path[path.length - 2] === 'string' ? `${path[path.length - 2]}[]` : undefined;
  return last;
}

/** Every path into a value, the root first. */
function paths(x: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (typeof x !== 'object' || x === null) return out;
  const proto: unknown = Object.getPrototypeOf(x);
  // Into arrays and plain objects only (not boxed strings, dates, maps from fc.anything).
  if (!Array.isArray(x) && proto !== Object.prototype && proto !== null) return out;
  for (const k of Object.keys(x))
    paths((x as Record<string, unknown>)[k], [...at, Array.isArray(x) && /^\d+$/.test(k) ? Number(k) : k], out);
  return out;
}

function applyOp(rec: Json, o: Op): Json {
  if (typeof rec !== 'object' || rec === null) return o.kind === 'replace' ? o.value : rec;
  const copy = structuredClone(rec);
  const all = paths(copy);
  if (o.kind === 'add') {
    const containers = all.filter((p) => {
      const c = get(copy, p);
      return Array.isArray(c) || (typeof c === 'object' && c !== null && [Object.prototype, null].includes(Object.getPrototypeOf(c)));
    });
    const target = get(copy, containers[o.at % containers.length]!) as Record<string, unknown>;
    Reflect.defineProperty(target, o.key, { value: valueFor(o, o.key), enumerable: true, writable: true, configurable: true });
    return copy;
  }
  if (o.kind === 'field') {
    const at = all.filter((p) => fieldOf(p) === o.field);
    const edges = EDGE_VALUES[o.field]!;
    const value = structuredClone(edges[o.pick % edges.length]);
    // A field the record does not have is added at the top (where most optional fields live).
    if (!at.length)
      Reflect.defineProperty(copy, o.field.replace('[]', ''), { value, enumerable: true, writable: true, configurable: true });
    else Reflect.set(get(copy, at[o.at % at.length]!.slice(0, -1)) as object, at[o.at % at.length]!.at(-1)!, value);
    return copy;
  }
  const path = all[o.at % all.length]!;
  if (path.length === 0) return o.kind === 'replace' ? o.value : copy;
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (o.kind === 'delete') Reflect.deleteProperty(parent, key);
  else Reflect.set(parent, key, o.kind === 'undefined' ? undefined : valueFor(o, fieldOf(path)));
  return copy;
}
const get = (x: unknown, p: (string | number)[]): unknown => p.reduce<unknown>((a, k) => (a as Record<string | number, unknown>)[k], x);

/** The fast check and valibot on one value: same verdict, same output, same RecordResult. */
function compare(raw: unknown): boolean {
  const schema = v.safeParse(serviceRecordSchema, raw);
  const fast = fastRecordCheck(raw);
  expect(fast !== null, 'fast check accepts exactly what the schema accepts').toBe(schema.success);
  if (fast !== null && schema.success) expect(canon(fast)).toBe(canon(schema.output));
  const slow = validateServiceRecord(raw);
  const { exact, ...result } = fastValidateServiceRecord(raw) as ReturnType<typeof fastValidateServiceRecord> & { exact?: boolean };
  expect(canon(result)).toBe(canon(slow));
  // "exact" lets the sync store the file's bytes as the records: then the output is the input but for key order.
  if (exact) expect(sortedCanon(fast)).toBe(sortedCanon(raw));
  return slow.ok;
}

/** canon with keys sorted: equal for two values that differ only in key order. */
function sortedCanon(x: unknown): string {
  if (x === null || typeof x !== 'object') return canon(x);
  if (Array.isArray(x)) return `[${Array.from(x, sortedCanon).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${sortedCanon(o[k])}`)
    .join(',')}}`;
}

/** A record with every field, for each category (with that category's facility figures). */
function everyField(category: string): Json {
  return {
    id: 's-441900121-x.1:a',
    category,
    name: { zh: '示例', en: 'Sample', zhHant: '示例' },
    town: '441900121',
    lat: 22.82,
    lon: 113.67,
    address: { zh: '路 1 号', en: '1 Road', zhHant: '路 1 號' },
    phone: '0769-2222-3333',
    phones: [{ number: '0769-2222-3333', ext: '8' }, { number: '+86 769 1' }],
    location: 'approximate',
    hoursAsWritten: 'Mo-Fr 08:00-17:00; SH off',
    url: 'https://example.org/book',
    hours: {
      weekly: ['08:00-12:00,14:00-17:30', '08:00-17:30', '', '18:00-02:00', '00:00-24:00', '', ''],
      publicHolidays: 'weekend',
      osm: 'Mo-Fr 08:00-17:30',
    },
    capacity: 120,
    ageMonths: [24, 72],
    fee: 'low',
    features: ['ev', 'meals'],
    description: { zh: '说明', en: 'About' },
    source: { kind: 'hsds', reference: 'ref-1', updated: '2026-11-28T08:00:00+08:00' },
    pinyin: { full: 'shi li', initials: 'sl' },
    ...(category === 'clinic' ? { beds: 40, doctors: 12 } : {}),
    ...(category === 'sports_venue' ? { groundAreaM2: 5200.5 } : {}),
    ...(category === 'elderly_daycare' ? { floorAreaM2: 830 } : {}),
  };
}

describe('fastValidateServiceRecord against validateServiceRecord', () => {
  it('agrees on every edge value of every field, wherever the field occurs (exhaustive table)', () => {
    let cases = 0;
    const verdicts = new Set<boolean>();
    for (const category of CATEGORIES) {
      const base = everyField(category);
      expect(compare(base), category).toBe(true);
      const all = paths(base);
      for (const [field, values] of Object.entries(EDGE_VALUES)) {
        const at = all.filter((p) => fieldOf(p) === field);
        for (const value of values) {
          for (const path of at.length ? at : [[field.replace('[]', '')]]) {
            const rec = structuredClone(base);
            Reflect.set(get(rec, path.slice(0, -1)) as object, path.at(-1)!, structuredClone(value));
            verdicts.add(compare(rec));
            cases++;
          }
        }
        // Each occurrence written as undefined (the key stays) and deleted.
        for (const path of at) {
          for (const mutate of [
            (o: Record<string | number, unknown>, k: string | number) => Reflect.set(o, k, undefined),
            (o: Record<string | number, unknown>, k: string | number) => Reflect.deleteProperty(o, k),
          ]) {
            const rec = structuredClone(base);
            mutate(get(rec, path.slice(0, -1)) as Record<string | number, unknown>, path.at(-1)!);
            verdicts.add(compare(rec));
            cases++;
          }
        }
      }
    }
    expect(verdicts).toEqual(new Set([true, false]));
    expect(cases).toBeGreaterThan(1000);
  });

  it(
    'accepts every valid record, with every optional field, and builds the same record',
    () => {
      fc.assert(
        fc.property(fullRecord, (rec) => {
          countCase('fastValidateServiceRecord');
          expect(compare(rec)).toBe(true);
        }),
        fuzzOptions(1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'gives the same verdict, output and reasons on records mutated at any path',
    () => {
      let accepted = 0;
      let rejected = 0;
      fc.assert(
        fc.property(fullRecord, fc.array(op, { minLength: 1, maxLength: 3 }), (rec, ops) => {
          countCase('fastValidateServiceRecord');
          const mutated = ops.reduce(applyOp, rec);
          if (compare(mutated)) {
            accepted++;
            countDetail('fastValidateServiceRecord (mutated, still accepted)');
          } else rejected++;
        }),
        fuzzOptions(8),
      );
      // The mutations must reach both verdicts, or the property proves little.
      expect(accepted).toBeGreaterThan(0);
      expect(rejected).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'agrees on any JSON value or JavaScript value',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withBoxedValues: true })), (raw) => {
          countCase('fastValidateServiceRecord');
          compare(raw);
        }),
        fuzzOptions(0.5),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
