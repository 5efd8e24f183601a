/**
 * Feed size per service: the embedded sample feed (public/feed, `npm run data:build`) and, for scale,
 * (with `--feed-100k`) the generated 100k feed — raw JSON (the baseline) vs gzip -9 and brotli q11 (node:zlib), per file then summed,
 * as a static host would serve them pre-compressed.
 * The sample row also publishes the sample feed with `feed:publish` (a `from: "feed"` source) and sums the .br and
 * .gz files it wrote: what a phone downloads on a first sync from the documented hosting (nginx gzip_static and
 * brotli_static, docs/operators.md). An app since issue 26 downloads each chunk's packed copy by its own name (manifest
 * `packedPath`, inflated in its worker; apps of part 2 and 3 the .json.gz, `gzipPath`), so the chunks cross as gzip
 * even over HTTPS; an older app gets brotli there.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { publishFeed } from '../../scripts/lib/publish';
import { ensureFeed, ensureSampleFeed, round } from './bench-common';
import { times, type BenchModule, type BenchRow } from './bench-row';

function measure(dir: string) {
  const manifestText = fs.readFileSync(path.join(dir, 'manifest.json'));
  const manifest = JSON.parse(manifestText.toString('utf8')) as {
    chunks: { path: string; count: number }[];
    files?: Record<string, string>;
  };
  const services = manifest.chunks.reduce((s, c) => s + c.count, 0);
  const sizes = (buf: Buffer) => ({
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  });
  const sum = (a: ReturnType<typeof sizes>, b: ReturnType<typeof sizes>) => ({
    raw: a.raw + b.raw,
    gzip: a.gzip + b.gzip,
    brotli: a.brotli + b.brotli,
  });
  // What a first sync downloads for the services: manifest + every chunk.
  let records = sizes(manifestText);
  for (const c of manifest.chunks) records = sum(records, sizes(fs.readFileSync(path.join(dir, c.path))));
  let other = { raw: 0, gzip: 0, brotli: 0 };
  for (const name of Object.keys(manifest.files ?? {})) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) other = sum(other, sizes(fs.readFileSync(file)));
  }
  const per = (x: number) => round(x / services, 1);
  return {
    services,
    chunks: manifest.chunks.length,
    bytes: records,
    perService: { raw: per(records.raw), gzip: per(records.gzip), brotli: per(records.brotli) },
    otherFiles: other,
  };
}

/** Publishes `feed` with feed:publish and sums the pre-compressed files a first sync fetches (manifest + chunks). */
async function publishedDownload(feed: string, log: (m: string) => void) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dgn-bench-size-'));
  try {
    const config = path.join(work, 'publish.json');
    const source = {
      id: 'sample',
      owner: { zh: '示例数据', en: 'Sample data' },
      from: 'feed',
      file: feed,
      licence: 'CC0 1.0',
      attribution: 'DG Nearby sample generator',
    };
    fs.writeFileSync(config, JSON.stringify({ sources: [source] }));
    const out = path.join(work, 'feed');
    const res = await publishFeed({ config, out, generatedAt: '2026-12-01T00:00:00Z' });
    if (res.exitCode !== 0) throw new Error(`feed:publish failed: ${res.errors.join(' | ')}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      chunks: { path: string; packedPath: string }[];
    };
    const files = ['manifest.json', ...manifest.chunks.map((c) => c.path)];
    const size = (f: string) => fs.statSync(path.join(out, f)).size;
    const sum = (ext: string) => files.reduce((n, f) => n + size(f + ext), 0);
    const packed = size('manifest.json.gz') + manifest.chunks.reduce((n, c) => n + size(c.packedPath), 0);
    const bytes = { raw: sum(''), packed, gzip: sum('.gz'), brotli: sum('.br') };
    log(
      `published sample feed: a first sync downloads ${bytes.packed} B packed / ${bytes.brotli} B brotli / ${bytes.gzip} B gzip (raw ${bytes.raw} B)`,
    );
    return bytes;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const runFeedSizeBench: BenchModule = async ({ log }) => {
  const rows: BenchRow[] = [];
  // brotli q11 runs at ~1 MB/s here: the 61 MB 100k feed would take minutes, so it is measured only with --feed-100k
  const feeds: [string, string][] = [['sample', ensureSampleFeed(log)]];
  if (process.argv.includes('--feed-100k')) feeds.push(['100k', ensureFeed(100_000, log)]);
  for (const [label, dir] of feeds) {
    const r = measure(dir);
    const isSample = label === 'sample';
    const phone = isSample ? await publishedDownload(dir, log) : undefined;
    const kb = (n: number) => `${round(n / 1024, 1)} KB`;
    rows.push({
      id: `feed-size-${label}`,
      name: `8. Feed size, ${isSample ? `sample feed (${r.services} services)` : '100k generated feed'}`,
      what: 'bytes per service of manifest + service chunks (towns/availability files reported apart)',
      runs: '1 (deterministic)',
      project: `gzip ${r.perService.gzip} B / brotli ${r.perService.brotli} B per service${
        phone
          ? `; a phone's first sync from feed:publish output: ${kb(phone.packed)} (the chunks' packed copies the app fetches since issue 26 part 4; apps since part 2 fetch the .json.gz copies, ${kb(phone.gzip)}; older apps over HTTPS ${kb(phone.brotli)} br) of ${kb(phone.raw)}`
          : ''
      }`,
      baseline: `raw JSON ${r.perService.raw} B per service`,
      ratio: `${times(r.perService.raw / r.perService.gzip)} smaller (gzip), ${times(r.perService.raw / r.perService.brotli)} (brotli)`,
      target: '≤ 80 B gzip per service',
      met: r.perService.gzip <= 80,
      data: phone ? { ...r, publishedDownload: phone } : r,
    });
  }
  return rows;
};
