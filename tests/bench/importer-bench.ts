/**
 * Importer bench (issue 12):
 *  1. 100,000 OSM elements through today's importer (src/import/osm.ts) vs the importer as it was
 *     before issue 12 (tests/bench/legacy-osm-import.ts), same synthetic document, same process, same run.
 *  2. 500,000 OSM elements through the real `data:import` CLI (child process) with the V8 heap capped at
 *     HEAP_CAP_MB: streamed input and the on-disk town spool vs the same CLI forced to parse the whole file at
 *     once (the naive way). Bounded memory means the streamed import finishes under the cap; peak RSS of each.
 * Both importers start with empty name caches (pinyin, zh-Hant), so neither profits from the other's run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { clearChineseTextCaches } from '../../src/import/chinese-text';
import { importOsm } from '../../src/import/osm';
import { townAt } from '../../scripts/lib/town-polygons';
import { CACHE, ROOT, round } from './bench-common';
import { ms, times, type BenchModule, type BenchRow } from './bench-row';
import { importOsm as legacyImportOsm } from './legacy-osm-import';
import { syntheticOverpass, writeSyntheticOverpass } from './osm-synthetic';

const UPDATED = '2026-11-30T00:00:00Z';

const HEAP_CAP_MB = 384;

function runCli(
  input: string,
  out: string,
  env: Record<string, string>,
): { seconds: number; peakRssMb: number; status: number | string | null; stdout: string } {
  const rssFile = path.join(CACHE, `importer-rss-${process.pid}.txt`);
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_CAP_MB}`,
      '--import',
      'tsx',
      'tests/bench/importer-child.ts',
      '--from',
      'osm',
      input,
      '--out',
      out,
      '--generated-at',
      UPDATED,
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env, PEAK_RSS_FILE: rssFile },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const peakRssMb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  fs.rmSync(rssFile, { force: true });
  // A child killed by a signal (e.g. SIGABRT when V8 runs out of heap) has no exit status: report the signal.
  return { seconds, peakRssMb, status: run.status ?? run.signal, stdout: `${run.stdout}\n${run.stderr}`.slice(-400) };
}

export const runImporterBench: BenchModule = async ({ quick, log }) => {
  const rows: BenchRow[] = [];
  const n = quick ? 20_000 : 100_000;
  log(`importer: ${n} synthetic OSM elements, project vs pre-issue-12 importer`);
  const doc = syntheticOverpass(n);
  // The old importer logs one console line per SH value it cannot evaluate; silence it for both runs.
  const origError = console.error;
  const origLog = console.log;
  let project = 0;
  let legacy = 0;
  let projectCount = 0;
  let legacyCount = 0;
  try {
    console.error = () => undefined;
    console.log = () => undefined;
    clearChineseTextCaches();
    let t0 = performance.now();
    legacyCount = legacyImportOsm(doc as never, { updated: UPDATED }).records.length;
    legacy = performance.now() - t0;
    clearChineseTextCaches();
    t0 = performance.now();
    projectCount = importOsm(doc, { townAt, updated: UPDATED }).records.length;
    project = performance.now() - t0;
  } finally {
    console.error = origError;
    console.log = origLog;
  }
  const ratio = legacy / project;
  rows.push({
    id: `importer-osm-${n}`,
    name: `OSM import, ${n.toLocaleString('en')} elements`,
    what: 'importOsm on one synthetic Overpass document (tag mix of real extracts) vs the importer before issue 12, same run',
    runs: '1 each',
    project: `${ms(project)} (${projectCount} records)`,
    baseline: `${ms(legacy)} (${legacyCount} records)`,
    ratio: times(ratio),
    target: '≥ 3×',
    met: ratio >= 3,
    note: 'Both start with empty name caches. Most of the gain: opening_hours values are evaluated once per distinct value (the old importer evaluated every one anew and logged each SH failure); per-record work allocates less.',
    data: { n, projectMs: round(project), legacyMs: round(legacy), projectCount, legacyCount },
  });

  const big = quick ? 100_000 : 500_000;
  fs.mkdirSync(CACHE, { recursive: true });
  const input = path.join(CACHE, `overpass-${big}.json`);
  if (!fs.existsSync(input)) {
    log(`importer: writing ${big} synthetic elements to ${path.relative(ROOT, input)}`);
    writeSyntheticOverpass(input, big);
  }
  const mb = fs.statSync(input).size / 2 ** 20;
  const out = path.join(CACHE, 'importer-feed');
  log(`importer: data:import on ${big} elements (${mb.toFixed(0)} MB), streamed`);
  const streamed = runCli(input, out, { DATA_IMPORT_STREAM_ABOVE_BYTES: '0' });
  log(`importer: data:import on ${big} elements, whole-file parse (naive)`);
  const whole = runCli(input, `${out}-whole`, { DATA_IMPORT_STREAM_ABOVE_BYTES: String(Number.MAX_SAFE_INTEGER) });
  fs.rmSync(`${out}-whole`, { recursive: true, force: true });
  const imported = /(\d+) services in/.exec(streamed.stdout)?.[1];
  rows.push({
    id: `importer-cli-${big}`,
    name: `data:import, ${big.toLocaleString('en')} OSM elements, heap capped at ${HEAP_CAP_MB} MB`,
    what: `the CLI end to end (${mb.toFixed(0)} MB input → feed folder + import report) under --max-old-space-size=${HEAP_CAP_MB}: streamed input and on-disk town spool vs the same CLI parsing the whole file first`,
    runs: '1 each',
    project: `${streamed.status === 0 ? 'finished' : `FAILED (exit ${streamed.status})`} in ${streamed.seconds.toFixed(1)} s, peak RSS ${streamed.peakRssMb.toFixed(0)} MB, ${imported ?? '?'} services`,
    baseline: `${whole.status === 0 ? 'finished' : `crashed (${typeof whole.status === 'string' ? whole.status : `exit ${whole.status}`})`} after ${whole.seconds.toFixed(1)} s, peak RSS ${Number.isFinite(whole.peakRssMb) ? `${whole.peakRssMb.toFixed(0)} MB` : 'n/a'}`,
    ratio:
      streamed.status === 0 && whole.status !== 0
        ? 'streamed fits, whole-file does not'
        : streamed.status === 0
          ? 'both fit'
          : 'streamed does not fit',
    target: `no crash; fits a ${HEAP_CAP_MB} MB heap`,
    met: streamed.status === 0,
    note: 'Peak RSS from process.resourceUsage().maxRSS of the child running the CLI (RSS includes code and buffers outside the V8 heap).',
    data: { big, inputMb: round(mb, 1), heapCapMb: HEAP_CAP_MB, streamed, whole },
  });
  return rows;
};
