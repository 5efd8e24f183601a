/**
 * npm run data:build [-- --out <dir>] [--services N] [--recipe <file>]
 * Writes the embedded sample feed (default public/feed/). Deterministic: the recipe's asOf is the
 * build clock and its seed drives every random choice, so the same recipe gives the same bytes.
 * `--with-test-records` adds test-only records (the HTML-injection canary) for an e2e test feed.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { writeFeed, type FeedContent } from './lib/feed-writer.ts';
import { readJsonFile } from './lib/json-argument.ts';
import { runCli } from './lib/run-cli.ts';
import { generateSampleFeed, scaleRecipe, type SampleRecipe } from './lib/sample-feed.ts';

const USAGE = 'usage: npm run data:build -- [--out <dir>] [--services <N>] [--recipe <recipe.json>] [--with-test-records]';

/**
 * The recipe's floors (a community health centre and an elder canteen in every town …) and per-category
 * rounding make the generated count differ from N by a few. Ask for a little more, then drop the surplus
 * from the towns with the most records, so `--services N` writes exactly N; below the floors, refuse.
 */
function generateExactly(recipe: SampleRecipe, n: number): FeedContent {
  const floor = generateSampleFeed(scaleRecipe(recipe, 1)).records.length;
  if (n < floor) {
    throw new UsageError(
      `--services ${n}: the sample recipe places at least ${floor} services (every town gets its minimum of each kind); ask for ${floor} or more`,
    );
  }
  let feed = generateSampleFeed(scaleRecipe(recipe, n));
  for (let ask = n + 1; feed.records.length < n && ask <= n + 20; ask++) feed = generateSampleFeed(scaleRecipe(recipe, ask));
  if (feed.records.length < n) throw new Error(`--services ${n}: the recipe gave ${feed.records.length} services`);
  return trimTo(feed, n);
}

function trimTo(feed: FeedContent, n: number): FeedContent {
  const surplus = feed.records.length - n;
  if (surplus <= 0) return feed;
  const byTown = new Map<string, number[]>();
  feed.records.forEach((r, i) => byTown.set(r.town, [...(byTown.get(r.town) ?? []), i]));
  const drop = new Set<number>();
  // One at a time from the town that holds the most, its last record (the generator's largest categories).
  for (let k = 0; k < surplus; k++) {
    const [, indices] = [...byTown.entries()].reduce((a, b) =>
      b[1].length > a[1].length || (b[1].length === a[1].length && b[0] < a[0]) ? b : a,
    );
    drop.add(indices.pop()!);
  }
  const dropped = new Set([...drop].map((i) => feed.records[i]!.id));
  const records = feed.records.filter((_, i) => !drop.has(i));
  const availability = feed.availability && {
    ...feed.availability,
    items: feed.availability.items.filter((a) => !dropped.has(a.serviceId)),
  };
  return { ...feed, records, ...(availability ? { availability } : {}) };
}

await runCli('data:build', (argv) => {
  const args = parseArgs(argv, ['out', 'services', 'scale', 'recipe'], ['help', 'quiet', 'with-test-records']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]} (${USAGE})`);
  const started = performance.now();
  const out = args.options.out ?? fileURLToPath(new URL('../public/feed', import.meta.url));
  const recipePath = args.options.recipe ?? fileURLToPath(new URL('../data/sample-recipe.json', import.meta.url));
  const recipe = readJsonFile(recipePath) as SampleRecipe;
  const services = args.options.services ?? args.options.scale;
  let feed: FeedContent;
  if (services !== undefined) {
    const n = Number(services);
    if (!Number.isInteger(n) || n < 1 || n > 2_000_000)
      throw new UsageError(`--services must be a whole number from 1 to 2000000 (${USAGE})`);
    feed = generateExactly(recipe, n);
  } else {
    // --with-test-records: the e2e suite's test feed (adds the injection canary); never for what ships.
    feed = generateSampleFeed(recipe, { withTestRecords: args.flags.has('with-test-records') });
  }
  const { manifest, bytes } = writeFeed(out, feed);
  const total = Object.values(bytes).reduce((s, b) => s + b, 0);
  if (!args.flags.has('quiet')) {
    console.log(
      `data:build: ${feed.records.length} services in ${manifest.chunks.length} chunks → ${out} ` +
        `(${(total / 1024).toFixed(0)} KiB, version ${manifest.version}, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return 0;
});
