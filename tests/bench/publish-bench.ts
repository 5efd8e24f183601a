/**
 * feed:publish bench (issue 22): a 100,000-record publish from two owners (the generated city feed as a
 * `from: "feed"` source, and the example XLSX kindergarten list), then one owner's update (a phone edited):
 * the republish with --previous (incremental: only changed chunks get new bytes and new .gz/.br) vs a full
 * publish of the same updated input without --previous (everything written and compressed again). Same run,
 * same process, in-process calls of the CLI's publishFeed. --quick uses 20,000 records.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { publishFeed } from '../../scripts/lib/publish';
import { ensureFeed, ROOT, round } from './bench-common';
import { ms, times, type BenchModule, type BenchRow } from './bench-row';

const EXAMPLE = path.join(ROOT, 'docs/examples/publish');

async function editPhone(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.worksheets[0]!.getRow(14).getCell(6).value = '0769-12349999';
  await wb.xlsx.writeFile(file);
}

export const runPublishBench: BenchModule = async ({ quick, log }) => {
  const services = quick ? 20_000 : 100_000;
  const city = ensureFeed(services, log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dgn-bench-publish-'));
  try {
    for (const f of ['kindergartens.xlsx', 'kindergarten-map.json']) fs.copyFileSync(path.join(EXAMPLE, f), path.join(work, f));
    const example = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'publish.json'), 'utf8')) as { sources: Record<string, unknown>[] };
    const config = {
      sources: [
        example.sources[0],
        {
          id: 'city',
          owner: { zh: '示例数据（生成）', en: 'Generated sample data' },
          from: 'feed',
          file: city,
          licence: 'CC0 1.0 (generated sample data)',
          attribution: 'DG Nearby sample generator',
          priority: 0,
        },
      ],
    };
    const configFile = path.join(work, 'publish.json');
    fs.writeFileSync(configFile, JSON.stringify(config));
    const timed = async (label: string, out: string, previous?: string, generatedAt = '2026-12-01T00:00:00Z') => {
      const t0 = performance.now();
      const res = await publishFeed({ config: configFile, out, generatedAt, ...(previous ? { previous } : {}) });
      const elapsed = performance.now() - t0;
      if (res.exitCode !== 0) throw new Error(`${label}: exit ${res.exitCode}: ${res.errors.join(' | ')}`);
      const chunks = res.report!.written.filter((p) => p.startsWith('services/')).length;
      log(`${label}: ${ms(elapsed)}, version ${res.report!.version}, ${chunks} chunks written`);
      return { ms: elapsed, chunksWritten: chunks, filesWritten: res.report!.written.length, version: res.report!.version };
    };
    const first = await timed(`first publish (${services} + 24 records)`, path.join(work, 'feed'));
    await editPhone(path.join(work, 'kindergartens.xlsx'));
    const incremental = await timed(
      'republish after one owner edited a phone, --previous',
      path.join(work, 'feed'),
      path.join(work, 'feed'),
      '2026-12-02T00:00:00Z',
    );
    const full = await timed(
      'the same update published in full (no --previous)',
      path.join(work, 'full'),
      undefined,
      '2026-12-02T00:00:00Z',
    );
    const chunkCount = (JSON.parse(fs.readFileSync(path.join(work, 'feed', 'manifest.json'), 'utf8')) as { chunks: unknown[] }).chunks
      .length;
    return [
      {
        id: `publish-${quick ? '20k' : '100k'}`,
        name: `22. feed:publish, ${services.toLocaleString('en')} records from two owners, one owner's update`,
        what: 'wall time of the republish with --previous (incremental) vs a full publish of the same input; first publish reported apart',
        runs: '1 each (same run, same process)',
        project: `incremental ${ms(incremental.ms)} (${incremental.chunksWritten} of ${chunkCount} chunks written)`,
        baseline: `full ${ms(full.ms)} (${full.chunksWritten} chunks written and compressed)`,
        ratio: `${times(full.ms / incremental.ms)} faster`,
        target: 'incremental faster than full; only changed chunks written',
        met: incremental.ms < full.ms && incremental.chunksWritten === 1,
        note: `first publish ${ms(first.ms)}; every written JSON file gets gzip -9 and brotli (q11, q9 above 1 MB) beside it`,
        data: { services, chunks: chunkCount, first, incremental, full: { ...full, ms: round(full.ms, 1) } },
      } satisfies BenchRow,
    ];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
};
