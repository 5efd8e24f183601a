import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFolder } from './feed-folder.ts';
import { writeFeed } from './feed-writer.ts';
import { importOsm, osmCategory } from '../../src/import/osm.ts';
import { osmHoursToWeekly } from '../../src/import/osm-hours.ts';
import { townAt } from './town-polygons.ts';

const overpass = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../tests/fixtures/osm/dongguan-overpass.json', import.meta.url)), 'utf8'),
);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('OSM tag mapping', () => {
  it.each([
    [{ amenity: 'kindergarten' }, 'kindergarten'],
    [{ amenity: 'childcare' }, 'nursery'],
    [{ amenity: 'clinic' }, 'clinic'],
    [{ amenity: 'doctors' }, 'clinic'],
    [{ amenity: 'hospital' }, null],
    [{ amenity: 'social_facility', social_facility: 'day_care', 'social_facility:for': 'senior' }, 'elderly_daycare'],
    [{ amenity: 'social_facility', social_facility: 'day_care', 'social_facility:for': 'child' }, null],
    [{ leisure: 'pitch', access: 'permissive' }, 'sports_venue'],
    [{ leisure: 'pitch' }, null],
    [{ leisure: 'sports_centre' }, 'sports_venue'],
    [{ leisure: 'stadium', access: 'private' }, null],
    [{ amenity: 'parking' }, 'parking'],
    [{ amenity: 'parking', access: 'customers' }, null],
  ])('%j → %s', (tags, expected) => {
    expect(osmCategory(tags as Record<string, string>)).toBe(expected);
  });
});

describe('opening_hours → weekly hours', () => {
  it.each([
    ['Mo-Fr 07:30-17:30; PH off', ['07:30-17:30', '07:30-17:30', '07:30-17:30', '07:30-17:30', '07:30-17:30', '', ''], 'closed'],
    ['24/7', Array(7).fill('00:00-24:00'), 'open'],
    ['Mo-Su 07:00-01:00', Array(7).fill('07:00-01:00'), 'open'],
    ['Mo-Fr 08:00-12:00,14:30-17:30; Sa 08:00-12:00', [...Array(5).fill('08:00-12:00,14:30-17:30'), '08:00-12:00', ''], 'open'],
    ['Fr 22:00-04:00', ['', '', '', '', '22:00-04:00', '', ''], 'open'],
  ])('%s', (value, weekly, ph) => {
    expect(osmHoursToWeekly(value)).toEqual({ weekly, publicHolidays: ph, osm: value });
  });
  it('returns null for values it cannot parse', () => {
    expect(osmHoursToWeekly('whenever we like')).toBeNull();
  });
});

describe('importOsm on an Overpass JSON fixture', () => {
  const result = importOsm(overpass, { townAt });

  it('maps the places inside Dongguan and counts what it skipped', () => {
    expect(result.records.map((r) => r.id)).toEqual([
      'osm-n1001',
      'osm-w2002',
      'osm-n1003',
      'osm-n1005',
      'osm-n1006',
      'osm-w2007',
      'osm-w2009',
      'osm-n1010',
      'osm-n1015',
    ]);
    expect(result.skipped).toEqual({ 'no matching tags': 4, 'outside Dongguan': 1, 'no coordinates (use "out center")': 1 });
  });

  it('keeps names, capacity, fee, features and the OSM reference', () => {
    const byId = new Map(result.records.map((r) => [r.id, r]));
    expect(byId.get('osm-n1001')).toMatchObject({
      category: 'kindergarten',
      name: { zh: '测试幼儿园', en: 'Test Kindergarten', zhHant: '測試幼兒園' },
      town: '441900121',
      capacity: 270,
      source: { kind: 'osm', reference: 'node/1001', updated: '2025-05-01T08:00:00Z' },
      pinyin: { full: 'ce shi you er yuan', initials: 'csyey' },
    });
    expect(byId.get('osm-n1010')).toMatchObject({
      category: 'parking',
      fee: 'paid',
      capacity: 200,
      features: ['ev', 'accessible'],
      name: { en: 'Unnamed car park' },
    });
    expect(byId.get('osm-n1010')!.hours!.weekly[6]).toBe('07:00-01:00');
    expect(byId.get('osm-w2007')).toMatchObject({
      fee: 'free',
      features: ['school_ground'],
      source: { reference: 'way/2007', updated: '2026-11-20T10:00:00Z' },
    });
    expect(byId.get('osm-w2002')!.url).toBeUndefined(); // javascript: website dropped
    expect(result.report.toJson('x').fields).toMatchObject({
      'url: dropped: scheme not http(s)': { count: 1, examples: ['way/2002'] },
      'hours: unparsable, kept as written': { count: 1, examples: ['node/1015'] },
    });
  });

  it('writes a feed folder that passes the validator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dgn-osm-'));
    dirs.push(dir);
    writeFeed(dir, { generatedAt: '2026-11-28T00:00:00Z', sample: false, versionPrefix: 'osm', sources: [], records: result.records });
    const report = await validateFolder(dir, new Date('2026-11-28T00:00:00Z'));
    expect(report.problems).toEqual([]);
    expect(report.records).toBe(9);
    expect(report.manifest?.sample).toBe(false);
  });

  it('says a file that is not Overpass JSON is unusable, without throwing', () => {
    const res = importOsm({}, { townAt });
    expect(res.unusable).toMatch(/elements/);
    expect(res.records).toEqual([]);
  });
});

describe('data:import CLI', () => {
  it('writes an OSM feed folder that passes the validator, with ODbL attribution', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dgn-osm-cli-'));
    dirs.push(dir);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const run = spawnSync(
      'npx',
      [
        'tsx',
        'scripts/data-import.ts',
        '--from',
        'osm',
        'tests/fixtures/osm/dongguan-overpass.json',
        '--out',
        dir,
        '--generated-at',
        '2026-11-28T00:00:00Z',
      ],
      { cwd: root, encoding: 'utf8', timeout: 90_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('9 services in 6 chunks');
    const report = await validateFolder(dir, new Date('2026-11-28T00:00:00Z'));
    expect(report.problems).toEqual([]);
    expect(report.manifest?.sources[0]?.licence).toBe('ODbL 1.0');
  }, 120_000);

  it('streams a large file (BOM accepted) and stops with one line, exit 2, on input that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dgn-osm-stream-'));
    dirs.push(dir);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const input = join(dir, 'bom.json');
    writeFileSync(input, `\uFEFF${readFileSync(join(root, 'tests/fixtures/osm/dongguan-overpass.json'), 'utf8')}`);
    const env = { ...process.env, DATA_IMPORT_STREAM_ABOVE_BYTES: '0' };
    const ok = spawnSync(
      'npx',
      ['tsx', 'scripts/data-import.ts', '--from', 'osm', input, '--out', join(dir, 'feed'), '--generated-at', '2026-11-28T00:00:00Z'],
      { cwd: root, encoding: 'utf8', timeout: 90_000, env },
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('9 services in 6 chunks');
    writeFileSync(join(dir, 'broken.json'), '{"elements": [{"type": "node", "id": 1,');
    const bad = spawnSync(
      'npx',
      ['tsx', 'scripts/data-import.ts', '--from', 'osm', join(dir, 'broken.json'), '--out', join(dir, 'feed2')],
      { cwd: root, encoding: 'utf8', timeout: 90_000, env },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^data:import: .*broken\.json: not JSON/)]);
  }, 200_000);
});
