/**
 * The operator page's path (read → guess → measure → import → zip) over the office-style test lists
 * (tests/fixtures/operator): the same answers from the GB18030 CSV and the XLSX, BD-09 found by itself, every
 * faulty row skipped or changed with the CLI's reason, and a zip that the shared feed validator accepts.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync, unzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { validateFolder } from '../../scripts/lib/feed-folder.ts';
import { townsFeatureCollection } from '../../scripts/lib/town-polygons.ts';
import type { TownBoundaries } from '../../src/geo/town-of-point.ts';
import { townAtOf } from '../../src/import/town-lookup.ts';
import { guessFields } from '../../src/features/operator/header-guess.ts';
import { crsShares, importTable } from '../../src/features/operator/import-adapter.ts';
import { mappingFile, mappingOf } from '../../src/features/operator/mapping-file.ts';
import { importTable as coreImportTable, importDocuments } from '../../src/import/import-items.ts';
import type { TableRow } from '../../src/import/spreadsheet-mapping.ts';
import { openSheet } from '../../scripts/lib/import-spreadsheet.ts';
import { feedZip, rowsToFixCsv } from '../../src/features/operator/feed-zip.ts';
import { decodeText, readTable, type Table } from '../../src/features/operator/read-table.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/operator/${name}`, import.meta.url)));
// The outlines as the feed carries them (towns.geojson, what the page reads from the device's store).
const townAt = townAtOf(townsFeatureCollection() as TownBoundaries);
const UPDATED = '2026-12-01T00:00:00Z';

async function table(name: string): Promise<Table> {
  const res = await readTable(name, fixture(name));
  if (!res.ok) throw new Error(res.problem);
  return res.table;
}

describe('operator page import path', () => {
  it('reads the GB18030 CSV and guesses every column from office headers', async () => {
    const csv = await table('kindergartens-bd09-gb18030.csv');
    expect(csv.encoding).toBe('gb18030');
    expect(csv.rows).toHaveLength(46);
    expect(guessFields(csv.header)).toEqual(['name.zh', 'address.zh', 'phone', 'lon', 'lat', 'town', 'capacity', 'hours']);
  });

  it('finds BD-09 by the share of points inside their stated town, and says when lat/lon are swapped', async () => {
    const csv = await table('kindergartens-bd09-gb18030.csv');
    const fields = guessFields(csv.header);
    const shares = crsShares(csv, fields, townAt);
    expect(shares.best).toBe('bd09');
    expect(shares.share.bd09).toBeGreaterThan(0.9);
    expect(shares.share.bd09 - Math.max(shares.share.gcj02, shares.share.wgs84)).toBeGreaterThanOrEqual(0.05);
    const swapped = fields.map((f) => (f === 'lon' ? 'lat' : f === 'lat' ? 'lon' : f));
    const s2 = crsShares(csv, swapped, townAt);
    expect(s2.swapped).toBe(true);
    expect(s2.sure).toBe(false);
  });

  it('skips and changes rows with the CLI report wording; XLSX and CSV give the same records', async () => {
    const csv = await table('kindergartens-bd09-gb18030.csv');
    const xlsx = await table('kindergartens-bd09.xlsx');
    const opts = { fields: guessFields(csv.header), category: 'kindergarten' as const, crs: 'bd09' as const, townAt, updated: UPDATED };
    const a = importTable(csv, opts);
    const b = importTable(xlsx, opts);
    expect(b.records).toEqual(a.records);
    expect(a.report.read).toBe(46);
    expect(a.report.skipped['no name']?.count).toBe(1);
    expect(a.report.skipped['no coordinates and no town']?.count).toBe(1);
    expect(a.report.imported).toBe(44);
    expect(Object.keys(a.report.fields)).toEqual(
      expect.arrayContaining([
        'town: point is in 虎门镇, not the stated town (kept where the point is)',
        'location: approximate (town representative point)',
        'phone: extension kept',
        'location: converted from bd09 to wgs84',
      ]),
    );
    const ext = a.records.find((r) => r.name.zh === '测试幼儿园分机');
    expect(ext?.phones).toEqual([{ number: '0769-22223333', ext: '8001' }]);
    expect(a.points.filter((p) => p.outside).map((p) => csv.rows[p.row]![0])).toContain('测试幼儿园镇街不符');
    const fix = rowsToFixCsv(csv.header, csv.rows, '跳过原因', a.rowsToFix);
    expect(fix.startsWith('\uFEFF单位名称,')).toBe(true);
    expect(fix).toContain('测试幼儿园无地点,,0769-12345679,,,,90,,no coordinates and no town');
    expect(mappingFile(csv.header, opts.fields, 'kindergarten')).toMatchObject({
      columns: { 'name.zh': '单位名称', lon: '百度经度' },
      category: 'kindergarten',
    });
  });

  it('zips a feed folder the shared validator accepts, each chunk with its gzip copy named in the manifest', async () => {
    const csv = await table('kindergartens-bd09-gb18030.csv');
    const out = importTable(csv, { fields: guessFields(csv.header), category: 'kindergarten', crs: 'bd09', townAt, updated: UPDATED });
    const dir = mkdtempSync(join(tmpdir(), 'operator-zip-'));
    const entries = unzipSync(feedZip(out.records, UPDATED, '测试名单'));
    for (const [path, bytes] of Object.entries(entries)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const report = await validateFolder(dir, new Date('2026-12-02T00:00:00Z'));
    expect(report.problems).toEqual([]);
    expect(report.records).toBe(44);
    // the validator checks each copy inflates to its chunk; here: every chunk has one, and the app would download it
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { chunks: { path: string; gzipPath?: string }[] };
    expect(manifest.chunks.length).toBeGreaterThan(0);
    for (const chunk of manifest.chunks) {
      expect(chunk.gzipPath).toBe(`${chunk.path}.gz`);
      expect(gunzipSync(entries[chunk.gzipPath!]!)).toEqual(entries[chunk.path]);
    }
  });

  it('turns bad files into one problem code, never an exception', async () => {
    expect(await readTable('empty.csv', new Uint8Array())).toEqual({ ok: false, problem: 'emptySheet' });
    expect(await readTable('header.csv', strToU8('名称,地址\r\n'))).toEqual({ ok: false, problem: 'emptySheet' });
    expect(await readTable('photo.csv', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3, 4]))).toEqual({
      ok: false,
      problem: 'notTable',
    });
    expect(await readTable('note.txt', strToU8('just a sentence\nand another'))).toEqual({ ok: false, problem: 'notTable' });
    expect(await readTable('broken.xlsx', strToU8('PK not really a zip'))).toEqual({ ok: false, problem: 'badWorkbook' });
    const big = { length: 200 * 1024 * 1024 } as Uint8Array;
    expect(await readTable('huge.csv', big)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('says so when an XLSX has formulas or merged cells, and when a CSV mixes encodings', async () => {
    expect((await table('merged-and-formulas.xlsx')).warnings).toEqual(['formulas', 'mergedCells']);
    const gbLine = fixture('kindergartens-bd09-gb18030.csv').slice(0, 200);
    const utf8Line = strToU8('测试幼儿园,东莞市虎门镇\r\n');
    const mixed = new Uint8Array([...gbLine, ...utf8Line]);
    expect(decodeText(mixed)?.mixed).toBe(true);
    expect(decodeText(fixture('kindergartens-bd09-gb18030.csv'))?.mixed).toBe(false);
  });

  // The CLI reads the file with its Node readers (scripts/lib/import-spreadsheet.ts) and hands the rows to the core;
  // the page reads it with its own reader and runs the same core through its adapter: same records, same report.
  for (const [file, crs] of [
    ['../fixtures/crs-auto/clinics-wgs84.csv', 'wgs84'],
    ['../fixtures/crs-auto/clinics-gcj02.csv', 'gcj02'],
    ['../fixtures/crs-auto/clinics-bd09.csv', 'bd09'],
    ['../fixtures/operator/kindergartens-bd09-gb18030.csv', 'bd09'],
    ['../fixtures/operator/kindergartens-bd09.xlsx', 'bd09'],
  ] as const)
    it(`${file.split('/').pop()}: the page finds ${crs} and gives the CLI path's records and report`, async () => {
      const path = new URL(file, import.meta.url).pathname;
      const res = await readTable(path, new Uint8Array(readFileSync(path)));
      if (!res.ok) throw new Error(res.problem);
      const fields = guessFields(res.table.header);
      const category = res.table.header.includes('学位数') ? 'kindergarten' : 'clinic';
      const shares = crsShares(res.table, fields, townAt);
      expect(shares.best).toBe(crs);
      expect(shares.sure).toBe(true);
      const page = importTable(res.table, { fields, category, crs, townAt, updated: UPDATED });

      const sheet = await openSheet(path, undefined, undefined);
      const rows: TableRow[] = [];
      for await (const r of sheet.rows) rows.push(r);
      const cli = coreImportTable(rows, sheet.header, mappingOf(res.table.header, fields, category), {
        towns: townAt,
        crs,
        updated: UPDATED,
      });
      expect(page.records.length).toBeGreaterThan(0);
      expect(page.records).toEqual(cli.records);
      expect(page.report).toEqual(cli.report.toJson(UPDATED));
      expect(page.rowsToFix.length).toBe(cli.report.read - cli.report.imported);
    });

  it('an OSM Overpass file goes through the core OSM adapter, as data:import --from osm --category clinic reads it', async () => {
    const path = new URL('../fixtures/real/osm-hanoi-health-relocated.json', import.meta.url).pathname;
    const bytes = new Uint8Array(readFileSync(path));
    const res = await readTable(path, bytes);
    if (!res.ok) throw new Error(res.problem);
    expect(res.table.kind).toBe('osm');
    const page = importTable(res.table, {
      fields: guessFields(res.table.header),
      category: 'clinic',
      crs: 'wgs84',
      townAt,
      updated: UPDATED,
    });
    const cli = importDocuments('osm', [JSON.parse(readFileSync(path, 'utf8'))], {
      towns: townAt,
      crs: 'wgs84',
      updated: UPDATED,
      category: 'clinic',
    });
    expect(page.records.length).toBeGreaterThan(100);
    expect(page.report).toEqual(cli.report.toJson(UPDATED));
    expect(page.records).toEqual(cli.records);
  });
});
