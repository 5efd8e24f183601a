/**
 * Row 2 of the table: wraps `runSearchBench` (search-bench.ts, owned by the finder's search work) — the
 * finder's text + pinyin index vs a plain substring scan over the same 100k names, same run.
 */
import { round } from './bench-common';
import { ms, times, type BenchModule } from './bench-row';
import { BENCH_QUERIES, runSearchBench } from './search-bench';

export const runSearchRow: BenchModule = async ({ quick, log }) => {
  const count = 100_000;
  const rounds = quick ? 6 : 20;
  log(`search: ${count} names, ${rounds} rounds …`);
  const r = runSearchBench({ count, rounds });
  const samples = (rounds - 2) * BENCH_QUERIES.length;
  const met = r.index.p95Ms <= 2 && r.index.maxMs <= 20 && r.firstTypoMs <= 50 && r.ratio >= 5;
  const classes = Object.entries(r.perClass)
    .map(([name, c]) => `${name} ${c.p50Ms} / ${c.p95Ms} / ${c.maxMs} ms, CPU p95 ${c.cpuP95Ms} ms (slowest “${c.slowest}”)`)
    .join('; ');
  return [
    {
      id: 'search-100k',
      name: '2. Text + pinyin search, 100k',
      what: `${BENCH_QUERIES.length} queries (2-char Chinese, pinyin prefixes/initials, English, towns, typos), top 50 by distance; heap retained by the index`,
      runs: `${samples} queries (${rounds - 2} timed rounds × ${BENCH_QUERIES.length}, 2 warm-up rounds)`,
      project: `p50 ${ms(r.index.p50Ms)} / p95 ${ms(r.index.p95Ms)} / max ${ms(r.index.maxMs)}; first typo query ${ms(r.firstTypoMs)}; index build ${ms(r.buildMs)}; heap ${r.heapMB} MB${r.gcExposed ? '' : ' (no gc: noisy)'}`,
      baseline: `substring scan p50 ${ms(r.scan.p50Ms)} / p95 ${ms(r.scan.p95Ms)}`,
      ratio: `${times(r.ratio)} (p95), ${times(round(r.scan.p50Ms / r.index.p50Ms, 1))} (p50)`,
      target: 'p95 ≤ 2 ms, max ≤ 20 ms, first typo query ≤ 50 ms, ≥ 5× the scan',
      met,
      note: `CPU time per query (this process, excludes waiting for a core): p50 ${r.indexCpu.p50Ms} / p95 ${r.indexCpu.p95Ms} / max ${r.indexCpu.maxMs} ms. Per query class, wall p50 / p95 / max: ${classes}. Slowest queries (index p95): ${Object.entries(
        r.perQueryP95,
      )
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([q, v]) => `“${q}” ${v} ms`)
        .join(
          ', ',
        )}. The typo vocabulary (${r.typoTerms} terms) is built with the index; buildTypoTerms alone ${r.typoTermsMs} ms. Load average (1 min) ${r.load[0]} before, ${r.load[1]} after the timed rounds, on 2 cores.`,
      data: r,
    },
  ];
};
