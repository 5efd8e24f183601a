/**
 * npm run data:import -- --from osm|hsds|csv <input> --out <feed-folder> [options]
 * Writes a full feed folder (sample: false) that passes data:validate, and import-report.json inside it
 * (not listed in the manifest, not part of the feed). Exit 0 when something was imported, 1 when
 * nothing could be (nothing written but the report), 2 on unusable input — one line, never a trace.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AvailabilityItem } from '../src/data/feed-schema.ts';
import { CATEGORIES, type Category } from '../src/data/categories.ts';
import { SAFE_URL } from '../src/data/safe-url.ts';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { GEOGRAPHY_SOURCES, writeFeed, type FeedSource } from './lib/feed-writer.ts';
import { INPUT_CRS, isInputCrs, type InputCrs } from '../src/import/crs.ts';
import { ImportReport } from '../src/import/report.ts';
import { importSource, inputFiles, readJson } from './lib/import-source.ts';
import { parseMapping } from '../src/import/spreadsheet-mapping.ts';
import { CSV_ENCODINGS, type CsvEncoding } from './lib/import-spreadsheet.ts';
import { oneLine, runCli } from './lib/run-cli.ts';
import { TownSpool } from './lib/town-spool.ts';

const USAGE = [
  'usage: npm run data:import -- --from osm <overpass.json> --out <feed-folder> [--crs wgs84]',
  '       npm run data:import -- --from hsds <folder-or-file.json> --out <feed-folder> --crs wgs84|gcj02|bd09|auto',
  '       npm run data:import -- --from csv <file.csv|file.xlsx> --map <mapping.json> --out <feed-folder> --crs wgs84|gcj02|bd09|auto [--encoding utf8|gb18030|gbk|big5]',
  '  common: [--category <category>] [--source-name <text>] [--licence <text>] [--attribution <text>] [--source-url <https://…>] [--generated-at <ISO>] [--debug]',
  `  categories: ${CATEGORIES.join(', ')}`,
].join('\n');

const OSM_SOURCE: FeedSource = {
  name: { zh: 'OpenStreetMap 贡献者', en: 'OpenStreetMap contributors', zhHant: 'OpenStreetMap 貢獻者' },
  licence: 'ODbL 1.0',
  attribution: '© OpenStreetMap contributors, available under the Open Database License (ODbL)',
  url: 'https://www.openstreetmap.org/copyright',
};

interface Options {
  from: 'osm' | 'hsds' | 'csv';
  input: string;
  out: string;
  crs: InputCrs | 'auto';
  category?: Category;
  generatedAt: string;
  map?: string;
  encoding?: CsvEncoding;
  sourceName?: string;
  licence?: string;
  attribution?: string;
  sourceUrl?: string;
}

function options(argv: string[]): Options | 'help' {
  const args = parseArgs(
    argv,
    ['from', 'out', 'category', 'generated-at', 'crs', 'map', 'encoding', 'licence', 'attribution', 'source-name', 'source-url'],
    ['help'],
  );
  if (args.flags.has('help')) return 'help';
  const o = args.options;
  const from = o.from ?? '';
  if (from !== 'hsds' && from !== 'osm' && from !== 'csv') throw new UsageError('--from must be osm, hsds or csv');
  if (args.positionals.length !== 1) throw new UsageError('expected one input file or folder');
  const input = args.positionals[0]!;
  if (!existsSync(input)) throw new UsageError(`no such file or folder: ${input}`);
  if (!o.out) throw new UsageError('--out <feed-folder> is required');
  const crs = o.crs ?? (from === 'osm' ? 'wgs84' : undefined);
  if (crs === undefined)
    throw new UsageError(
      `--crs is required for ${from} input: say which coordinate system it uses (${INPUT_CRS.join(', ')}; Chinese web and government data is usually gcj02 or bd09), or auto to have it found from the towns the rows state`,
    );
  if (crs !== 'auto' && !isInputCrs(crs)) throw new UsageError(`--crs must be one of ${INPUT_CRS.join(', ')} or auto`);
  if (o.category !== undefined && !(CATEGORIES as readonly string[]).includes(o.category))
    throw new UsageError(`unknown --category ${o.category}`);
  if (from === 'csv' && !o.map) throw new UsageError('--map <mapping.json> is required for csv input');
  if (o.map && !existsSync(o.map)) throw new UsageError(`no such mapping file: ${o.map}`);
  if (o.encoding !== undefined && !(CSV_ENCODINGS as readonly string[]).includes(o.encoding))
    throw new UsageError(`--encoding must be one of ${CSV_ENCODINGS.join(', ')}`);
  if (o['source-url'] !== undefined && !/^https?:\/\//i.test(o['source-url'])) throw new UsageError('--source-url must be an http(s) URL');
  const g = o['generated-at'] ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(g))) throw new UsageError(`--generated-at: not a date: ${g}`);
  for (const [k, max] of [
    ['licence', 200],
    ['attribution', 500],
    ['source-name', 200],
  ] as const) {
    if (o[k] !== undefined && (o[k]!.trim() === '' || o[k]!.length > max || /[\r\n]/.test(o[k]!)))
      throw new UsageError(`--${k} must be one line of 1–${max} characters`);
  }
  return {
    from,
    input,
    out: o.out,
    crs,
    ...(o.category ? { category: o.category as Category } : {}),
    generatedAt: new Date(g).toISOString(),
    ...(o.map ? { map: o.map } : {}),
    ...(o.encoding ? { encoding: o.encoding as CsvEncoding } : {}),
    ...(o['source-name'] ? { sourceName: o['source-name'] } : {}),
    ...(o.licence ? { licence: o.licence } : {}),
    ...(o.attribution ? { attribution: o.attribution } : {}),
    ...(o['source-url'] ? { sourceUrl: o['source-url'] } : {}),
  };
}

function sourceOf(opts: Options): FeedSource {
  const file = opts.input.split(/[\\/]/).filter(Boolean).pop() ?? opts.input;
  const base: FeedSource =
    opts.from === 'osm'
      ? OSM_SOURCE
      : opts.from === 'hsds'
        ? {
            name: { zh: 'HSDS 3.1 服务目录', en: 'HSDS 3.1 service directory', zhHant: 'HSDS 3.1 服務目錄' },
            licence: 'Not stated (use --licence)',
            attribution: `Imported from ${file} (Open Referral HSDS 3.1 format)`,
          }
        : {
            name: { zh: `电子表格：${file}`, en: `Spreadsheet: ${file}`, zhHant: `電子表格：${file}` },
            licence: 'Not stated (use --licence)',
            attribution: `Imported from ${file}`,
          };
  const name = opts.sourceName ? { zh: opts.sourceName, en: opts.sourceName } : base.name;
  return {
    name,
    licence: opts.licence ?? base.licence,
    attribution: opts.attribution ?? base.attribution,
    ...(opts.sourceUrl && SAFE_URL.test(opts.sourceUrl) ? { url: opts.sourceUrl } : base.url ? { url: base.url } : {}),
  };
}

async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    const parsed = options(argv);
    if (parsed === 'help') {
      console.log(USAGE);
      return 0;
    }
    opts = parsed;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`data:import: ${oneLine(e.message)} (see --help)`);
    return 2;
  }

  const files = inputFiles(opts.from, opts.input);
  const report = new ImportReport(opts.from, opts.crs, files);
  mkdirSync(opts.out, { recursive: true });
  const spool = new TownSpool(join(opts.out, '.import-spool'));
  const availability: AvailabilityItem[] = [];
  try {
    await importSource(
      {
        from: opts.from,
        files,
        crs: opts.crs,
        report,
        updated: opts.generatedAt,
        extractTimestamp: true,
        ...(opts.category ? { category: opts.category } : {}),
        ...(opts.map ? { mapping: parseMapping(readJson(opts.map)) } : {}),
        ...(opts.encoding ? { encoding: opts.encoding } : {}),
      },
      (record, live) => {
        // The core already skipped duplicate ids, so the spool takes every record it is given.
        spool.add(record);
        if (live) availability.push(live);
      },
    );

    const json = report.toJson(opts.generatedAt);
    writeFileSync(join(opts.out, 'import-report.json'), `${JSON.stringify(json, null, 2)}\n`);
    console.log(`data:import: ${report.summary(opts.generatedAt)}`);
    if (spool.size === 0) {
      // An empty feed would replace a device's data with nothing: refuse instead.
      console.error(
        `data:import: nothing could be imported from ${opts.input}; see ${join(opts.out, 'import-report.json')}. No feed written.`,
      );
      return 1;
    }
    const { manifest } = writeFeed(opts.out, {
      generatedAt: opts.generatedAt,
      sample: false,
      versionPrefix: opts.from,
      sources: [sourceOf(opts), ...GEOGRAPHY_SOURCES],
      records: [],
      spool,
      availability: { generatedAt: opts.generatedAt, pollSeconds: 60, items: availability.filter((a) => spool.ids.has(a.serviceId)) },
    });
    console.log(
      `data:import: ${spool.size} services in ${manifest.chunks.length} chunks → ${opts.out} (report: ${join(opts.out, 'import-report.json')})`,
    );
    return 0;
  } finally {
    spool.dispose();
  }
}

await runCli('data:import', main);
