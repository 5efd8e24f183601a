/**
 * fast-check generators for service records and availability items: valid ones, and mutations that
 * each carry the verdict the validator must give (issue 14's hostile inputs among them).
 */
import fc from 'fast-check';
import { CATEGORIES, type Category } from '../../src/data/categories.ts';
import { DONGGUAN_OUTLINE_BBOX } from '../../src/data/validate-feed.ts';
import { TOWNS } from '../../src/geo/towns.ts';

// Arbitrary records are built and broken field by field: untyped on purpose.
export type Json = any;
export type Verdict = 'accept' | 'reject';
export interface Mutation<T = Json> {
  name: string;
  verdict: Verdict;
  apply(value: T): T;
}

const [W, S, E, N] = DONGGUAN_OUTLINE_BBOX;
const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
const span = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 59 }))
  .map(([h1, m1, h2, m2]) => `${hhmm(h1, m1)}-${h2 === 24 ? '24:00' : hhmm(h2, m2)}`);
const day = fc.oneof(
  fc.constant(''),
  span,
  fc.tuple(span, span).map(([a, b]) => `${a},${b}`),
);
/** Real instants 2000–2026, written in the forms a feed uses (Z, +08:00, +08, +0800, fractions). */
export const isoInstant = (max = Date.parse('2026-11-27T00:00:00Z')) =>
  fc
    .tuple(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max }), fc.constantFrom('Z', '+08:00', '+08', '+0800', '.123Z'))
    .map(([ms, form]) => {
      if (form === 'Z')
        return new Date(ms)
          .toISOString()
          .replace('.000Z', 'Z')
          .replace(/\.\d{3}Z$/, 'Z');
      if (form === '.123Z') return new Date(ms).toISOString();
      const local = new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);
      return `${local}${form}`;
    });

const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: Math.min(max, 40), unit: 'grapheme' }).filter((s) => s.length >= 1 && s.length <= max);

export const validRecord = (category?: Category) =>
  fc.record(
    {
      id: fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/),
      category: category ? fc.constant(category) : fc.constantFrom(...CATEGORIES),
      name: fc.record({ zh: text(200), en: text(200) }),
      town: fc.constantFrom(...TOWNS.map((t) => t.code)),
      lat: fc.double({ min: S, max: N, noNaN: true }),
      lon: fc.double({ min: W, max: E, noNaN: true }),
      phone: fc.stringMatching(/^\+?[0-9][0-9\- ]{2,30}$/),
      url: fc.constantFrom('https://example.org/booking', 'http://example.org/x?y=1', 'tel:12345'),
      hours: fc.record({
        weekly: fc.array(day, { minLength: 7, maxLength: 7 }),
        publicHolidays: fc.constantFrom('closed', 'open', 'weekend'),
      }),
      capacity: fc.integer({ min: 0, max: 100000 }),
      ageMonths: fc
        .tuple(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 1500 }))
        .map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
      fee: fc.constantFrom('free', 'low', 'paid'),
      features: fc.uniqueArray(fc.constantFrom('ev', 'accessible', 'meals', 'school_ground'), { maxLength: 4 }),
      source: fc.record(
        {
          id: fc.constantFrom('edu-kg', 'osm', 'park-a-2'),
          kind: fc.constantFrom('sample', 'osm', 'hsds'),
          reference: fc.string({ maxLength: 50 }),
          updated: isoInstant(),
        },
        { requiredKeys: ['kind', 'reference', 'updated'] },
      ),
      pinyin: fc.record({ full: fc.stringMatching(/^[a-z0-9 ]{0,40}$/), initials: fc.stringMatching(/^[a-z0-9]{0,20}$/) }),
    },
    { requiredKeys: ['id', 'category', 'name', 'town', 'lat', 'lon', 'source', 'pinyin'] },
  );

/** A mutation may meet a record an earlier mutation already broke (null, an array): start afresh then. */
const plain = (rec: Json): Json => (typeof rec === 'object' && rec !== null && !Array.isArray(rec) ? structuredClone(rec) : {});
const set =
  (path: string[], value: unknown) =>
  (rec: Json): Json => {
    const copy = plain(rec);
    let at = copy;
    for (const key of path.slice(0, -1)) {
      at[key] ??= {};
      at = at[key];
    }
    at[path[path.length - 1]!] = value;
    return copy;
  };
