/**
 * npm run feed:sign -- <feed-folder> --key <private-key> [--expires-days N] [--live-keys <keyId:base64,...>] [--live-key <private-live-key>] [--now <iso>]
 * Signs a feed: sets the manifest's keyId, signedAt and expires, bumps its digit version (a re-signed
 * manifest has new bytes, and the app refuses different bytes under a version it already holds), writes
 * manifest.json and then the detached manifest.sig over its exact bytes. `--live-key` also signs the feed's
 * availability.json (availability.sig) and lists that key in liveKeys: for a feed without a live relay.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { liveKeysOption, loadSigningKey, nextVersion, signManifest } from './lib/feed-signing.ts';
import { runCli } from './lib/run-cli.ts';
import { checkManifest, decodeFeedJson } from '../src/data/feed-structure.ts';
import { AVAILABILITY_SIGNATURE_FILE, MANIFEST_SIGNATURE_FILE } from '../src/data/feed-signature.ts';

const USAGE =
  'usage: npm run feed:sign -- <feed-folder> --key <private-key> [--expires-days N] [--live-keys <keyId:base64,...>] [--live-key <private-live-key>] [--now <ISO date-time>]';

await runCli('feed:sign', async (argv) => {
  const args = parseArgs(argv, ['key', 'expires-days', 'live-keys', 'live-key', 'now'], ['help']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const folder = args.positionals[0];
  if (args.positionals.length !== 1 || !folder) throw new UsageError(`expected exactly one feed folder (${USAGE})`);
  if (!args.options.key) throw new UsageError(`--key <private-key> is required (${USAGE})`);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`not a folder: ${folder}`);
  const manifestPath = join(folder, 'manifest.json');
  if (!existsSync(manifestPath)) throw new UsageError(`no manifest.json in ${folder}`);
  const decoded = decodeFeedJson(readFileSync(manifestPath));
  if (!decoded.ok) throw new UsageError(`manifest.json: ${decoded.reason}`);
  const checked = checkManifest(decoded.value);
  const first = checked.problems[0];
  if (!checked.manifest || first) throw new UsageError(`manifest.json: ${first?.path ?? '$'}: ${first?.reason ?? 'invalid'}`);
  const expiresDays = args.options['expires-days'] === undefined ? undefined : Number(args.options['expires-days']);
  if (expiresDays !== undefined && !Number.isInteger(expiresDays))
    throw new UsageError(`--expires-days: not a whole number: ${args.options['expires-days']}`);
  let liveKeys = args.options['live-keys'] === undefined ? undefined : liveKeysOption(args.options['live-keys']);
  const now = args.options.now === undefined ? undefined : new Date(args.options.now);
  if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now: not a date: ${args.options.now}`);
  const key = await loadSigningKey(args.options.key);
  const liveKey = args.options['live-key'] ? await loadSigningKey(args.options['live-key']) : null;
  const availabilityPath = join(folder, 'availability.json');
  if (liveKey) {
    if (!existsSync(availabilityPath)) throw new UsageError(`--live-key: no availability.json in ${folder} to sign`);
    liveKeys = [...new Set([...(liveKeys ?? (decoded.value as { liveKeys?: string[] }).liveKeys ?? []), liveKey.publicKeyLine])];
  }
  const raw = decoded.value as { version: string };
  const signed = await signManifest({ ...raw, version: nextVersion(raw.version) }, key, { now, expiresDays, liveKeys });
  if (liveKey) writeFileSync(join(folder, AVAILABILITY_SIGNATURE_FILE), await liveKey.sign(readFileSync(availabilityPath)));
  writeFileSync(manifestPath, signed.manifestBytes);
  writeFileSync(join(folder, MANIFEST_SIGNATURE_FILE), signed.signatureText);
  console.error(`feed:sign: ${folder} version ${signed.manifest.version} signed by ${key.keyId}, expires ${signed.manifest.expires}`);
  return 0;
});
