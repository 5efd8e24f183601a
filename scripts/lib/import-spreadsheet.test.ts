import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import { TOWN_BY_CODE } from '../../src/geo/towns.ts';
import { gcj02ToBd09, metresBetween, wgs84ToGcj02 } from '../../tests/unit/china-datum-formulas.ts';
import { readFeed, validateFolder } from './feed-folder.ts';
import type { InputCrs } from '../../src/import/crs.ts';
import { ImportReport } from '../../src/import/report.ts';
import { parseMapping } from '../../src/import/spreadsheet-mapping.ts';
import { detectEncoding, importSheet } from './import-spreadsheet.ts';
import { townAt } from './town-polygons.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAPPING = parseMapping(JSON.parse(readFileSync(join(ROOT, 'docs/examples/kindergarten-mapping.json'), 'utf8')));
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dgn-sheet-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HEADER = [
  '序号',
  '幼儿园名称',
  '英文名称',
  '办园性质',
  '等级',
  '地址',
  '联系电话',
  '所属镇街',
  '经度',
  '纬度',
  '学位数',
  '招生最小年龄',
  '招生最大年龄',
  '开放时间',
  '网址',
];
/** True WGS-84 points (a little off each town's label point, checked to be inside the town below). */
const TRUE_POINTS: [string, string, [number, number]][] = [
  ['1', '虎门镇', [TOWN_BY_CODE.get('441900121')!.label![0] + 0.004, TOWN_BY_CODE.get('441900121')!.label![1] + 0.002]],
  ['2', '南城街道', [TOWN_BY_CODE.get('441900004')!.label![0] - 0.003, TOWN_BY_CODE.get('441900004')!.label![1] + 0.001]],
  ['3', '长安镇', [TOWN_BY_CODE.get('441900119')!.label![0] + 0.002, TOWN_BY_CODE.get('441900119')!.label![1] - 0.002]],
  ['4', '松山湖', [TOWN_BY_CODE.get('441900401')!.label![0] - 0.002, TOWN_BY_CODE.get('441900401')!.label![1] - 0.001]],
];
const CODE: Record<string, string> = { 虎门镇: '441900121', 南城街道: '441900004', 长安镇: '441900119', 松山湖: '441900401' };

function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

/** A kindergarten list as the education bureau would export it from Excel: GB18030, CRLF. */
function kindergartenCsv(crs: InputCrs | 'none'): Buffer {
  const rows = TRUE_POINTS.map(([n, town, wgs]) => {
    const gcj = wgs84ToGcj02(...wgs);
    const p = crs === 'gcj02' ? gcj : crs === 'bd09' ? gcj02ToBd09(...gcj) : wgs;
    const [lon, lat] = crs === 'none' ? ['', ''] : [p[0].toFixed(7), p[1].toFixed(7)];
    const address = crs === 'none' && n === '4' ? '' : `东莞市${town}示例路${n}号`;
    return [
      n,
      `示例${town}第${n}幼儿园`,
      '',
      n === '1' ? '公办' : '民办',
      '市一级',
      address,
      n === '1' ? '0769-22223333转8001' : '0769-8888000' + n,
      crs === 'none' && n !== '4' ? '' : town,
      lon,
      lat,
      '270',
      '3',
      '6',
      n === '2' ? 'Mo-Fr 07:30-17:30; SH off' : 'Mo-Fr 07:30-17:30',
      n === '3' ? 'www.example.org/kg#a#b' : '',
    ];
  });
  const text = [HEADER, ...rows].map(csvLine).join('\r\n') + '\r\n';
  return iconv.encode(text, 'gb18030');
}

async function importBuffer(buf: Buffer, crs: InputCrs, name = 'list.csv') {
  const dir = tmp();
  const file = join(dir, name);
  writeFileSync(file, buf);
  const report = new ImportReport('csv', crs, [file]);
  const records: ServiceRecord[] = [];
  await importSheet(
    file,
    MAPPING,
    { townAt, crs, report, updated: '2026-11-30T00:00:00.000Z', nowMs: Date.parse('2026-11-30T00:00:00Z') },
    undefined,
    (r) => {
      records.push(r);
      return true;
    },
  );
  return { records, report, file };
}

