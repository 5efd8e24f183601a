/**
 * The parity harness: every real-data fixture through the CLI path (scripts/lib/import-source.ts, what data:import
 * and feed:publish run: files read by Node, large JSON streamed) and through the page path (the core entry the
 * operator page's worker calls: src/import/import-items.ts with parsed documents or rows in memory and the town
 * outlines as the feed's FeatureCollection). Records, live figures and the report must be identical.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { Category } from '../../src/data/categories.ts';
import type { AvailabilityItem, ServiceRecord } from '../../src/data/feed-schema.ts';
import { sourceTermTable } from '../../src/import/categories.ts';
import type { InputCrs } from '../../src/import/crs.ts';
import { importDocuments, importTable, type CoreImportResult } from '../../src/import/import-items.ts';
import { ImportReport } from '../../src/import/report.ts';
import { parseMapping, type TableRow } from '../../src/import/spreadsheet-mapping.ts';
import { importSource, type ImportFormat } from './import-source.ts';
import { readXlsx } from './import-spreadsheet.ts';
import { townsFeatureCollection } from './town-polygons.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UPDATED = '2026-12-01T00:00:00.000Z';
const NOW = new Date('2026-12-01T00:00:00Z');
const GENERATED = '2026-12-01T00:00:00.000Z';
const TOWNS = townsFeatureCollection();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Fixture {
  file: string;
  from: ImportFormat;
  crs: InputCrs | 'auto';
  category?: Category;
  categoryTerms?: Record<string, Category>;
  map?: string;
  /** CSV text encoding as the page would decode it (TextDecoder label). */
  encoding?: string;
}

