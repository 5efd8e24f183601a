/**
 * npm run feed:diff -- <old-feed> <new-feed> [--json]
 * What changed between two feed folders, per source (records added, removed, changed with the changed fields of
 * the first 20) and which chunks and files changed: the review `feed:publish --previous` prints, for any two feeds.
 */
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { diffManifests, diffRecords, diffSummary, removalBreaches, type FeedDiff } from './lib/feed-diff.ts';
import { readFeed } from './lib/feed-folder.ts';
import { runCli } from './lib/run-cli.ts';

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [], ['json', 'help']);
  if (args.flags.has('help') || args.positionals.length !== 2) {
    if (!args.flags.has('help')) throw new UsageError('usage: npm run feed:diff -- <old-feed> <new-feed> [--json]');
    console.log('usage: npm run feed:diff -- <old-feed> <new-feed> [--json]');
    return 0;
  }
  const [oldDir, newDir] = args.positionals as [string, string];
  const read = (dir: string) => {
    try {
      return readFeed(dir);
    } catch (e) {
      throw new Error(`${dir}: ${(e as Error).message}`);
    }
  };
  const before = read(oldDir);
  const after = read(newDir);
  const diff: FeedDiff = { sources: diffRecords(before.records, after.records), ...diffManifests(before.manifest, after.manifest) };
  if (args.flags.has('json')) {
    console.log(JSON.stringify(diff, null, 2));
    return 0;
  }
  console.log(`feed:diff: ${oldDir} (version ${before.manifest.version}) → ${newDir} (version ${after.manifest.version})`);
  for (const line of diffSummary(diff)) console.log(line);
  for (const b of removalBreaches(before.records, after.records, diff.sources)) console.log(`  breaker: ${b.line}`);
  return 0;
}

await runCli('feed:diff', main);
