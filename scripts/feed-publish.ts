/**
 * npm run feed:publish -- <publish.json> --out <feed> [--previous <feed>] [--allow-removals <source-id>]… [--generated-at <ISO>]
 *   [--sign <private-key> [--live-keys <keyId:base64,...>] [--expires-days N]]
 * One feed from many owners' lists (see docs/operators.md, "Many owners", and docs/examples/publish/).
 * Exit 0 published (or nothing changed), 1 a source whose rows all failed, 2 unusable input or the removals
 * breaker — one line per problem, nothing written, the previous feed untouched.
 */
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { liveKeysOption, loadSigningKey } from './lib/feed-signing.ts';
import { publishFeed } from './lib/publish.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE =
  'usage: npm run feed:publish -- <publish.json> --out <feed-folder> [--previous <feed-folder>] [--allow-removals <source-id>]… [--generated-at <ISO>] [--sign <private-key> [--live-keys <keyId:base64,...>] [--expires-days N]] [--debug]';

async function main(argv: string[]): Promise<number> {
  // --allow-removals may be given several times (and as a comma-separated list).
  const allowRemovals: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--allow-removals' || arg.startsWith('--allow-removals=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value || value.startsWith('--')) throw new UsageError('--allow-removals needs a source id');
      allowRemovals.push(...value.split(',').filter(Boolean));
    } else rest.push(arg);
  }
  const args = parseArgs(rest, ['out', 'previous', 'generated-at', 'sign', 'live-keys', 'expires-days'], ['help']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError(`expected one config file (${USAGE})`);
  const out = args.options.out;
  if (!out) throw new UsageError('--out <feed-folder> is required');
  const generatedAt = args.options['generated-at'];
  if (generatedAt !== undefined && Number.isNaN(Date.parse(generatedAt)))
    throw new UsageError(`--generated-at: not a date: ${generatedAt}`);
  const sign = args.options.sign
    ? await signingOptions(args.options.sign, args.options['live-keys'], args.options['expires-days'])
    : undefined;
  const outcome = await publishFeed({
    config: args.positionals[0]!,
    out,
    ...(args.options.previous ? { previous: args.options.previous } : {}),
    allowRemovals,
    ...(generatedAt ? { generatedAt } : {}),
    ...(sign ? { sign } : {}),
  });
  for (const line of outcome.out) console.log(`feed:publish: ${line}`);
  for (const line of outcome.errors) console.error(`feed:publish: ${line}`);
  return outcome.exitCode;
}

/** --sign <private-key> [--live-keys <keyId:base64,...>] [--expires-days N], checked as feed:sign checks them. */
async function signingOptions(keyPath: string, liveKeysText: string | undefined, expiresText: string | undefined) {
  const liveKeys = liveKeysText === undefined ? undefined : liveKeysOption(liveKeysText);
  const expiresDays = expiresText === undefined ? undefined : Number(expiresText);
  if (expiresDays !== undefined && !Number.isInteger(expiresDays))
    throw new UsageError(`--expires-days: not a whole number: ${expiresText}`);
  const key = await loadSigningKey(keyPath);
  return { key, ...(liveKeys ? { liveKeys } : {}), ...(expiresDays !== undefined ? { expiresDays } : {}) };
}

await runCli('feed:publish', main);
