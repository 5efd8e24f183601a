import { canonicalJson } from '../../src/data/canonical-json.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ServiceRecord } from '../../src/data/feed-schema.ts';
import { CATEGORIES } from '../../src/data/categories.ts';
import { changedFields, diffRecords, removalBreaches } from './feed-diff.ts';
import { claimOrder, mergeDuplicates, metresApart, normaliseName, type SourcedRecord } from './publish-merge.ts';
import { chunkTexts } from './publish-writer.ts';
import { nextVersion } from './feed-signing.ts';

const HUMEN = { lat: 22.8433, lon: 113.6955 };
/** A point `m` metres north of HUMEN. */
const north = (m: number) => ({ lat: HUMEN.lat + m / 111_195, lon: HUMEN.lon });

function record(id: string, zh: string, at = HUMEN, extra: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    id,
    category: 'kindergarten',
    name: { zh, en: zh },
    town: '441900121',
    lat: at.lat,
    lon: at.lon,
    source: { kind: 'spreadsheet', reference: id, updated: '2026-12-01T00:00:00.000Z' },
    pinyin: { full: '', initials: '' },
    ...extra,
  };
}
const sourced = (r: ServiceRecord, sourceId: string, priority: number, order: number): SourcedRecord => ({
  record: { ...r, source: { ...r.source, id: sourceId } },
  sourceId,
  priority,
  order,
});

describe('normaliseName', () => {
  it.each([
    ['东莞市虎门镇示例第一幼儿园（示例数据）', '示例第一幼儿园'],
    ['虎门示例第一幼儿园', '示例第一幼儿园'],
    ['广东省东莞市南城街道阳光幼儿园', '阳光幼儿园'],
    ['ＡＢＣ幼儿园 (南城分园)', 'abc幼儿园'],
    ['东城街道 【旧名】 星光 幼儿园', '星光幼儿园'],
  ])('%s → %s', (name, expected) => expect(normaliseName(name)).toBe(expected));

  it('keeps a name that is only a town name', () => expect(normaliseName('虎门镇')).toBe('虎门镇'));
});

