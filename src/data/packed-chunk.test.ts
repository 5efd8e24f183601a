import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import * as v from 'valibot';
import { chunkEntrySchema, type ServiceRecord } from './feed-schema.ts';
import { packChunk, packedPathOf, unpackChunk } from './packed-chunk.ts';

const TOWN = '441900003';
const SOURCE_A = { kind: 'spreadsheet', reference: 'bureau list', updated: '2026-11-01T00:00:00Z' } as const;
const SOURCE_B = { id: 'town-office', kind: 'spreadsheet', reference: 'town list', updated: '2026-11-02T00:00:00Z' } as const;
const HOURS: NonNullable<ServiceRecord['hours']> = {
  weekly: ['08:00-17:00', '08:00-17:00', '08:00-17:00', '08:00-17:00', '08:00-17:00', '', ''],
  publicHolidays: 'closed',
};
const record = (i: number, extra: Partial<ServiceRecord> = {}): ServiceRecord =>
  ({
    id: `r-${i}`,
    category: 'clinic',
    name: { zh: `诊所 ${i}`, en: `Clinic ${i}` },
    town: TOWN,
    lat: 23.02,
    lon: 113.75,
    source: i % 2 ? SOURCE_A : SOURCE_B,
    pinyin: { full: 'zhen suo', initials: 'zs' },
    ...extra,
  }) as ServiceRecord;

/** A fresh copy, as a reader has after JSON.parse. */
const viaJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('packChunk', () => {
  it('lists each distinct source and opening hours once, names them by index and leaves out the chunk’s own town', () => {
    const services = [record(0, { hours: HOURS }), record(1), record(2, { hours: { ...HOURS, weekly: [...HOURS.weekly] } }), record(3, { town: '441900004' })];
    const packed = packChunk({ town: TOWN, services });
    expect(packed.sources).toEqual([SOURCE_B, SOURCE_A]);
    expect(packed.hours).toEqual([HOURS]);
    expect(packed.services.map((r) => [r.source, r.hours, r.town])).toEqual([
      [0, 0, undefined],
      [1, undefined, undefined],
      [0, 0, undefined],
      // a record of another town keeps its town: the check refuses it in the packed copy as in the chunk
      [1, undefined, '441900004'],
    ]);
    expect(canonicalJson(unpackChunk(viaJson(packed)).services)).toBe(canonicalJson(services));
  });
});

describe('unpackChunk', () => {
  it('leaves a chunk without tables as it is (a stored plain chunk reads the same)', () => {
    const chunk = viaJson({ town: TOWN, services: [record(0, { hours: HOURS })] });
    expect(unpackChunk(viaJson(chunk))).toEqual(chunk);
    expect(unpackChunk(null)).toBeNull();
    expect(unpackChunk([1])).toEqual([1]);
  });

  it('touches only what the packed form defines: a reference out of its table, or not a whole number, stays for the check to refuse', () => {
    const packed = viaJson(packChunk({ town: TOWN, services: [record(0, { hours: HOURS }), record(1)] }));
    const [a, b] = packed.services as Record<string, unknown>[];
    a!.source = 2;
    a!.hours = 0.5;
    b!.source = -1;
    b!.hours = '0';
    const out = unpackChunk(packed).services as Record<string, unknown>[];
    expect(out.map((r) => [r.source, r.hours, r.town])).toEqual([
      [2, 0.5, TOWN],
      [-1, '0', TOWN],
    ]);
  });

  it('records share their table entries, frozen: no reader can change another record’s hours', () => {
    const packed = viaJson(packChunk({ town: TOWN, services: [record(0, { hours: HOURS }), record(2, { hours: HOURS })] }));
    const [a, b] = unpackChunk(packed).services as unknown as ServiceRecord[];
    expect(a!.hours).toBe(b!.hours);
    expect(() => {
      (a!.hours!.weekly as string[])[0] = '';
    }).toThrow(TypeError);
    expect(b!.hours!.weekly[0]).toBe('08:00-17:00');
  });
});

describe('packedPathOf', () => {
  it('names the copy beside its chunk, a path the manifest accepts for a gzip copy', () => {
    const packedPath = packedPathOf('services/441900121.json');
    expect(packedPath).toBe('services/441900121-packed.json.gz');
    const entry = { path: 'services/441900121.json', town: '441900121', count: 0, sha256: 'a'.repeat(64), packedPath, packedSha256: 'b'.repeat(64) };
    expect(v.parse(chunkEntrySchema, entry)).toEqual(entry);
  });
});
