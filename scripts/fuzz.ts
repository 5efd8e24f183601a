/**
 * npm run fuzz [-- --seed N] [--runs N]
 * Runs the property-based fuzz suite (tests/fuzz/*.fuzz.test.ts) at full size: FUZZ_RUNS is set so the
 * properties run at least MIN_CASES cases in all (`npm test` runs the default slice of a few hundred).
 * `--seed N` reproduces a run (FUZZ_SEED). Prints the cases per entry point and the seed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = 'usage: npm run fuzz -- [--seed <N>] [--runs <N>]';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MIN_CASES = 5000;
/** Per-property base run count; the properties' weights add up to about 10, so 600 gives ~6,000 cases. */
const DEFAULT_RUNS = 600;
const DEFAULT_SEED = 20261130;

const wholeNumber = (name: string, raw: string | undefined, fallback: number) => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number (${USAGE})`);
  return n;
};

await runCli('fuzz', (argv) => {
  const args = parseArgs(argv, ['seed', 'runs'], ['help']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]} (${USAGE})`);
  const seed = wholeNumber('seed', args.options.seed, DEFAULT_SEED);
  const runs = Math.max(1, wholeNumber('runs', args.options.runs, DEFAULT_RUNS));
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-summary-'));
  const summaryFile = join(dir, 'cases.jsonl');
  try {
    console.log(`fuzz: seed ${seed}, FUZZ_RUNS ${runs}`);
    const started = Date.now();
    const vitest = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/fuzz'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_RUNS: String(runs), FUZZ_SUMMARY_FILE: summaryFile },
    });
    const byFile = new Map<string, { properties: number; cases: number }>();
    const byEntry = new Map<string, number>();
    const detail = new Set<string>();
    let text = '';
    try {
      text = readFileSync(summaryFile, 'utf8');
    } catch {
      // no property ran
    }
    for (const line of text.split('\n').filter(Boolean)) {
      const row = JSON.parse(line) as
        { kind: 'property'; file: string; runs: number } | { kind: 'entry'; entry: string; cases: number; detail?: boolean };
      if (row.kind === 'property') {
        const f = byFile.get(row.file) ?? { properties: 0, cases: 0 };
        byFile.set(row.file, { properties: f.properties + 1, cases: f.cases + row.runs });
      } else {
        byEntry.set(row.entry, (byEntry.get(row.entry) ?? 0) + row.cases);
        if (row.detail) detail.add(row.entry);
      }
    }
    const total = [...byFile.values()].reduce((a, f) => a + f.cases, 0);
    const pad = (rows: string[]) => Math.max(10, ...rows.map((r) => r.length));
    console.log(`\nfuzz summary (seed ${seed}, FUZZ_RUNS ${runs}, ${Math.round((Date.now() - started) / 1000)} s)`);
    const fileWidth = pad([...byFile.keys()]);
    console.log('  cases per file');
    for (const [file, f] of [...byFile].sort((a, b) => a[0].localeCompare(b[0]))) {
      console.log(`    ${file.padEnd(fileWidth)}  ${String(f.cases).padStart(6)}  (${f.properties} properties)`);
    }
    console.log(`    ${'total'.padEnd(fileWidth)}  ${String(total).padStart(6)}`);
    const entryWidth = pad([...byEntry.keys()]);
    console.log('  cases per entry point (properties that name theirs)');
    for (const [entry, cases] of [...byEntry].sort((a, b) => a[0].localeCompare(b[0]))) {
      console.log(`    ${entry.padEnd(entryWidth)}  ${String(cases).padStart(6)}${detail.has(entry) ? '  (part of the line above)' : ''}`);
    }
    const passed = vitest.status === 0;
    console.log(
      passed
        ? 'result: every property held (0 crashes, 0 wrong exits, 0 invalid accepted)'
        : 'result: FAILED — see the counterexamples above',
    );
    console.log(`reproduce: npm run fuzz -- --seed ${seed}${runs !== DEFAULT_RUNS ? ` --runs ${runs}` : ''}`);
    if (!passed) return 1;
    if (total < MIN_CASES) {
      console.error(`fuzz: only ${total} cases ran, fewer than ${MIN_CASES}: raise --runs`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