const jsonIn = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${dir}/${f}`);

const publishConfig = JSON.parse(readFileSync(join(ROOT, 'docs/examples/publish/publish.json'), 'utf8')) as {
  sources: { file: string; categoryTerms?: Record<string, Category> }[];
};
const termsOf = (file: string) => publishConfig.sources.find((s) => s.file === file)?.categoryTerms;

const FIXTURES: Fixture[] = [
  { file: 'tests/fixtures/real/osm-hanoi-health-relocated.json', from: 'osm', crs: 'wgs84', category: 'clinic' },
  {
    file: 'tests/fixtures/real/osm-hanoi-health-relocated.json',
    from: 'osm',
    crs: 'wgs84',
    categoryTerms: { 'amenity=hospital': 'clinic' },
  },
  { file: 'tests/fixtures/osm/dongguan-overpass.json', from: 'osm', crs: 'wgs84' },
  { file: 'docs/examples/publish/dongguan-osm.json', from: 'osm', crs: 'wgs84', categoryTerms: termsOf('dongguan-osm.json')! },
  ...jsonIn('tests/fixtures/real')
    .filter((f) => f.includes('/hsds-'))
    .map((file) => ({ file, from: 'hsds' as const, crs: 'wgs84' as const, category: 'clinic' as const })),
  ...jsonIn('tests/fixtures/hsds/dongguan').map((file) => ({ file, from: 'hsds' as const, crs: 'wgs84' as const })),
  ...jsonIn('tests/fixtures/hsds/official-examples').map((file) => ({ file, from: 'hsds' as const, crs: 'wgs84' as const })),
  {
    file: 'docs/examples/publish/civil-affairs-hsds.json',
    from: 'hsds',
    crs: 'wgs84',
    categoryTerms: termsOf('civil-affairs-hsds.json')!,
  },
  {
    file: 'docs/examples/kindergartens-gcj02.csv',
    from: 'csv',
    crs: 'gcj02',
    map: 'docs/examples/kindergarten-mapping.json',
    encoding: 'gb18030',
  },
  { file: 'docs/examples/publish/kindergartens.xlsx', from: 'csv', crs: 'gcj02', map: 'docs/examples/publish/kindergarten-map.json' },
  ...(['wgs84', 'gcj02', 'bd09'] as const).map((crs) => ({
    file: `tests/fixtures/crs-auto/clinics-${crs}.csv`,
    from: 'csv' as const,
    crs: 'auto' as const,
    map: 'tests/fixtures/crs-auto/clinics-mapping.json',
    encoding: 'utf-8',
  })),
];

interface Outcome {
  records: ServiceRecord[];
  availability: AvailabilityItem[];
  report: unknown;
}

async function cliPath(f: Fixture, streamAboveBytes?: number): Promise<Outcome> {
  const file = resolve(ROOT, f.file);
  const report = new ImportReport(f.from, f.crs, [f.file]);
  const records: ServiceRecord[] = [];
  const availability: AvailabilityItem[] = [];
  await importSource(
    {
      from: f.from,
      files: [file],
      crs: f.crs,
      report,
      updated: UPDATED,
      extractTimestamp: true,
      now: NOW,
      ...(f.category ? { category: f.category } : {}),
      ...(f.categoryTerms ? { categoryTerms: sourceTermTable(f.categoryTerms) } : {}),
      ...(f.map ? { mapping: parseMapping(JSON.parse(readFileSync(join(ROOT, f.map), 'utf8'))) } : {}),
      ...(streamAboveBytes !== undefined ? { streamAboveBytes } : {}),
    },
    (r, a) => {
      records.push(r);
      if (a) availability.push(a);
    },
  );
  return { records, availability, report: report.toJson(GENERATED) };
}

/** CSV as a page reads it: the bytes decoded with TextDecoder, parsed in memory (no Node streams). */
function csvRowsAsPage(bytes: Uint8Array, encoding: string): { header: string[]; rows: TableRow[] } {
  const text = new TextDecoder(encoding).decode(bytes);
  const [head, ...body] = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  const header = head!.map((h) => h.replace(/^\uFEFF/, '').trim());
  const rows = body.map((cells, i) => {
    const row: Record<string, string> = {};
    header.forEach((h, c) => {
      if (h) row[h] = String(cells[c] ?? '');
    });
    return { row, rowNumber: i + 2 };
  });
  return { header, rows };
}

async function pagePath(f: Fixture): Promise<Outcome> {
  const options = {
    towns: TOWNS,
    crs: f.crs,
    updated: UPDATED,
    now: NOW,
    inputs: [f.file],
    ...(f.category ? { category: f.category } : {}),
    ...(f.categoryTerms ? { categoryTerms: f.categoryTerms } : {}),
  };
  let result: CoreImportResult;
  if (f.from === 'csv') {
    const mapping = parseMapping(JSON.parse(readFileSync(join(ROOT, f.map!), 'utf8')));
    let table: { header: string[]; rows: TableRow[] };
    if (f.encoding) table = csvRowsAsPage(readFileSync(join(ROOT, f.file)), f.encoding);
    else {
      // XLSX: the page brings its own workbook reader; the rows it hands the core are the same header → text map.
      const sheet = await readXlsx(join(ROOT, f.file), mapping.sheet);
      const rows: TableRow[] = [];
      for await (const r of sheet.rows) rows.push(r);
      table = { header: sheet.header, rows };
    }
    result = importTable(table.rows, table.header, mapping, options);
  } else {
    const text = readFileSync(join(ROOT, f.file), 'utf8').replace(/^\uFEFF/, '');
    result = importDocuments(f.from, [JSON.parse(text)], options);
  }
  return { records: result.records, availability: result.availability, report: result.report.toJson(GENERATED) };
}

describe('CLI path and page path give the same records and report', () => {
  it('covers every real-data fixture folder', () => {
    const files = new Set(FIXTURES.map((f) => f.file));
    for (const f of [
      ...jsonIn('tests/fixtures/real'),
      ...jsonIn('tests/fixtures/hsds/dongguan'),
      ...jsonIn('tests/fixtures/hsds/official-examples'),
    ])
      expect(files.has(f), f).toBe(true);
  });

  for (const f of FIXTURES) {
    const what = `${f.file} (${f.from}, crs ${f.crs}${f.category ? `, --category ${f.category}` : ''}${f.categoryTerms ? ', categoryTerms' : ''})`;
    it(
      what,
      async () => {
        const cli = await cliPath(f);
        const page = await pagePath(f);
        expect(page.report).toEqual(cli.report);
        expect(page.records).toEqual(cli.records);
        expect(page.availability).toEqual(cli.availability);
        // Not a vacuous comparison: the fixture reads something (the official HSDS examples may all be skipped).
        expect((cli.report as { read: number }).read).toBeGreaterThan(0);
        // Streaming reads list items (an array, or an API page's `contents`): a single HSDS object is read whole.
        if (f.from === 'csv') return;
        const text = readFileSync(resolve(ROOT, f.file), 'utf8');
        if (f.from === 'osm' || /^\uFEFF?\s*\[/.test(text) || Array.isArray((JSON.parse(text) as { contents?: unknown }).contents)) {
          // A large copy (streamed piece by piece) gives the same, source.updated from the extract included.
          const streamed = await cliPath(f, 0);
          expect(streamed.records).toEqual(cli.records);
          expect(streamed.report).toEqual(cli.report);
        }
      },
      120_000,
    );
  }
});

describe('the streamed OSM path reads the extract date like the whole-file path', () => {
  const f: Fixture = { file: 'tests/fixtures/real/osm-hanoi-health-relocated.json', from: 'osm', crs: 'wgs84', category: 'clinic' };

  it('gives a large and a small copy of the same data the same source.updated (osm3s timestamp_osm_base)', async () => {
    const whole = await cliPath(f, Number.MAX_SAFE_INTEGER);
    const streamed = await cliPath(f, 0);
    expect(whole.records.length).toBe(236);
    // No element of this extract has a timestamp of its own: all carry the extract's date.
    expect(new Set(streamed.records.map((r) => r.source.updated))).toEqual(new Set(['2024-09-27T16:31:45.000Z']));
    expect(streamed.records).toEqual(whole.records);
  }, 120_000);

  it('takes osm3s only when it comes before the elements, in both paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dgn-osm3s-'));
    dirs.push(dir);
    const doc = JSON.parse(readFileSync(join(ROOT, f.file), 'utf8')) as Record<string, unknown>;
    const { osm3s, ...rest } = doc;
    writeFileSync(join(dir, 'late-osm3s.json'), JSON.stringify({ ...rest, osm3s }));
    const late: Fixture = { ...f, file: join(dir, 'late-osm3s.json') };
    const whole = await cliPath(late, Number.MAX_SAFE_INTEGER);
    const streamed = await cliPath(late, 0);
    expect(new Set(whole.records.map((r) => r.source.updated))).toEqual(new Set([UPDATED]));
    expect(streamed.records).toEqual(whole.records);
  }, 120_000);
});
