// The bench's own plumbing (stats and the BENCHMARKS.md writer). No timings are asserted here: the
// figures live in BENCHMARKS.md, produced by `npm run bench`.
import { describe, expect, it } from 'vitest';
import { median, percentile, round } from '../bench/bench-common';
import { renderBenchmarksMd, type BenchResults } from '../bench/bench-report';
import type { BenchRow } from '../bench/bench-row';

describe('bench stats', () => {
  it('takes nearest-rank percentiles and true medians', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(xs, 0.5)).toBe(51);
    expect(percentile(xs, 0.95)).toBe(96);
    expect(percentile([], 0.5)).toBeNaN();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(round(1.23456, 2)).toBe(1.23);
  });
});

const row = (over: Partial<BenchRow & { bench: string }>): BenchRow & { bench: string } => ({
  id: 'bundle',
  bench: 'bundle',
  name: '5. Bundle (gzip)',
  what: 'first screen',
  runs: '1',
  project: '160 KB',
  baseline: 'a | b',
  ratio: '107 %',
  target: '≤ 150 KB',
  met: false,
  data: {},
  ...over,
});

const results = (rows: (BenchRow & { bench: string })[], measuredAt: Record<string, string> = { bundle: 'run-1' }): BenchResults => ({
  generatedAt: 'run-1',
  command: 'npm run bench',
  machine: {
    date: '2026-11-28 23:45 UTC',
    nproc: 2,
    memoryGB: 23.5,
    cpu: 'test cpu',
    node: 'v20.20.2',
    chromium: 'Chromium 1.0',
    loadAvgStart: [15.5, 22.47, 20.5],
    loadAvgEnd: [3, 4, 5],
    quick: false,
    durationS: 300,
  },
  measuredAt,
  rows,
});

describe('BENCHMARKS.md', () => {
  it('has one table row per benchmark row, escapes pipes, and explains every missed target', () => {
    const md = renderBenchmarksMd(
      results([
        row({ note: 'first screen = 3 files' }),
        row({ id: 'feed-size-sample', bench: 'feed-size', name: '8. Feed size', met: true }),
      ]),
    );
    const tableRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Benchmark'));
    expect(tableRows).toHaveLength(2);
    expect(tableRows[0]).toContain('a \\| b');
    expect(tableRows[0]).toContain('❌ no');
    expect(tableRows[1]).toContain('✅ yes');
    expect(md).toContain('**1 of 2 rows with a target meet it**');
    const missed = md.slice(md.indexOf('## Missed targets'), md.indexOf('## Machine notes'));
    expect(missed).toContain('5. Bundle (gzip)');
    expect(missed).toContain('first screen = 3 files');
    expect(missed).not.toContain('8. Feed size');
  });

  it('records the machine and the load average, and says when rows come from different runs', () => {
    const one = renderBenchmarksMd(results([row({ met: true })]));
    expect(one).toContain('`nproc` = 2');
    expect(one).toContain('15.50, 22.47, 20.50');
    expect(one).not.toContain('## Missed targets');
    expect(one).not.toContain('more than one run');
    const mixed = renderBenchmarksMd(results([row({ met: true })], { bundle: 'run-1', search: 'run-0' }));
    expect(mixed).toContain('more than one run');
  });
});
