/**
 * `data:import --crs auto` and a feed:publish source's "crs": "auto" on one real list in three coordinate systems
 * (tests/fixtures/crs-auto, made from the relocated OSM extract): the system the file is in is chosen, the three
 * shares are printed and kept in the report; swapped columns and a list that states no towns are refused (exit 2).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMapping } from '../../src/import/spreadsheet-mapping.ts';
import type { ImportReportJson } from '../../src/import/report.ts';
import { ImportReport } from '../../src/import/report.ts';
import { importSource } from './import-source.ts';
import { validateFolder } from './feed-folder.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'tests/fixtures/crs-auto');
const MAPPING = join(FIXTURES, 'clinics-mapping.json');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dgn-crs-auto-'));
  dirs.push(d);
  return d;
};

type ClinicsMapping = { columns: Record<string, string> };
/** A fresh copy of the lists' column mapping, to edit per test. */
const clinicsMapping = () => JSON.parse(readFileSync(MAPPING, 'utf8')) as ClinicsMapping;
/** The mapping with the latitude and longitude columns exchanged. */
const swappedMapping = () => {
  const mapping = clinicsMapping();
  [mapping.columns.lon, mapping.columns.lat] = [mapping.columns.lat!, mapping.columns.lon!];
  return mapping;
};

/** One list through importSource as feed:publish runs it; the ids of the records it keeps and its report. */
async function importClinics(file: string, crs: 'auto' | 'gcj02', mapping: ClinicsMapping) {
  const report = new ImportReport('csv', crs, []);
  const ids: string[] = [];
  await importSource(
    {
      from: 'csv',
      files: [join(FIXTURES, file)],
      crs,
      report,
      updated: '2026-12-01T00:00:00.000Z',
      mapping: parseMapping(mapping),
      now: new Date('2026-12-01T00:00:00Z'),
    },
    (r) => ids.push(r.id),
  );
  return { report, ids };
}

const dataImport = (input: string, map: string, out: string) =>
  spawnSync(
    'npx',
    [
      'tsx',
      'scripts/data-import.ts',
      '--from',
      'csv',
      input,
      '--map',
      map,
      '--crs',
      'auto',
      '--out',
      out,
      '--generated-at',
      '2026-12-01T00:00:00Z',
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 90_000 },
  );

describe('data:import --crs auto', () => {
  for (const [crs, label] of [
    ['gcj02', 'GCJ-02'],
    ['bd09', 'BD-09'],
    ['wgs84', 'WGS-84'],
  ] as const) {
    it(`picks ${label} for the ${label} version of the list, prints the three shares and keeps them in the report`, async () => {
      const out = tmp();
      const run = dataImport(join(FIXTURES, `clinics-${crs}.csv`), MAPPING, out);
      expect(run.status, run.stderr).toBe(0);
      const line = run.stdout.split('\n').find((l) => l.includes('crs auto:'));
      expect(line).toMatch(new RegExp(`crs auto: ${label}：\\d+ % 在所填镇街内；.+ → ${crs}$`));
      const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8')) as ImportReportJson;
      expect(report.crs).toBe(crs);
      expect(report.crsAuto?.chosen).toBe(crs);
      expect(report.crsAuto?.counted).toBe(236);
      const shares = Object.entries(report.crsAuto!.shares);
      expect(shares.map(([c]) => c).sort()).toEqual(['bd09', 'gcj02', 'wgs84']);
      expect(shares[0]![0]).toBe(crs);
      expect(shares[0]![1]).toBeGreaterThanOrEqual(80);
      expect(shares[0]![1] - shares[1]![1]).toBeGreaterThanOrEqual(5);
      // Read in the right system, every point lands in its stated town: nothing is reported as moved.
      expect(Object.keys(report.fields).filter((k) => k.startsWith('town: point is in'))).toEqual([]);
      expect((await validateFolder(out, new Date('2026-12-01T00:00:00Z'))).problems).toEqual([]);
    }, 120_000);
  }

  it('says so, in one line with exit 2, when latitude and longitude are swapped', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'swapped.json'), JSON.stringify(swappedMapping()));
    const run = dataImport(join(FIXTURES, 'clinics-gcj02.csv'), join(dir, 'swapped.json'), join(dir, 'out'));
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^data:import: crs auto: latitude and longitude look swapped .*--crs/),
    ]);
  }, 120_000);

  it('refuses, in one line with exit 2 asking for --crs, when no row states a town', () => {
    const dir = tmp();
    const mapping = clinicsMapping();
    delete mapping.columns.town;
    writeFileSync(join(dir, 'no-town.json'), JSON.stringify(mapping));
    const run = dataImport(join(FIXTURES, 'clinics-bd09.csv'), join(dir, 'no-town.json'), join(dir, 'out'));
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^data:import: crs auto: no record states both a point and a town.*--crs wgs84\|gcj02\|bd09/),
    ]);
  }, 120_000);
});

describe('the shared import path (what feed:publish runs for a source)', () => {
  it('chooses the system for a source with "crs": "auto" the same way', async () => {
    const { report, ids } = await importClinics('clinics-bd09.csv', 'auto', clinicsMapping());
    expect(report.crs).toBe('bd09');
    expect(report.crsAuto?.chosen).toBe('bd09');
    // The 9 places without a name in OSM have no 单位名称: a spreadsheet row needs one.
    expect(ids).toHaveLength(227);
    expect(report.skipCounts()).toEqual({ 'no name': 9 });
    expect(report.summary('2026-12-01T00:00:00.000Z')).toMatch(/crs auto: BD-09：100 % 在所填镇街内；.* → bd09/);
  });

  it('with a stated system, says per row that latitude and longitude look swapped (kept under the stated town)', async () => {
    const { report } = await importClinics('clinics-gcj02.csv', 'gcj02', swappedMapping());
    expect(report.fieldCounts()['location: latitude and longitude look swapped (lat near 113, lon near 23), ignored']).toBe(227);
  });
});