describe('mergeDuplicates', () => {
  const edu = sourced(record('edu-kg-1', '东莞市虎门镇示例第一幼儿园（示例数据）'), 'edu-kg', 10, 0);

  it('same category, names alike, within 60 m: one record, from the higher-priority source, whatever order they come in', () => {
    const osm = sourced(record('osm-n1', '虎门示例第一幼儿园', north(59)), 'osm', 1, 1);
    for (const input of [
      [edu, osm],
      [osm, edu],
    ]) {
      const { kept, merges } = mergeDuplicates(input);
      expect(kept.map((k) => k.record.id)).toEqual(['edu-kg-1']);
      expect(merges).toEqual([{ kept: { id: 'edu-kg-1', source: 'edu-kg' }, dropped: { id: 'osm-n1', source: 'osm' }, metres: 59 }]);
    }
  });

  it('61 m apart, another category, another name or the same owner: two records', () => {
    const cases = [
      sourced(record('osm-n1', '虎门示例第一幼儿园', north(61)), 'osm', 1, 1),
      sourced(record('osm-n1', '虎门示例第一幼儿园', north(10), { category: 'nursery' }), 'osm', 1, 1),
      sourced(record('osm-n1', '虎门示例第二幼儿园', north(10)), 'osm', 1, 1),
      sourced(record('edu-kg-2', '虎门示例第一幼儿园', north(10)), 'edu-kg', 10, 0),
    ];
    for (const other of cases) expect(mergeDuplicates([edu, other]).kept).toHaveLength(2);
  });

  it('a place the previous feed knew by the lower-priority id keeps that id (favourites survive)', () => {
    const osm = sourced(record('osm-n1', '虎门示例第一幼儿园', north(20)), 'osm', 1, 1);
    const { kept, merges } = mergeDuplicates([edu, osm], new Set(['osm-n1']));
    expect(kept.map((k) => [k.record.id, k.sourceId, k.record.name.zh])).toEqual([['osm-n1', 'edu-kg', edu.record.name.zh]]);
    expect(merges[0]!.kept).toEqual({ id: 'osm-n1', source: 'edu-kg' });
  });

  it('property: the result does not depend on the order of the input, and no two kept records of different owners are duplicates', () => {
    const names = ['示例第一幼儿园', '东莞市虎门镇示例第一幼儿园', '示例第二幼儿园', '虎门示例第二幼儿园（分园）'];
    const arb = fc.array(
      fc.record({
        name: fc.constantFrom(...names),
        metres: fc.integer({ min: 0, max: 150 }),
        source: fc.integer({ min: 0, max: 2 }),
        category: fc.constantFrom(...CATEGORIES.slice(0, 2)),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(arb, fc.infiniteStream(fc.nat()), (items, seeds) => {
        const input = items.map((x, i) =>
          sourced(record(`r${i}`, x.name, north(x.metres), { category: x.category }), `s${x.source}`, 10 - x.source, x.source),
        );
        const shuffled = [...input].map((r) => [seeds.next().value, r] as const).sort((a, b) => a[0] - b[0]);
        const a = mergeDuplicates(input);
        const b = mergeDuplicates(shuffled.map(([, r]) => r));
        expect(b.kept.map((k) => k.record.id)).toEqual(a.kept.map((k) => k.record.id));
        expect(a.kept.length + a.merges.length).toBe(input.length);
        // Every dropped record had a kept twin of higher claim within 60 m.
        for (const m of a.merges) {
          const kept = a.kept.find((k) => k.record.id === m.kept.id)!;
          const dropped = input.find((r) => r.record.id === m.dropped.id)!;
          expect(claimOrder(kept, dropped)).toBeLessThan(0);
          expect(normaliseName(kept.record.name.zh)).toBe(normaliseName(dropped.record.name.zh));
          expect(metresApart(kept.record, dropped.record)).toBeLessThanOrEqual(60);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('diffRecords against a brute-force comparison', () => {
  const arbRecords = fc.uniqueArray(
    fc.record({
      id: fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `id-${i}`)),
      source: fc.constantFrom('a', 'b', 'c'),
      phone: fc.constantFrom('0769-1', '0769-2'),
      capacity: fc.integer({ min: 0, max: 2 }),
    }),
    { selector: (r) => r.id, maxLength: 12 },
  );
  const toRecords = (rows: { id: string; source: string; phone: string; capacity: number }[]) =>
    rows.map((r) => {
      const base = record(r.id, '示例幼儿园', HUMEN, { phone: r.phone, capacity: r.capacity });
      return { ...base, source: { ...base.source, id: r.source } };
    });

  it('property: added, removed and changed per source match a pairwise comparison', () => {
    fc.assert(
      fc.property(arbRecords, arbRecords, (before, after) => {
        const a = toRecords(before);
        const b = toRecords(after);
        const diff = diffRecords(a, b);
        for (const s of ['a', 'b', 'c']) {
          const d = diff[s];
          let added = 0;
          let removed = 0;
          let changed = 0;
          for (const r of b) if (r.source.id === s && !a.some((x) => x.id === r.id)) added++;
          for (const r of a) if (r.source.id === s && !b.some((x) => x.id === r.id)) removed++;
          for (const r of b) {
            const was = a.find((x) => x.id === r.id);
            if (r.source.id === s && was && JSON.stringify(was) !== JSON.stringify(r)) changed++;
          }
          expect([d?.added ?? 0, d?.removed ?? 0, d?.changed ?? 0]).toEqual([added, removed, changed]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names the changed fields, source fields one by one', () => {
    const a = record('x', '甲', HUMEN, { phone: '0769-1' });
    const b = { ...a, phone: '0769-2', source: { ...a.source, updated: '2026-12-02T00:00:00.000Z' } };
    expect(changedFields(a, b)).toEqual(['phone', 'source.updated']);
  });

  it('the breaker: over 10 % of a source, or a whole category of a town', () => {
    const before = Array.from({ length: 20 }, (_, i) => ({ ...record(`k${i}`, '甲'), source: { ...record('x', '甲').source, id: 's' } }));
    const two = before.slice(2);
    expect(removalBreaches(before, two, diffRecords(before, two))).toEqual([]);
    const three = before.slice(3);
    expect(removalBreaches(before, three, diffRecords(before, three)).map((b) => b.source)).toEqual(['s']);
  });
});

describe('writer pieces', () => {
  it('property: chunk text depends on the set of records, not their order', () => {
    const records = Array.from({ length: 8 }, (_, i) => record(`r${i}`, `名${i}`, HUMEN, i % 2 ? { town: '441900119' } : {}));
    fc.assert(
      fc.property(fc.shuffledSubarray(records, { minLength: 8, maxLength: 8 }), (shuffled) => {
        expect([...chunkTexts(shuffled)]).toEqual([...chunkTexts(records)]);
      }),
    );
  });

  it('versions: "1" first, then previous + 1 as decimal digits', () => {
    expect(nextVersion(undefined)).toBe('1');
    expect(nextVersion('41')).toBe('42');
    expect(nextVersion('99999999999999999999')).toBe('100000000000000000000');
    expect(nextVersion('osm-1a2b')).toBe('1');
  });

  it('canonical JSON ignores key order', () =>
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 })));
});
