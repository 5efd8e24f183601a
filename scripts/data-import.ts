/**
 * npm run data:import -- --from hsds <folder-or-file> --out <feed-folder> [--category <c>] [--generated-at <iso>]
 * npm run data:import -- --from osm <overpass.json> --out <feed-folder> [--generated-at <iso>]
 * Writes a full feed folder (sample: false) that passes data:validate. Exit 2 on usage errors.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, type Category } from '../src/data/feed-schema.ts';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { GEOGRAPHY_SOURCES, writeFeed, type FeedSource } from './lib/feed-writer.ts';
import { importHsds } from './lib/import-hsds.ts';
import { importOsm, type OverpassJson } from './lib/import-osm.ts';

const USAGE = [
  'usage: npm run data:import -- --from hsds <folder-or-file> --out <feed-folder> [--category <category>] [--generated-at <ISO>]',
  '       npm run data:import -- --from osm <overpass.json> --out <feed-folder> [--generated-at <ISO>]',
  `categories: ${CATEGORIES.join(', ')}`,
].join('\n');

const OSM_SOURCE: FeedSource = {
  name: { zh: 'OpenStreetMap 贡献者', en: 'OpenStreetMap contributors', zhHant: 'OpenStreetMap 貢獻者' },
  licence: 'ODbL 1.0',
  attribution: '© OpenStreetMap contributors, available under the Open Database License (ODbL)',
  url: 'https://www.openstreetmap.org/copyright',
};
const hsdsSource = (input: string): FeedSource => ({
  name: { zh: 'HSDS 3.1 服务目录', en: 'HSDS 3.1 service directory', zhHant: 'HSDS 3.1 服務目錄' },
  licence: 'As stated by the directory operator',
  attribution: `Imported from ${input.split(/[\\/]/).pop()} (Open Referral HSDS 3.1 format)`,
});

function readJsonInputs(input: string): { file: string; doc: unknown }[] {
  const files = statSync(input).isDirectory()
    ? readdirSync(input).filter((f) => f.endsWith('.json')).sort().map((f) => join(input, f))
    : [input];
  return files.map((file) => ({ file, doc: JSON.parse(readFileSync(file, 'utf8')) }));
}

function main(): number {
  let from: string;
  let input: string;
  let out: string;
  let category: Category | undefined;
  let generatedAt: string;
  try {
    const args = parseArgs(process.argv.slice(2), ['from', 'out', 'category', 'generated-at'], ['help']);
    if (args.flags.has('help')) {
      console.log(USAGE);
      return 0;
    }
    from = args.options.from ?? '';
    if (from !== 'hsds' && from !== 'osm') throw new UsageError('--from must be hsds or osm');
    if (args.positionals.length !== 1) throw new UsageError('expected one input file or folder');
    input = args.positionals[0]!;
    if (!existsSync(input)) throw new UsageError(`no such file or folder: ${input}`);
    if (!args.options.out) throw new UsageError('--out <feed-folder> is required');
    out = args.options.out;
    const c = args.options.category;
    if (c !== undefined && !(CATEGORIES as readonly string[]).includes(c)) throw new UsageError(`unknown --category ${c}`);
    category = c as Category | undefined;
    const g = args.options['generated-at'] ?? new Date().toISOString();
    if (Number.isNaN(Date.parse(g))) throw new UsageError(`--generated-at: not a date: ${g}`);
    generatedAt = new Date(g).toISOString();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`data:import: ${e.message}\n${USAGE}`);
    return 2;
  }

  let inputs: { file: string; doc: unknown }[];
  try {
    inputs = readJsonInputs(input);
  } catch (e) {
    console.error(`data:import: cannot read ${input}: ${(e as Error).message}`);
    return 1;
  }
  const records = [];
  const availability = [];
  const skipped: Record<string, number> = {};
  const warnings: string[] = [];
  for (const { file, doc } of inputs) {
    const res =
      from === 'osm'
        ? { ...importOsm(doc as OverpassJson, { updated: generatedAt }), availability: [] }
        : importHsds(doc, { updated: generatedAt, ...(category ? { category } : {}) });
    records.push(...res.records);
    availability.push(...res.availability);
    for (const [why, n] of Object.entries(res.skipped)) skipped[why] = (skipped[why] ?? 0) + n;
    warnings.push(...res.warnings.map((w) => `${file}: ${w}`));
  }
  const seen = new Set<string>();
  const unique = records.filter((r) => (seen.has(r.id) ? ((skipped['duplicate id'] = (skipped['duplicate id'] ?? 0) + 1), false) : seen.add(r.id)));

  for (const w of warnings) console.error(`warning: ${w}`);
  const skips = Object.entries(skipped).map(([why, n]) => `${n} ${why}`).join(', ') || 'none';
  if (unique.length === 0) {
    // An empty feed would replace a device's data with nothing: refuse instead.
    console.error(`data:import: no services to import from ${input}; skipped: ${skips}. Nothing written.`);
    return 1;
  }
  const { manifest } = writeFeed(out, {
    generatedAt,
    sample: false,
    versionPrefix: from,
    sources: [from === 'osm' ? OSM_SOURCE : hsdsSource(input), ...GEOGRAPHY_SOURCES],
    records: unique,
    availability: { generatedAt, pollSeconds: 60, items: availability.filter((a) => seen.has(a.serviceId)) },
  });
  console.log(`data:import: ${unique.length} services in ${manifest.chunks.length} chunks → ${out}; skipped: ${skips}`);
  return 0;
}

process.exitCode = main();
