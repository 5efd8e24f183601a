/**
 * npm run report -- <feed-folder> [--town <code>]
 * The town report card's figures for a feed folder, as JSON (the same computation as the app's /towns page).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { FeedManifest } from '../src/data/feed-schema.ts';
import { computeTownReport } from '../src/features/towns/town-measures.ts';
import { toReportDocument } from '../src/features/towns/town-report-document.ts';
import { isTownCode } from '../src/geo/towns.ts';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { readFeed } from './lib/feed-folder.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = 'usage: npm run report -- <feed-folder> [--town <code>]';

export function reportFor(folder: string, town?: string): unknown {
  const manifestPath = join(folder, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${folder}: no manifest.json (not a feed folder)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as FeedManifest;
  const townsPath = join(folder, 'towns.geojson');
  const boundaries = (
    existsSync(townsPath) ? JSON.parse(readFileSync(townsPath, 'utf8')) : { type: 'FeatureCollection', features: [] }
  ) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
  const { records } = readFeed(folder);
  const doc = toReportDocument(computeTownReport(records, boundaries), {
    version: manifest.version,
    generatedAt: manifest.generatedAt,
    sample: manifest.sample,
  });
  if (!town) return doc;
  const { towns, ...rest } = doc;
  return { ...rest, towns: towns.filter((t) => t.code === town) };
}

await runCli('report', (argv) => {
  let args;
  try {
    args = parseArgs(argv, ['town'], ['help']);
    if (args.flags.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError('give one feed folder');
    if (args.options.town !== undefined && !isTownCode(args.options.town))
      throw new UsageError(`--town ${args.options.town} is not one of the 36 official town codes`);
  } catch (e) {
    if (e instanceof UsageError) throw new Error(`${e.message} (${USAGE})`);
    throw e;
  }
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  }); // piped into head
  process.stdout.write(`${JSON.stringify(reportFor(args.positionals[0]!, args.options.town), null, 2)}\n`);
  return 0;
});