describe('spreadsheet import: GB18030 kindergarten lists in each coordinate system', () => {
  it('the true points used below are inside their towns', () => {
    for (const [, town, p] of TRUE_POINTS) expect(townAt(...p)).toBe(CODE[town]);
  });

  it('detects GB18030', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.csv'), kindergartenCsv('gcj02'));
    expect(detectEncoding(join(dir, 'a.csv'))).toBe('gb18030');
  });

  for (const crs of ['gcj02', 'bd09'] as const) {
    it(`${crs}: every point lands within 2 m of the hand-converted WGS-84 point, in its town`, async () => {
      const { records, report } = await importBuffer(kindergartenCsv(crs), crs);
      expect(records).toHaveLength(4);
      for (const [n, town, wgs] of TRUE_POINTS) {
        const r = records.find((x) => x.id === `dg-kg-${n}`)!;
        expect(metresBetween([r.lon, r.lat], wgs), `${crs} row ${n}`).toBeLessThan(2);
        expect(r.town).toBe(CODE[town]);
        expect(r.location).toBeUndefined();
      }
      expect(report.fieldCount(`location: converted from ${crs} to wgs84`)).toBe(4);
    });
  }

  it('read as WGS-84, the same GCJ-02 list lands hundreds of metres off (the reason --crs exists)', async () => {
    const { records } = await importBuffer(kindergartenCsv('gcj02'), 'wgs84');
    const r = records.find((x) => x.id === 'dg-kg-1')!;
    expect(metresBetween([r.lon, r.lat], TRUE_POINTS[0]![2])).toBeGreaterThan(300);
  });

  it('addresses only: placed at the town representative point, marked approximate; a row with no town is skipped', async () => {
    const { records, report } = await importBuffer(kindergartenCsv('none'), 'gcj02');
    expect(records.map((r) => r.id)).toEqual(['dg-kg-1', 'dg-kg-2', 'dg-kg-3', 'dg-kg-4']);
    for (const r of records) {
      expect(r.location).toBe('approximate');
      expect([r.lon, r.lat]).toEqual(TOWN_BY_CODE.get(r.town)!.label);
    }
    expect(records.map((r) => r.town)).toEqual(['441900121', '441900004', '441900119', '441900401']);
    expect(report.fieldCount('location: approximate (town representative point)')).toBe(4);
  });

  it('keeps address, phones with extension, description columns, ages; SH hours as written; normalises the URL for HSDS', async () => {
    const { records, report } = await importBuffer(kindergartenCsv('gcj02'), 'gcj02');
    const [k1, k2, k3] = ['1', '2', '3'].map((n) => records.find((r) => r.id === `dg-kg-${n}`)!);
    expect(k1).toMatchObject({
      category: 'kindergarten',
      name: { zh: '示例虎门镇第1幼儿园', zhHant: '示例虎門鎮第1幼兒園' },
      address: { zh: '东莞市虎门镇示例路1号', en: '东莞市虎门镇示例路1号' },
      phone: '0769-22223333',
      phones: [{ number: '0769-22223333', ext: '8001' }],
      capacity: 270,
      ageMonths: [36, 72],
      description: { zh: '办园性质：公办；等级：市一级' },
      source: { kind: 'spreadsheet', reference: 'id 1' },
    });
    expect(k2!.hours).toBeUndefined();
    expect(k2!.hoursAsWritten).toBe('Mo-Fr 07:30-17:30; SH off');
    expect(k1!.hours?.weekly[0]).toBe('07:30-17:30');
    expect(k3!.url).toBe('https://www.example.org/kg#a%23b');
    const fields = report.toJson('x').fields;
    expect(fields['phone: extension kept']).toEqual({ count: 1, examples: ['row 2'] });
    expect(fields['hours: school holidays (SH) kept as written']).toEqual({ count: 1, examples: ['row 3'] });
    expect(fields['url: normalised']).toEqual({ count: 1, examples: ['row 4'] });
    expect(report.notes).toEqual([]); // every column of the list is mapped
  });

  it('reads the same list from an .xlsx workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('幼儿园');
    const text = iconv.decode(kindergartenCsv('bd09'), 'gb18030');
    for (const line of text.trim().split('\r\n')) ws.addRow(line.split(',').map((c) => c.replace(/^"|"$/g, '')));
    const dir = tmp();
    const file = join(dir, 'list.xlsx');
    await wb.xlsx.writeFile(file);
    const report = new ImportReport('csv', 'bd09', [file]);
    const records: ServiceRecord[] = [];
    await importSheet(
      file,
      MAPPING,
      { townAt, crs: 'bd09', report, updated: '2026-11-30T00:00:00.000Z', nowMs: Date.now() },
      undefined,
      (r) => (records.push(r), true),
    );
    expect(records).toHaveLength(4);
    expect(metresBetween([records[0]!.lon, records[0]!.lat], TRUE_POINTS[0]![2])).toBeLessThan(2);
  });

  it('stops with one line when the mapping names a column the file does not have', async () => {
    const dir = tmp();
    const file = join(dir, 'x.csv');
    writeFileSync(file, '名称,地址\n甲,乙\n');
    await expect(
      importSheet(
        file,
        MAPPING,
        { townAt, crs: 'wgs84', report: new ImportReport('csv', 'wgs84', []), updated: '2026-11-30T00:00:00Z', nowMs: Date.now() },
        undefined,
        () => true,
      ),
    ).rejects.toThrow(/mapping names columns the file does not have: 序号/);
  });
});

