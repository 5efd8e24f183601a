/**
 * npm run data:validate -- <feed-folder> [--now <iso>] [--quiet]
 * Exit 0: valid. Exit 1: one line per problem, `file: record-id: json-path: reason`. Exit 2: usage error.
 * The checks live in src/data/validate-feed.ts (shared with the app's sync).
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { validateFolder } from './lib/feed-folder.ts';
import { formatProblem } from '../src/data/validate-feed.ts';

const USAGE = 'usage: npm run data:validate -- <feed-folder> [--now <ISO date-time>] [--quiet]';

async function main(): Promise<number> {
  let folder: string;
  let now: Date | undefined;
  let quiet = false;
  try {
    const args = parseArgs(process.argv.slice(2), ['now'], ['help', 'quiet']);
    if (args.flags.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError('expected exactly one feed folder');
    folder = args.positionals[0]!;
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`not a folder: ${folder}`);
    if (args.options.now !== undefined) {
      now = new Date(args.options.now);
      if (Number.isNaN(now.getTime())) throw new UsageError(`--now: not a date: ${args.options.now}`);
    }
    quiet = args.flags.has('quiet');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`data:validate: ${e.message}\n${USAGE}`);
    return 2;
  }
  const report = await validateFolder(folder, now);
  for (const p of report.problems) console.log(formatProblem(p));
  if (report.problems.length) {
    console.error(`data:validate: ${report.problems.length} problem(s) in ${folder}`);
    return 1;
  }
  if (!quiet) {
    const counts = Object.entries(report.counts).map(([c, n]) => `${c} ${n}`).join(', ');
    console.error(`data:validate: ${folder} is valid: ${report.records} services (${counts}); sample: ${report.manifest?.sample}`);
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(e);
    process.exitCode = 2;
  },
);