const drop =
  (key: string) =>
  (rec: Json): Json => {
    const copy = plain(rec);
    delete copy[key];
    return copy;
  };
const weekly = (span: string) => ({ weekly: [span, '', '', '', '', '', ''], publicHolidays: 'closed' });

/** Each changes a valid record in one way; `verdict` is what validateServiceRecord must answer. */
export const RECORD_MUTATIONS: Mutation[] = [
  { name: 'empty id', verdict: 'reject', apply: set(['id'], '') },
  { name: 'id with a newline', verdict: 'reject', apply: set(['id'], 'a\nservices/x.json: fake: $: forged line') },
  { name: 'unknown category with a newline', verdict: 'reject', apply: set(['category'], 'school\nforged') },
  { name: 'name as an array', verdict: 'reject', apply: set(['name'], ['测试', 'Test']) },
  { name: 'hours as an array', verdict: 'reject', apply: set(['hours'], []) },
  { name: 'empty name.zh', verdict: 'reject', apply: set(['name', 'zh'], '') },
  { name: 'unknown town code', verdict: 'reject', apply: set(['town'], '441900999') },
  { name: 'lat 95', verdict: 'reject', apply: set(['lat'], 95) },
  { name: 'lat null (NaN in JSON)', verdict: 'reject', apply: set(['lat'], null) },
  { name: 'lon as a string', verdict: 'reject', apply: set(['lon'], '113.7') },
  { name: 'Beijing coordinates', verdict: 'reject', apply: (r) => set(['lon'], 116.4074)(set(['lat'], 39.9042)(r)) },
  { name: 'javascript: url', verdict: 'reject', apply: set(['url'], 'javascript:alert(1)') },
  { name: 'closing time 24:30', verdict: 'reject', apply: set(['hours'], weekly('08:00-24:30')) },
  { name: 'closing time 24:01', verdict: 'reject', apply: set(['hours'], weekly('08:00-24:01')) },
  { name: 'ageMonths [36,-5]', verdict: 'reject', apply: set(['ageMonths'], [36, -5]) },
  { name: 'ageMonths [Infinity,72]', verdict: 'reject', apply: set(['ageMonths'], [Infinity, 72]) },
  { name: 'ageMonths [36,72,99]', verdict: 'reject', apply: set(['ageMonths'], [36, 72, 99]) },
  { name: 'ageMonths [72,36]', verdict: 'reject', apply: set(['ageMonths'], [72, 36]) },
  { name: 'fractional capacity', verdict: 'reject', apply: set(['capacity'], 1.5) },
  { name: 'capacity over 100,000', verdict: 'reject', apply: set(['capacity'], 100001) },
  { name: 'updated on Feb 30', verdict: 'reject', apply: set(['source', 'updated'], '2026-02-30T00:00:00Z') },
  { name: 'updated "yesterday"', verdict: 'reject', apply: set(['source', 'updated'], 'yesterday') },
  { name: 'uppercase pinyin', verdict: 'reject', apply: set(['pinyin', 'full'], 'CE SHI') },
  { name: 'unknown feature', verdict: 'reject', apply: set(['features'], ['helipad']) },
  { name: 'missing name', verdict: 'reject', apply: drop('name') },
  { name: 'missing source', verdict: 'reject', apply: drop('source') },
  { name: 'source id with capitals', verdict: 'reject', apply: set(['source', 'id'], 'Edu-KG') },
  { name: 'source id of 41 chars', verdict: 'reject', apply: set(['source', 'id'], 'a'.repeat(41)) },
  { name: 'source id edu-kg', verdict: 'accept', apply: set(['source', 'id'], 'edu-kg') },
  { name: 'the record as an array', verdict: 'reject', apply: (r) => [r] },
  { name: 'the record as null', verdict: 'reject', apply: () => null },
  { name: 'a 1 MB name', verdict: 'reject', apply: set(['name', 'en'], 'x'.repeat(1_000_000)) },
  { name: 'an extra unknown field', verdict: 'accept', apply: set(['x_extra'], { nested: [1, 2, 3] }) },
  { name: 'updated with a +08 offset', verdict: 'accept', apply: set(['source', 'updated'], '2026-11-27T08:00:00+08') },
  { name: 'hours 00:00-24:00', verdict: 'accept', apply: set(['hours'], weekly('00:00-24:00')) },
  { name: 'ageMonths [0,0]', verdict: 'accept', apply: set(['ageMonths'], [0, 0]) },
];

