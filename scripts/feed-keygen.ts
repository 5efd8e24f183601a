/**
 * npm run feed:keygen -- --out <name> [--force]
 * Writes an Ed25519 key pair: `<name>` (the private key, mode 600) and `<name>.pub` (the public key line
 * `<keyId>:<base64>`), and prints the public key line. Refuses a place inside a git repository or a feed
 * folder: a private key there ends up committed or published (docs/security.md).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { formatPrivateKeyFile, generateKeyPair, privateKeyPlaceProblem, signingKeyFromSeed } from './lib/feed-signing.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = 'usage: npm run feed:keygen -- --out <private-key-file> [--force]';

await runCli('feed:keygen', async (argv) => {
  const args = parseArgs(argv, ['out'], ['help', 'force']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const out = args.options.out;
  if (!out || args.positionals.length) throw new UsageError(`expected --out <file> (${USAGE})`);
  const problem = privateKeyPlaceProblem(out);
  if (problem) throw new UsageError(problem);
  if (!args.flags.has('force') && (existsSync(out) || existsSync(`${out}.pub`)))
    throw new UsageError(`${out} exists: pass --force to replace it (the old key stops working)`);
  const pair = await generateKeyPair();
  const key = await signingKeyFromSeed(pair.seed);
  writeFileSync(out, formatPrivateKeyFile(pair), { mode: 0o600 });
  writeFileSync(`${out}.pub`, `${key.publicKeyLine}\n`);
  console.log(key.publicKeyLine);
  console.error(`feed:keygen: private key ${out} (keep it secret), public key ${out}.pub; key id ${key.keyId}`);
  return 0;
});
