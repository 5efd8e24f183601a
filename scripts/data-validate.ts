/**
 * npm run data:validate -- <feed-folder> [--keys <keyId:base64,...>] [--now <iso>] [--quiet]
 * With --keys, manifest.sig must be a valid signature by one of those keys (as the app checks it), and
 * availability.sig one by a live key the manifest lists.
 * Exit 0: valid. Exit 1: one line per problem, `file: record-id: json-path: reason`. Exit 2: one line on
 * stderr for unusable input (run-cli.ts). The checks live in src/data/validate-feed.ts (shared with the app's sync).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { validateFolder } from './lib/feed-folder.ts';
import { runCli } from './lib/run-cli.ts';
import { formatProblem } from '../src/data/validate-feed.ts';
import { parseKeyList, type PublicKey } from '../src/data/feed-signature.ts';

const USAGE = 'usage: npm run data:validate -- <feed-folder> [--keys <keyId:base64,...>] [--now <ISO date-time>] [--quiet]';
const SAMPLE_FEED = fileURLToPath(new URL('../public/feed', import.meta.url));

await runCli('data:validate', async (argv) => {
  const args = parseArgs(argv, ['now', 'keys'], ['help', 'quiet']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError(`expected exactly one feed folder (${USAGE})`);
  const folder = args.positionals[0]!;
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    // On a fresh clone the sample feed is not built yet: say which command writes it.
    const samplePath = resolve(folder) === SAMPLE_FEED || /(^|[\\/])public[\\/]feed[\\/]?$/.test(folder);
    const hint = samplePath ? ' (run `npm run data:build` to write the sample feed there)' : '';
    throw new UsageError(`not a folder: ${folder}${hint}`);
  }
  let now: Date | undefined;
  if (args.options.now !== undefined) {
    now = new Date(args.options.now);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now: not a date: ${args.options.now}`);
  }
  let keys: PublicKey[] | undefined;
  if (args.options.keys !== undefined) {
    // The keys a build would trust (VITE_FEED_KEYS): the same signature verdict as the app's.
    const parsed = parseKeyList(args.options.keys);
    if (!parsed.ok) throw new UsageError(`--keys: ${parsed.reason}`);
    if (!parsed.value.length) throw new UsageError('--keys: no key given');
    keys = parsed.value;
  }
  const report = await validateFolder(folder, now, keys);
  for (const p of report.problems) console.log(formatProblem(p));
  if (report.problems.length) {
    console.error(`data:validate: ${report.problems.length} problem(s) in ${folder}`);
    return 1;
  }
  if (!args.flags.has('quiet')) {
    const counts = Object.entries(report.counts)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    console.error(`data:validate: ${folder} is valid: ${report.records} services (${counts}); sample: ${report.manifest?.sample}`);
  }
  return 0;
});
