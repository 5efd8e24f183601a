/**
 * Row 6: Lighthouse 12.2.3 (mobile preset = its default: Moto G Power emulation, simulated slow 4G and
 * 4× CPU throttling) on the production build served by `vite preview` on 127.0.0.1. Each run starts a
 * fresh Chromium profile, so it is a first visit (the feed import included). Median of 3 runs.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CACHE, ROOT, chromiumFlags, chromiumPath, ensureAppBuild, median, round, startPreview } from './bench-common';
import { ms, type BenchModule } from './bench-row';

interface LhReport {
  lighthouseVersion: string;
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number; details?: { items?: { url?: string; scripting?: number; total?: number }[] } }>;
  runtimeError?: { message: string };
  environment?: { benchmarkIndex?: number };
}

/** What one Lighthouse run says of a page: scores, the three vitals, the machine's speed and where script time went. */
export interface LighthouseRun {
  version: string;
  benchmarkIndex: number;
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** The four scripts with the most CPU time, "path N ms". */
  bootup: string[];
}

/**
 * One Lighthouse run of `url` in a fresh Chromium profile (a first visit), mobile preset; `cpuSlowdown`
 * replaces the preset's 4× CPU throttling (12× ≈ a low-end Android phone on this machine).
 */
export function runLighthouse(url: string, outFile: string, opts: { cpuSlowdown?: number } = {}): LighthouseRun {
  const flags = chromiumFlags().map((f) => (f === '--headless' ? '--headless=new' : f));
  fs.rmSync(outFile, { force: true }); // a stale report must never stand in for a failed run
  const res = spawnSync(
    path.join(ROOT, 'node_modules/.bin/lighthouse'),
    [
      url,
      `--chrome-flags=${flags.join(' ')}`,
      '--only-categories=performance,accessibility,best-practices',
      ...(opts.cpuSlowdown ? [`--throttling.cpuSlowdownMultiplier=${opts.cpuSlowdown}`] : []),
      '--output=json',
      `--output-path=${outFile}`,
      '--quiet',
    ],
    { cwd: ROOT, env: { ...process.env, CHROME_PATH: chromiumPath() }, encoding: 'utf8', timeout: 240_000 },
  );
  if (!fs.existsSync(outFile)) throw new Error(`lighthouse wrote no report: ${res.stderr?.slice(-500)}`);
  const r = JSON.parse(fs.readFileSync(outFile, 'utf8')) as LhReport;
  if (r.runtimeError) throw new Error(`lighthouse: ${r.runtimeError.message}`);
  const score = (k: string) => Math.round((r.categories[k]?.score ?? NaN) * 100);
  const origin = new URL(url).origin;
  return {
    version: r.lighthouseVersion,
    // Lighthouse's own CPU yardstick for this machine at run time (a mid-range phone is ~1,000+)
    benchmarkIndex: r.environment?.benchmarkIndex ?? NaN,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcpMs: r.audits['largest-contentful-paint']?.numericValue ?? NaN,
    tbtMs: r.audits['total-blocking-time']?.numericValue ?? NaN,
    cls: r.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    // where main-thread time goes (scripts by CPU time), to explain TBT
    bootup: (r.audits['bootup-time']?.details?.items ?? [])
      .slice(0, 4)
      .map((it) => `${(it.url ?? '?').replace(origin, '')} ${Math.round(it.scripting ?? 0)} ms`),
  };
}

export const runLighthouseBench: BenchModule = async ({ quick, log }) => {
  ensureAppBuild(log);
  const outDir = path.join(CACHE, 'lighthouse');
  fs.mkdirSync(outDir, { recursive: true });
  const preview = await startPreview();
  const runs = quick ? 1 : 3;
  const results: LighthouseRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      log(`lighthouse: run ${i + 1}/${runs} …`);
      results.push(runLighthouse(`${preview.origin}/`, path.join(outDir, `run-${i + 1}.json`)));
    }
  } finally {
    preview.stop();
  }
  const version = results[0]?.version ?? '';
  const bootup = results.map((r) => r.bootup);
  const med = (k: 'performance' | 'accessibility' | 'bestPractices' | 'lcpMs' | 'tbtMs' | 'cls' | 'benchmarkIndex') =>
    median(results.map((r) => r[k]));
  const perf = med('performance');
  const a11y = med('accessibility');
  const bp = med('bestPractices');
  return [
    {
      id: 'lighthouse',
      name: `6. Lighthouse ${version} (mobile)`,
      what: 'first visit of `/` on the production build (vite preview, 127.0.0.1), default mobile throttling (simulated)',
      runs: `${runs} (median)`,
      project: `perf ${perf} / a11y ${a11y} / best practices ${bp}; LCP ${ms(med('lcpMs'))}, TBT ${ms(med('tbtMs'))}, CLS ${round(med('cls'), 3)}; Lighthouse CPU benchmarkIndex ${Math.round(med('benchmarkIndex'))}`,
      baseline: 'reference: plain React + Leaflet + Dexie + i18next page in one 170 KB chunk scored 93–95 (issue 8, not re-measured)',
      ratio: 'browser metric',
      target: '≥ 95 (goal 98) / 100 / 100',
      met: perf >= 95 && a11y >= 100 && bp >= 100,
      note: `Scripting time by script (throttled, last run): ${bootup.at(-1)?.join(', ') || 'n/a'}. Reports kept in node_modules/.cache/bench/lighthouse/.`,
      data: {
        version,
        bootup,
        runs: results.map(({ bootup: _, version: __, ...r }) => ({
          ...r,
          lcpMs: round(r.lcpMs, 0),
          tbtMs: round(r.tbtMs, 0),
          cls: round(r.cls, 4),
        })),
      },
    },
  ];
};
