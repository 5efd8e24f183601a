/**
 * Bundle: `node scripts/size.mjs --json` (first-screen gzip + every chunk) over a fresh production
 * build in node_modules/.cache/bench/app/dist, so a colleague's dist is never read or overwritten.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { APP_DIST, ROOT, ensureAppBuild, round } from './bench-common';
import type { BenchModule } from './bench-row';

interface SizeReport {
  budgetKB: number;
  firstScreenKB: number;
  chunks: { file: string; gzipKB: number; firstScreen: boolean }[];
}

export const runBundleBench: BenchModule = async ({ log }) => {
  ensureAppBuild(log);
  // size.mjs reads ./dist relative to its working directory
  const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts/size.mjs'), '--json'], {
    cwd: path.dirname(APP_DIST),
    encoding: 'utf8',
  });
  const report = JSON.parse(res.stdout) as SizeReport;
  const lazy = report.chunks.filter((c) => !c.firstScreen);
  const largest = lazy
    .slice(0, 4)
    .map((c) => `${path.basename(c.file)} ${c.gzipKB.toFixed(1)} KB`)
    .join(', ');
  const lazyTotal = lazy.reduce((s, c) => s + c.gzipKB, 0);
  const first = report.chunks.filter((c) => c.firstScreen);
  const firstParts = first
    .filter((c) => c.gzipKB >= 5)
    .map((c) => `${path.basename(c.file)} ${c.gzipKB.toFixed(1)} KB`)
    .join(', ');
  return [
    {
      id: 'bundle',
      name: '5. Bundle (gzip)',
      what: 'first-screen JS (entry + finder page, static imports) and every lazy chunk, gzip -9, `scripts/size.mjs --json`',
      runs: '1 (deterministic build)',
      project: `first screen ${report.firstScreenKB.toFixed(1)} KB; ${lazy.length} lazy chunks, ${lazyTotal.toFixed(1)} KB in all (largest: ${largest})`,
      baseline: 'reference: plain React + Leaflet + Dexie + i18next page in one chunk ≈ 170 KB (issue 8, not re-measured)',
      ratio: `${round((report.firstScreenKB / report.budgetKB) * 100, 0)} % of budget`,
      target: `first screen ≤ ${report.budgetKB} KB`,
      met: report.firstScreenKB <= report.budgetKB,
      note: `First screen = ${first.length} files; the large ones: ${firstParts}.`,
      data: {
        ...report,
        firstScreenKB: round(report.firstScreenKB, 2),
        chunks: report.chunks.map((c) => ({ ...c, gzipKB: round(c.gzipKB, 2) })),
      },
    },
  ];
};
