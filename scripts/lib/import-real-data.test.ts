/**
 * The importers on real third-party data (tests/fixtures/real/README.md): an OpenStreetMap extract of
 * health facilities (ODbL) and the official Open Referral HSDS 3.1 examples (CC BY-SA 4.0), both
 * relocated into Dongguan. Every record validates, the report accounts for every element, and the
 * exported HSDS passes the official HSDS 3.1 JSON schemas.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { validateServiceRecord } from '../../src/data/validate-feed.ts';
import { exportHsds } from './export-hsds.ts';
import { validateFolder } from './feed-folder.ts';
import { sha256, writeFeed } from './feed-writer.ts';
import { importHsds } from '../../src/import/hsds.ts';
import { importOsm } from '../../src/import/osm.ts';
import { townAt } from './town-polygons.ts';

const FIXTURES = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url));
const load = (p: string) => JSON.parse(readFileSync(join(FIXTURES, p), 'utf8'));
const NOW = new Date('2026-11-30T00:00:00Z');
const UPDATED = '2026-11-30T00:00:00.000Z';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function hsdsServiceValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const schemaDir = join(FIXTURES, 'hsds-3.1-schema');
  for (const f of readdirSync(schemaDir).filter((f) => f.endsWith('.json') && f !== 'openapi.json'))
    ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, f), 'utf8')), f);
  const validate = ajv.getSchema('service.json')!;
  return (s: unknown) => (validate(s) ? null : ajv.errorsText(validate.errors));
}

describe('real OSM extract: health facilities around Hanoi (ODbL), relocated into Dongguan', () => {
  const doc = load('real/osm-hanoi-health-relocated.json');
  const plain = importOsm(doc, { townAt, updated: UPDATED, now: NOW });
  const res = importOsm(doc, { townAt, updated: UPDATED, now: NOW, category: 'clinic' });
  const report = res.report.toJson(UPDATED);

  it('without --category every element is reported as unmapped (hospitals are not a finder category)', () => {
    expect(plain.records).toEqual([]);
    expect(plain.skipped).toEqual({ 'no matching tags': 252 });
  });

  it('with --category clinic: every element is read, imported or skipped with a reason', () => {
    expect(report.read).toBe(252);
    expect(report.imported).toBe(res.records.length);
    const skipped = Object.values(report.skipped).reduce((n, r) => n + r.count, 0);
    expect(report.imported + skipped).toBe(252);
    expect(report.imported).toBeGreaterThan(200);
    expect(Object.keys(report.skipped)).toEqual(['outside Dongguan']);
    for (const r of res.records) expect(validateServiceRecord(r).ok).toBe(true);
  });

  it('keeps local names, English names, addresses, phones, websites and hours; tags with no feed field are counted', () => {
    const el = (doc.elements as { type: string; id: number; tags?: Record<string, string> }[]).filter((e) =>
      res.records.some((r) => r.id === `osm-${e.type[0]}${e.id}`),
    );
    const byId = new Map(res.records.map((r) => [r.id, r]));
    const withAddr = el.filter((e) => e.tags?.['addr:street'] || e.tags?.['addr:city']);
    expect(withAddr.length).toBeGreaterThan(50);
    for (const e of withAddr) expect(byId.get(`osm-${e.type[0]}${e.id}`)!.address, `${e.type}/${e.id}`).toBeDefined();
    for (const e of el.filter((x) => x.tags?.name && x.tags['name:en'])) {
      const r = byId.get(`osm-${e.type[0]}${e.id}`)!;
      expect([r.name.zh, r.name.en]).toEqual([e.tags!['name:zh'] ?? e.tags!.name, e.tags!['name:en']]);
    }
    const phones = el.filter((e) => e.tags?.phone || e.tags?.['contact:phone']);
    for (const e of phones) expect(byId.get(`osm-${e.type[0]}${e.id}`)!.phone, `${e.type}/${e.id}`).toBeDefined();
    const hours = el.filter((e) => e.tags?.opening_hours);
    for (const e of hours) {
      const r = byId.get(`osm-${e.type[0]}${e.id}`)!;
      expect(r.hours ?? r.hoursAsWritten, `${e.type}/${e.id}`).toBeDefined();
    }
    expect(report.notImported['tag healthcare:speciality']).toBeGreaterThan(0);
  });

  it('writes a feed that passes data:validate, and its HSDS export passes the official HSDS 3.1 schemas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dgn-real-osm-'));
    dirs.push(dir);
    writeFeed(dir, { generatedAt: UPDATED, sample: false, versionPrefix: 'osm', sources: [], records: res.records });
    expect((await validateFolder(dir, NOW)).problems).toEqual([]);
    // The feed carries the holiday table, and data:validate checks its content, not only its checksum.
    const bad = JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'holidays.json'), 'utf8')), makeupDays: [['2026-02-30', 0]] });
    writeFileSync(join(dir, 'holidays.json'), bad);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.files['holidays.json'] = sha256(bad);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect((await validateFolder(dir, NOW)).problems).toEqual([
      { file: 'holidays.json', id: '-', level: 'feed', path: '$.makeupDays[0][0]', reason: '2026-02-30 is not a real date' },
    ]); // structural: the whole version is refused
    const check = hsdsServiceValidator();
    const page = exportHsds(res.records, []) as { contents: unknown[] };
    expect(page.contents.map(check).filter(Boolean)).toEqual([]);
  });
});

describe('real HSDS 3.1 directories: the official Open Referral examples (CC BY-SA 4.0), relocated into Dongguan', () => {
  const files = [
    'real/hsds-service_full-relocated.json',
    'real/hsds-organization_full-relocated.json',
    'real/hsds-service_at_location_list-relocated.json',
  ];

  it('their placeholder taxonomy terms are reported as unmapped, with the terms', () => {
    const r = importHsds(load(files[0]!), { townAt, updated: UPDATED, now: NOW });
    expect(r.records).toEqual([]);
    const [reason, entry] = Object.entries(r.report.toJson(UPDATED).skipped)[0]!;
    expect(reason).toMatch(/^no category/);
    expect(entry.examples[0]).toMatch(/\[.+\]/);
  });

  it('with --category: phones with extension, address, the non-weekly schedule kept as written, capacity checked', () => {
    const r = importHsds(load(files[0]!), { townAt, updated: UPDATED, now: NOW, category: 'clinic' });
    expect(r.records).toHaveLength(1);
    const rec = r.records[0]!;
    expect(rec.phones).toEqual([{ number: '+44 1234 234567', ext: '100' }]);
    expect(rec.address?.en).toMatch(/Main Street/);
    expect(rec.hours).toBeUndefined();
    expect(rec.hoursAsWritten).toMatch(/10 am to 6pm/);
    expect(rec.town).toBe('441900006');
    expect(r.report.toJson(UPDATED).fields['availability: available is more than maximum, left out']?.count).toBe(1);
  });

  it('every example imports to valid records whose export passes the official HSDS 3.1 schemas', async () => {
    const check = hsdsServiceValidator();
    for (const f of files) {
      const r = importHsds(load(f), { townAt, updated: UPDATED, now: NOW, category: 'clinic' });
      expect(r.records.length, f).toBeGreaterThan(0);
      for (const rec of r.records) expect(validateServiceRecord(rec).ok).toBe(true);
      const page = exportHsds(r.records, r.availability) as { contents: unknown[] };
      expect(page.contents.map(check).filter(Boolean), f).toEqual([]);
    }
  });
});
