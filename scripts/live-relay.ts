/**
 * `npm run live:relay -- <live.json> [--port 8788] [--host 127.0.0.1] [--sign <live-key>]`
 *
 * A long-running service that keeps availability.json true: it polls the owners' own systems (JSON or
 * CSV over HTTP, or files), maps their figures into the feed's shape, checks them with the app's own
 * item check, merges them and writes the file atomically when something changed. /healthz and /metrics
 * on --port. A bad config exits 2 with one line per problem; at runtime, faults stay with their owner.
 * The config format and the operator's guide: docs/operators.md ("Live figures").
 */
import { pathToFileURL } from 'node:url';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { readJsonFile } from './lib/json-argument.ts';
import { loadSigningKey } from './lib/feed-signing.ts';
import { checkConfig } from './lib/live-relay/config.ts';
import { feedServices } from './lib/live-relay/feed-services.ts';
import type { Signer } from './lib/live-relay/live-file.ts';
import { createRelay } from './lib/live-relay/relay.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = 'usage: npm run live:relay -- <live.json> [--port 8788] [--host 127.0.0.1] [--sign <live-key>]';

/** The trust issue's live key (feed:keygen): each file written gets availability.sig beside it. */
async function loadSigner(keyPath: string | undefined): Promise<Signer | undefined> {
  if (keyPath === undefined) return undefined;
  const key = await loadSigningKey(keyPath);
  return (bytes) => key.sign(bytes);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, options } = parseArgs(argv, ['port', 'host', 'sign']);
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const port = Number(options.port ?? 8788);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
  const configPath = positionals[0]!;
  const checked = checkConfig(readJsonFile(configPath), configPath);
  if (!checked.config) {
    for (const line of checked.problems) process.stderr.write(`live:relay: ${line}\n`);
    return 2;
  }
  const config = checked.config;
  const sign = await loadSigner(options.sign);
  const log = (entry: Record<string, unknown>) => process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
  const relay = createRelay(config, { loadServices: () => feedServices(config.feedDir), log, ...(sign ? { sign } : {}) });
  // Some config faults show only in an answer (a selector that selects nothing, a field the owner does not have).
  const problems = await relay.probe();
  if (problems.length) {
    for (const line of problems) process.stderr.write(`live:relay: ${line}\n`);
    return 2; // nothing started, nothing written
  }
  const bound = await relay.listen(port, options.host ?? '127.0.0.1');
  relay.start();
  log({ level: 'info', event: 'started', owners: config.owners.map((o) => o.id), out: config.outFile, port: bound });
  // The first line a test or supervisor can read: where health and metrics are.
  process.stdout.write(`LIVE_RELAY_URL=http://${options.host ?? '127.0.0.1'}:${bound}/\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log({ level: 'info', event: 'stopping', signal });
      void relay.close().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  log({ level: 'info', event: 'stopped' });
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCli('live:relay', main);
  // fetch keeps idle owner connections alive for a few seconds: leave now with the code runCli set.
  process.exit();
}