describe('data:import --from csv (CLI, end to end)', () => {
  it('imports a GB18030 GCJ-02 list into a feed that passes data:validate, with the report and source', async () => {
    const dir = tmp();
    const csv = join(dir, 'kg.csv');
    writeFileSync(csv, Buffer.concat([kindergartenCsv('gcj02')]));
    const out = join(dir, 'feed');
    const run = spawnSync(
      'npx',
      [
        'tsx',
        'scripts/data-import.ts',
        '--from',
        'csv',
        csv,
        '--map',
        'docs/examples/kindergarten-mapping.json',
        '--crs',
        'gcj02',
        '--out',
        out,
        '--source-name',
        '东莞市示例教育局',
        '--licence',
        'CC BY 4.0',
        '--attribution',
        'Example list (test data)',
        '--generated-at',
        '2026-11-30T00:00:00Z',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('read 4, imported 4, skipped 0');
    const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8'));
    expect(report).toMatchObject({ from: 'csv', crs: 'gcj02', read: 4, imported: 4, skipped: {} });
    const validated = await validateFolder(out, new Date('2026-11-30T00:00:00Z'));
    expect(validated.problems).toEqual([]);
    expect(validated.manifest?.sources[0]).toMatchObject({
      name: { zh: '东莞市示例教育局' },
      licence: 'CC BY 4.0',
      attribution: 'Example list (test data)',
    });
    expect(readFeed(out).records.find((r) => r.id === 'dg-kg-1')?.phones).toEqual([{ number: '0769-22223333', ext: '8001' }]);
  }, 150_000);

  it('CSV without --crs stops with one line and exit 2', () => {
    const run = spawnSync(
      'npx',
      [
        'tsx',
        'scripts/data-import.ts',
        '--from',
        'csv',
        'docs/examples/kindergarten-mapping.json',
        '--map',
        'docs/examples/kindergarten-mapping.json',
        '--out',
        join(tmp(), 'f'),
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--crs is required for csv input/);
  }, 150_000);
});
