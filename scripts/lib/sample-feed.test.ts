import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import { TOWNS } from '../../src/geo/towns.ts';
import { writeFeed } from './feed-writer.ts';
import { validateFolder } from './feed-folder.ts';
import { apportion, generateSampleFeed, scaleRecipe, XSS_CANARY_ID, type SampleRecipe } from './sample-feed.ts';
import { townAt } from './town-polygons.ts';

const recipePath = fileURLToPath(new URL('../../data/sample-recipe.json', import.meta.url));
const recipe = JSON.parse(readFileSync(recipePath, 'utf8')) as SampleRecipe;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dgn-feed-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const filesOf = (dir: string): Record<string, Buffer> => {
  const out: Record<string, Buffer> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length + 1)] = readFileSync(join(e.parentPath, e.name));
  }
  return out;
};

describe('sample feed build', () => {
  let a: string;
  let records: ServiceRecord[];
  beforeAll(() => {
    a = tmp();
    const feed = generateSampleFeed(recipe);
    records = feed.records;
    writeFeed(a, feed);
  });

  it('is byte-identical when built twice', () => {
    const b = tmp();
    writeFeed(b, generateSampleFeed(recipe));
    const fa = filesOf(a);
    const fb = filesOf(b);
    expect(Object.keys(fb).sort()).toEqual(Object.keys(fa).sort());
    // chunks, their gzip and packed copies (byte-identical too: the same gzip each build) + manifest, towns, availability, holidays
    expect(Object.keys(fa).length).toBe(35 * 3 + 4);
    expect(Object.keys(fa).filter((k) => k.endsWith('-packed.json.gz'))).toHaveLength(35);
    expect(Object.keys(fa).filter((k) => k.endsWith('.json.gz'))).toHaveLength(35 * 2);
    for (const k of Object.keys(fa)) expect(fb[k]!.equals(fa[k]!), k).toBe(true);
  });

  it('changes when the seed changes', () => {
    const other = generateSampleFeed({ ...recipe, seed: recipe.seed + 1 });
    expect(other.records[0]!.lat).not.toBe(records[0]!.lat);
  });

  it('passes the validator at the build clock', async () => {
    const report = await validateFolder(a, new Date(recipe.asOf));
    expect(report.problems.slice(0, 5)).toEqual([]);
    expect(report.records).toBe(records.length);
  });

  it('has city totals of the real order and every town covered', () => {
    const count = (c: string) => records.filter((r) => r.category === c).length;
    expect(count('kindergarten')).toBeGreaterThanOrEqual(1250);
    expect(count('kindergarten')).toBeLessThan(1300);
    expect(count('nursery')).toBeGreaterThanOrEqual(100);
    expect(count('clinic')).toBeGreaterThanOrEqual(600);
    expect(count('elderly_daycare')).toBeGreaterThanOrEqual(150);
    expect(count('sports_venue')).toBeGreaterThanOrEqual(400);
    expect(count('parking')).toBeGreaterThanOrEqual(800);
    const withPolygon = TOWNS.filter((t) => t.label !== null);
    expect(withPolygon).toHaveLength(35);
    for (const t of withPolygon) {
      const here = records.filter((r) => r.town === t.code);
      expect(
        here.some((r) => r.category === 'elderly_daycare'),
        t.zh,
      ).toBe(true);
      expect(here.filter((r) => r.category === 'clinic').length, t.zh).toBeGreaterThanOrEqual(2);
      expect(
        here.some((r) => r.name.en.includes('Community Health Centre')),
        t.zh,
      ).toBe(true);
    }
  });

  it('places every record inside its own town polygon', () => {
    const wrong = records.filter((r) => townAt(r.lon, r.lat) !== r.town).map((r) => r.id);
    expect(wrong).toEqual([]);
  });

  it('gives bigger towns more kindergartens (census-proportional)', () => {
    const kg = (code: string) => records.filter((r) => r.town === code && r.category === 'kindergarten').length;
    // 虎门镇 838,144 people vs 洪梅镇 65,325.
    expect(kg('441900121') / kg('441900125')).toBeGreaterThan(10);
    expect(
      apportion(
        10,
        [
          { code: 'a', population: 3 },
          { code: 'b', population: 1 },
        ],
        0,
      ),
    ).toEqual(
      new Map([
        ['a', 8],
        ['b', 2],
      ]),
    );
    expect(
      apportion(
        2,
        [
          { code: 'a', population: 99 },
          { code: 'b', population: 1 },
        ],
        1,
      ).get('b'),
    ).toBe(1);
  });

  it('writes sample names, derived Traditional Chinese and pinyin', () => {
    const r = records.find((x) => x.id === 's-441900121-kg-3')!;
    expect(r.name).toEqual({ zh: '虎门镇示例幼儿园 3', en: 'Humen Sample Kindergarten 3', zhHant: '虎門鎮示例幼兒園 3' });
    expect(r.pinyin).toEqual({ full: 'hu men zhen shi li you er yuan 3', initials: 'hmzslyey3' });
    expect(r.source).toEqual({ kind: 'sample', reference: 'DG Nearby sample generator', updated: '2026-11-28T00:00:00Z' });
    for (const x of records) {
      expect(x.source.kind).toBe('sample');
      expect(x.name.zh.includes('示例') && x.name.en.includes('Sample'), x.id).toBe(true);
      if (x.url !== undefined) expect(x.url).toBe('tel:12345');
      expect(x.phone).toBeUndefined();
    }
  });

  it('has realistic hours: 24-hour clinics, past-midnight car parks, school grounds in the evening', () => {
    const weekly = (c: string) => records.filter((r) => r.category === c).map((r) => r.hours!.weekly);
    expect(weekly('clinic').some((w) => w.every((d) => d === '00:00-24:00'))).toBe(true);
    expect(weekly('parking').some((w) => w[0] === '07:00-01:00')).toBe(true);
    const school = records.filter((r) => r.features?.includes('school_ground'));
    expect(school.length).toBeGreaterThan(100);
    for (const s of school) expect(s.hours!.weekly[0]).toMatch(/^1[89]:/);
    for (const w of weekly('elderly_daycare')) expect(w[0]).toMatch(/^(11:00-13:00|08:30-17:30)/);
  });

  it('ships no test records: no canary, no markup in any text', () => {
    expect(records.find((r) => r.id === XSS_CANARY_ID)).toBeUndefined();
    const texts = records.flatMap((r) => [
      r.name.zh,
      r.name.en,
      r.name.zhHant ?? '',
      r.address?.zh ?? '',
      r.address?.en ?? '',
      r.description?.zh ?? '',
      r.description?.en ?? '',
    ]);
    expect(texts.filter((x) => /[<>]|onerror|script/i.test(x))).toEqual([]);
  });

  it('adds the XSS canary (in 虎门镇, as a clinic) only to a test feed', () => {
    const test = generateSampleFeed(recipe, { withTestRecords: true });
    const c = test.records.find((r) => r.id === XSS_CANARY_ID)!;
    expect(c.category).toBe('clinic');
    expect(c.town).toBe('441900121');
    expect(c.name.zh).toContain('<img src=x onerror=alert(1)>');
    expect(test.records.length).toBe(records.length + 1);
  });

  it('keeps the feed small: ≤ 80 B gzip per service (chunks + manifest + availability)', () => {
    const files = filesOf(a);
    const gz = Object.entries(files)
      // the .json.gz copies are these chunks gzipped already
      .filter(([k]) => k !== 'towns.geojson' && !k.endsWith('.gz'))
      .reduce((s, [, b]) => s + gzipSync(b, { level: 9 }).length, 0);
    expect(gz / records.length).toBeLessThanOrEqual(80);
  });

  it('has a manifest with sources, poll interval and sample flag', () => {
    const m = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(m.sample).toBe(true);
    expect(m.availabilityPollSeconds).toBe(30);
    expect(m.generatedAt).toBe('2026-11-28T00:00:00Z');
    expect(m.sources.map((s: { name: { en: string } }) => s.name.en)).toEqual([
      'DG Nearby sample data generator',
      'Town boundaries',
      '7th National Population Census (2020)',
      'Statistical division codes',
    ]);
    const towns = JSON.parse(readFileSync(join(a, 'towns.geojson'), 'utf8'));
    expect(towns.features).toHaveLength(35);
    expect(towns.features.find((f: { properties: { code: string } }) => f.properties.code === '441900402').properties.zh).toBe('东莞港');
  });

  it('scales to a requested number of services', () => {
    const big = generateSampleFeed(scaleRecipe(recipe, 20000));
    expect(Math.abs(big.records.length - 20000)).toBeLessThan(60);
  });
});