const count = fc.integer({ min: 0, max: 100000 });
const placeCount = fc.tuple(count, count).map(([a, b]) => ({ free: Math.min(a, b), total: Math.max(a, b) }));

/** Figures of the right kind for a category, all consistent (free ≤ total …). */
export const validFigures = (category: Category): fc.Arbitrary<Json> => {
  switch (category) {
    case 'kindergarten':
      return fc.record({
        kind: fc.constant('kindergarten'),
        classes: fc.record({ tuoban: placeCount, xiaoban: placeCount, zhongban: placeCount, daban: placeCount }, { requiredKeys: [] }),
      });
    case 'nursery':
      return fc.record({
        kind: fc.constant('nursery'),
        bands: fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: 36 }), fc.integer({ min: 0, max: 36 }), placeCount)
            .map(([a, b, p]) => ({ fromMonths: Math.min(a, b), toMonths: Math.max(a, b), ...p })),
          { maxLength: 4 },
        ),
      });
    case 'elderly_daycare':
      return fc.record(
        {
          kind: fc.constant('elderly_daycare'),
          places: placeCount,
          mealsToday: fc.record({ served: fc.boolean(), seatsFree: count }, { requiredKeys: ['served'] }),
        },
        { requiredKeys: ['kind', 'places'] },
      );
    case 'sports_venue':
      return fc.record({
        kind: fc.constant('sports_venue'),
        slots: fc.array(
          fc
            .tuple(isoInstant(), fc.integer({ min: 5, max: 1440 }), placeCount)
            .map(([start, durationMinutes, p]) => ({ start, durationMinutes, remaining: p.free, maximum: p.total })),
          { maxLength: 4 },
        ),
      });
    case 'parking':
      return fc.record(
        {
          kind: fc.constant('parking'),
          free: fc.constant(1),
          total: fc.integer({ min: 1, max: 100000 }),
          pricePerHourYuan: fc.double({ min: 0, max: 1000, noNaN: true }),
        },
        { requiredKeys: ['kind', 'free', 'total'] },
      );
    case 'clinic':
      return placeCount.map((p) => ({ kind: 'clinic', appointmentsFree: p.free, appointmentsTotal: p.total }));
  }
};

export const validItem = (serviceId: string, category: Category, nowMs: number) =>
  fc.record({ serviceId: fc.constant(serviceId), observedAt: isoInstant(nowMs), figures: validFigures(category) });

/** Each changes a valid availability item in one way. */
export const ITEM_MUTATIONS: Mutation[] = [
  { name: 'observedAt in year 9999 with a +08 offset', verdict: 'reject', apply: set(['observedAt'], '9999-01-01T00:00:00+08') },
  { name: 'observedAt in 2099', verdict: 'reject', apply: set(['observedAt'], '2099-01-01T00:00:00Z') },
  { name: 'observedAt Feb 30', verdict: 'reject', apply: set(['observedAt'], '2026-02-30T00:00:00Z') },
  { name: 'unknown service', verdict: 'reject', apply: set(['serviceId'], 'no-such-service') },
  { name: 'figures as an array', verdict: 'reject', apply: set(['figures'], []) },
  {
    name: 'figures of another kind',
    verdict: 'reject',
    apply: (i) =>
      set(
        ['figures'],
        i.figures.kind === 'clinic'
          ? { kind: 'parking', free: 1, total: 2 }
          : { kind: 'clinic', appointmentsFree: 1, appointmentsTotal: 2 },
      )(i),
  },
  {
    name: 'a negative count',
    verdict: 'reject',
    apply: (i) => ({ ...i, figures: { kind: 'clinic', appointmentsFree: -1, appointmentsTotal: 2 } }),
  },
  {
    name: 'free over total',
    verdict: 'reject',
    apply: (i) => ({ ...i, figures: { kind: 'clinic', appointmentsFree: 3, appointmentsTotal: 2 } }),
  },
  {
    name: 'a fractional count',
    verdict: 'reject',
    apply: (i) => ({ ...i, figures: { kind: 'clinic', appointmentsFree: 0.5, appointmentsTotal: 2 } }),
  },
  { name: 'missing figures', verdict: 'reject', apply: drop('figures') },
  { name: 'the item as null', verdict: 'reject', apply: () => null },
];
