/**
 * npm run data:export -- --to hsds <feed-folder> <out.json>
 * Writes the feed's valid records as an HSDS 3.1 page of full services (GET /services?full=true shape).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { exportHsds } from './lib/export-hsds.ts';
import { readFeed } from './lib/feed-folder.ts';

const USAGE = 'usage: npm run data:export -- --to hsds <feed-folder> <out.json>';

function main(): number {
  let feed: string;
  let out: string;
  try {
    const args = parseArgs(process.argv.slice(2), ['to'], ['help']);
    if (args.flags.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (args.options.to !== 'hsds') throw new UsageError('--to must be hsds');
    if (args.positionals.length !== 2) throw new UsageError('expected <feed-folder> <out.json>');
    [feed, out] = args.positionals as [string, string];
    if (!existsSync(`${feed}/manifest.json`)) throw new UsageError(`not a feed folder (no manifest.json): ${feed}`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`data:export: ${e.message}\n${USAGE}`);
    return 2;
  }
  const { records, availability } = readFeed(feed);
  const page = exportHsds(records, availability);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(page));
  console.log(`data:export: ${records.length} HSDS services → ${out}`);
  return 0;
}

process.exitCode = main();
