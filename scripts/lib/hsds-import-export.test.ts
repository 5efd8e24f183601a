import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { exportHsds } from './export-hsds.ts';
import { readFeed, validateFolder } from './feed-folder.ts';
import { writeFeed } from './feed-writer.ts';
import { importHsds } from '../../src/import/hsds.ts';
import { generateSampleFeed, type SampleRecipe } from './sample-feed.ts';
import { townAt } from './town-polygons.ts';

const fixtures = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url));
const load = (p: string) => JSON.parse(readFileSync(join(fixtures, p), 'utf8'));
const UPDATED = '2026-11-28T00:00:00Z';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('HSDS import: official 3.1 examples (none is in Dongguan)', () => {
  const files = readdirSync(join(fixtures, 'hsds/official-examples'))
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('reads every example without crashing and reports what it skipped', () => {
    const summary = Object.fromEntries(
      files.map((f) => {
        const r = importHsds(load(`hsds/official-examples/${f}`), { townAt, updated: UPDATED });
        expect(r.records, f).toEqual([]);
        return [f, r.skipped];
      }),
    );
    expect(files).toHaveLength(13);
    // The examples with places put them at latitude 100 / longitude 101: not in Dongguan.
    for (const f of ['organization_full.json', 'service_at_location_full.json', 'service_at_location_list.json', 'service_full.json']) {
      expect(summary[f], f).toEqual({ 'outside Dongguan': 1 });
    }
    for (const f of ['base.json', 'location.json', 'tabular.json', 'taxonomy.json', 'taxonomy_term.json']) {
      expect(summary[f], f).toEqual({ 'not a service or service_at_location': 1 });
    }
  });
});

describe('HSDS import: Dongguan fixtures', () => {
  it('imports an organization with services and locations, categories from taxonomy terms and attribute labels', () => {
    const r = importHsds(load('hsds/dongguan/organization-full.json'), { townAt, updated: UPDATED });
    expect(r.skipped).toEqual({});
    expect(r.records.map((x) => [x.category, x.town, x.name.en])).toEqual([
      ['elderly_daycare', '441900003', 'Test Elder Canteen'],
      ['parking', '441900003', 'Test Car Park'],
    ]);
    const canteen = r.records[0]!;
    expect(canteen.name.zhHant).toBe('測試長者飯堂');
    expect(canteen.hours?.weekly).toEqual(Array(7).fill('11:00-13:00'));
    expect(canteen.capacity).toBe(40);
    expect(canteen.source).toEqual({
      kind: 'hsds',
      reference: 'service_at_location/8d9eaf10-2132-43e4-b5f6-718293a4b5c6',
      updated: '2026-11-01T08:00:00Z',
    });
    // service_capacity → availability; the car park's available 250 > maximum 200 is reported, not imported.
    expect(r.availability).toEqual([
      {
        serviceId: canteen.id,
        observedAt: '2026-11-27T23:50:00.000Z',
        figures: { kind: 'elderly_daycare', places: { free: 5, total: 40 } },
      },
    ]);
    expect(r.report.toJson(UPDATED).fields['availability: available is more than maximum, left out']).toEqual({
      count: 1,
      examples: [r.records[1]!.id],
    });
  });

  it('imports a service_at_location with schedule link, phone and ages', () => {
    const r = importHsds(load('hsds/dongguan/service-at-location-full.json'), { townAt, updated: UPDATED });
    expect(r.records).toHaveLength(1);
    const k = r.records[0]!;
    expect(k).toMatchObject({
      category: 'kindergarten',
      town: '441900121',
      phone: '12345',
      url: 'https://example.org/kindergarten/visit',
      ageMonths: [36, 72],
    });
    expect(k.hours?.weekly.slice(4)).toEqual(['07:30-17:30', '', '']);
  });

  it('needs --category when the service does not say, and drops an unsafe URL', () => {
    const doc = load('hsds/dongguan/service-at-location-list.json');
    expect(importHsds(doc, { townAt, updated: UPDATED }).skipped).toEqual({
      'no category (unmapped terms; see category-terms.json or use --category)': 1,
    });
    const r = importHsds(doc, { townAt, updated: UPDATED, category: 'clinic' });
    expect(r.records).toHaveLength(1);
    expect(r.records[0]!.url).toBeUndefined();
    expect(Object.keys(r.report.toJson(UPDATED).fields)).toContain('url: dropped: scheme not http(s)');
  });
});

describe('HSDS export', () => {
  const recipe = load('../../data/sample-recipe.json') as SampleRecipe;
  const feed = generateSampleFeed({
    ...recipe,
    totals: { kindergarten: 40, clinic: 40, nursery: 40, elderly_daycare: 40, sports_venue: 40, parking: 40 },
  });
  const page = exportHsds(feed.records, feed.availability!.items) as { contents: Record<string, unknown>[] };

  it('validates every exported service against the official HSDS 3.1 JSON schemas', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const schemaDir = join(fixtures, 'hsds-3.1-schema');
    for (const f of readdirSync(schemaDir).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
      ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, f), 'utf8')), f);
    }
    const validate = ajv.getSchema('service.json')!;
    expect(page.contents.length).toBe(feed.records.length);
    const failures = page.contents.flatMap((s) => (validate(s) ? [] : [`${String(s.id)}: ${ajv.errorsText(validate.errors)}`]));
    expect(failures).toEqual([]);
    // The schema is strict enough to catch a bad export.
    expect(validate({ ...page.contents[0], status: 'open' })).toBe(false);
    expect(validate({ ...page.contents[0], id: 's-441900121-kg-1' })).toBe(false);
    const first = page.contents[0] as { service_at_locations: { location: Record<string, unknown> }[] };
    const nested = {
      ...first,
      service_at_locations: [
        { ...first.service_at_locations[0], location: { ...first.service_at_locations[0]!.location, location_type: 'bogus' } },
      ],
    };
    expect(validate(nested)).toBe(false); // $refs into location.json are resolved
  });

  it('round-trips through the importer without loss', () => {
    const back = importHsds(page, { townAt, updated: UPDATED });
    expect(back.skipped).toEqual({});
    expect(back.records).toEqual(feed.records);
  });

  it('the imported feed folder passes the validator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dgn-hsds-'));
    dirs.push(dir);
    const back = importHsds(page, { townAt, updated: UPDATED });
    writeFeed(dir, {
      generatedAt: UPDATED,
      sample: false,
      versionPrefix: 'hsds',
      sources: [],
      records: back.records,
      availability: { generatedAt: UPDATED, pollSeconds: 60, items: back.availability },
    });
    expect((await validateFolder(dir, new Date(UPDATED))).problems).toEqual([]);
    expect(readFeed(dir).records).toHaveLength(feed.records.length);
  });
});
