/**
 * npm run data:build [-- --out <dir>] [--services N] [--recipe <file>]
 * Writes the embedded sample feed (default public/feed/). Deterministic: the recipe's asOf is the
 * build clock and its seed drives every random choice, so the same recipe gives the same bytes.
 * `--with-test-records` adds test-only records (the HTML-injection canary) for an e2e test feed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { writeFeed } from './lib/feed-writer.ts';
import { generateSampleFeed, scaleRecipe, type SampleRecipe } from './lib/sample-feed.ts';

const USAGE = 'usage: npm run data:build -- [--out <dir>] [--services <N>] [--recipe <recipe.json>] [--with-test-records]';

function main(): number {
  let args;
  try {
    args = parseArgs(process.argv.slice(2), ['out', 'services', 'scale', 'recipe'], ['help', 'quiet', 'with-test-records']);
    if (args.flags.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]}`);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  const out = args.options.out ?? fileURLToPath(new URL('../public/feed', import.meta.url));
  const recipePath = args.options.recipe ?? fileURLToPath(new URL('../data/sample-recipe.json', import.meta.url));
  let recipe = JSON.parse(readFileSync(recipePath, 'utf8')) as SampleRecipe;
  const services = args.options.services ?? args.options.scale;
  if (services !== undefined) {
    const n = Number(services);
    if (!Number.isInteger(n) || n < 1 || n > 2_000_000) {
      console.error(`--services must be a whole number from 1 to 2000000\n${USAGE}`);
      return 2;
    }
    recipe = scaleRecipe(recipe, n);
  }
  // --with-test-records: the e2e suite's test feed (adds the injection canary); never for what ships.
  const feed = generateSampleFeed(recipe, { withTestRecords: args.flags.has('with-test-records') });
  const { manifest, bytes } = writeFeed(out, feed);
  const total = Object.values(bytes).reduce((s, b) => s + b, 0);
  if (!args.flags.has('quiet')) {
    console.log(
      `data:build: ${feed.records.length} services in ${manifest.chunks.length} chunks → ${out} ` +
        `(${(total / 1024).toFixed(0)} KiB, version ${manifest.version}, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return 0;
}

process.exitCode = main();
