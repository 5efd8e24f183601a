/**
 * npm run data:export -- --to hsds <feed-folder> <out.json>
 * Writes the feed's valid records as an HSDS 3.1 page of full services (GET /services?full=true shape).
 * Unusable input: one line on stderr, exit 2 (run-cli.ts).
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { exportHsds } from './lib/export-hsds.ts';
import { readFeed } from './lib/feed-folder.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = 'usage: npm run data:export -- --to hsds <feed-folder> <out.json>';

await runCli('data:export', (argv) => {
  const args = parseArgs(argv, ['to'], ['help']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (args.options.to !== 'hsds') throw new UsageError(`--to must be hsds (${USAGE})`);
  if (args.positionals.length !== 2) throw new UsageError(`expected <feed-folder> <out.json> (${USAGE})`);
  const [feed, out] = args.positionals as [string, string];
  if (!existsSync(`${feed}/manifest.json`)) throw new UsageError(`not a feed folder (no manifest.json): ${feed}`);
  // A folder-like name used to become an 8 MB file without an extension.
  if (/[\\/]$/.test(out) || (existsSync(out) && statSync(out).isDirectory())) {
    throw new UsageError(`${out} is a folder: give the output file, e.g. ${out.replace(/[\\/]+$/, '')}/hsds.json`);
  }
  if (!out.toLowerCase().endsWith('.json')) throw new UsageError(`${out}: the output file name must end in .json`);
  const { records, availability } = readFeed(feed);
  const page = exportHsds(records, availability);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(page));
  console.log(`data:export: ${records.length} HSDS services → ${out}`);
  return 0;
});
