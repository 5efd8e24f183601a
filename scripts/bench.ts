/**
 * npm run bench [-- --quick] [--only name[,name…]]
 * Runs the benchmarks of issue 8 (modules in tests/bench/) and writes BENCHMARKS.md + bench-results.json.
 * Not part of `npm test`. Bench modules are loaded through Vite's SSR module loader, because some
 * app modules import CommonJS packages (chinese-days) with named imports, as the app's bundler allows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './lib/run-cli.ts';
import { chromiumVersion } from '../tests/bench/bench-common.ts';
import type { BenchModule, BenchRow } from '../tests/bench/bench-row.ts';
import type { BenchResults, MachineNotes } from '../tests/bench/bench-report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: npm run bench -- [--quick] [--only <name>[,<name>…]] [--feed-100k]';

/** Name → module file and export, in run order (Node-only first, then builds and browsers). */
const BENCHES: Record<string, { file: string; fn: string }> = {
  'feed-size': { file: '/tests/bench/feed-size-bench.ts', fn: 'runFeedSizeBench' },
  nearest: { file: '/tests/bench/nearest-bench.ts', fn: 'runNearestBench' },
  search: { file: '/tests/bench/search-row.ts', fn: 'runSearchRow' },
  towns: { file: '/tests/bench/towns-bench.ts', fn: 'runTownsBench' },
  signature: { file: '/tests/bench/signature-bench.ts', fn: 'runSignatureBench' },
  bundle: { file: '/tests/bench/bundle-bench.ts', fn: 'runBundleBench' },
  lighthouse: { file: '/tests/bench/lighthouse-bench.ts', fn: 'runLighthouseBench' },
  'budget-phone': { file: '/tests/bench/budget-phone-bench.ts', fn: 'runBudgetPhoneBench' },
  offline: { file: '/tests/bench/offline-visit-bench.ts', fn: 'runOfflineVisitBench' },
  import: { file: '/tests/bench/idb-import-bench.ts', fn: 'runIdbImportBench' },
  cluster: { file: '/tests/bench/cluster-bench.ts', fn: 'runClusterBench' },
  importer: { file: '/tests/bench/importer-bench.ts', fn: 'runImporterBench' },
  publish: { file: '/tests/bench/publish-bench.ts', fn: 'runPublishBench' },
  'live-relay': { file: '/tests/bench/live-relay-bench.ts', fn: 'runLiveRelayBench' },
};

function parse(argv: string[]): { quick: boolean; only: string[] } {
  let quick = false;
  let only: string[] = Object.keys(BENCHES);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--feed-100k')
      continue; // read by feed-size-bench.ts
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v) throw new Error('--only needs a name');
      only = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = only.filter((n) => !BENCHES[n]);
      if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unexpected argument ${a}`);
  }
  return { quick, only };
}

async function main(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parse(argv);
  } catch (e) {
    throw new Error(`${(e as Error).message} (${USAGE})`);
  }
  const started = Date.now();
  const loadAvgStart = os.loadavg() as [number, number, number];
  const log = (msg: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`);
  log(`load average ${loadAvgStart.map((x) => x.toFixed(2)).join(' ')}; running ${opts.only.join(', ')}${opts.quick ? ' (quick)' : ''}`);

  const { createServer } = await import('vite');
  const loader = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true },
    // chinese-days is CommonJS with an ES build under "module": let Vite take the ES build
    ssr: { noExternal: ['chinese-days'], resolve: { mainFields: ['module', 'main'] } },
    resolve: { mainFields: ['module', 'main'] },
  });

  const resultsPath = path.join(ROOT, 'bench-results.json');
  const previous: BenchResults | null = fs.existsSync(resultsPath)
    ? (JSON.parse(fs.readFileSync(resultsPath, 'utf8')) as BenchResults)
    : null;
  const fresh = new Map<string, BenchRow[]>();
  const failures: string[] = [];
  const stamp = new Date().toISOString();
  try {
    for (const name of Object.keys(BENCHES).filter((n) => opts.only.includes(n))) {
      const { file, fn } = BENCHES[name]!;
      const t0 = Date.now();
      log(`▶ ${name}`);
      try {
        const mod = (await loader.ssrLoadModule(file)) as Record<string, BenchModule>;
        const rows = await mod[fn]!({ quick: opts.quick, log });
        fresh.set(name, rows);
        for (const r of rows) log(`  ${r.met === null ? '·' : r.met ? '✓' : '✗'} ${r.name}: ${r.project} | ${r.ratio}`);
      } catch (e) {
        failures.push(name);
        log(`  ✗ ${name} failed: ${(e as Error).stack ?? e}`);
      }
      log(`◀ ${name} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await loader.close();
  }

  // Keep rows of benchmarks not run this time, so the table stays complete.
  const measuredAt: Record<string, string> = {};
  const rows: BenchResults['rows'] = [];
  for (const name of Object.keys(BENCHES)) {
    const mine = fresh.get(name);
    if (mine) {
      measuredAt[name] = stamp;
      rows.push(...mine.map((r) => ({ ...r, bench: name })));
    } else {
      const kept = previous?.rows.filter((r) => r.bench === name) ?? [];
      if (kept.length && previous) {
        measuredAt[name] = previous.measuredAt[name] ?? previous.generatedAt;
        rows.push(...kept);
      }
    }
  }
  const machine: MachineNotes = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    nproc: os.availableParallelism(),
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    chromium: chromiumVersion(),
    loadAvgStart,
    loadAvgEnd: os.loadavg() as [number, number, number],
    quick: opts.quick,
    durationS: Math.round((Date.now() - started) / 1000),
  };
  const results: BenchResults = {
    generatedAt: stamp,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine,
    measuredAt,
    rows,
  };
  fs.writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
  const { renderBenchmarksMd } = (await import('../tests/bench/bench-report.ts')) as typeof import('../tests/bench/bench-report.ts');
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), renderBenchmarksMd(results));
  log(`wrote BENCHMARKS.md and bench-results.json (${rows.length} rows${failures.length ? `; FAILED: ${failures.join(', ')}` : ''})`);
  return failures.length ? 1 : 0;
}

// Browsers and servers a benchmark started may leave handles open: exit with runCli's code once done.
await runCli('bench', main);
process.exit(process.exitCode ?? 0);
