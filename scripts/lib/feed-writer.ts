/**
 * Writes a feed folder: services/<town>.json chunks (each with its gzip copy, services/<town>.json.gz, and its packed
 * copy, services/<town>-packed.json.gz), towns.geojson, availability.json (live, not pinned) and manifest.json
 * (written last, so a reader never sees a manifest pointing at files that are not there yet).
 * Output is compact JSON with the key order the objects were built in: same input → same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AvailabilityItem, FeedManifest, ServiceRecord } from '../../src/data/feed-schema.ts';
import HOLIDAY_TABLE from '../../src/features/finder/common/china-holidays.json' with { type: 'json' };
import { townsFeatureCollection } from './town-polygons.ts';
import { packChunk, packedPathOf, type ChunkFile } from '../../src/data/packed-chunk.ts';

export type FeedSource = FeedManifest['sources'][number];

export interface FeedContent {
  generatedAt: string;
  sample: boolean;
  sources: FeedSource[];
  records: ServiceRecord[];
  /** Chunks already written to disk by a TownSpool (large imports); `records` is then ignored. */
  spool?: ChunkSource;
  availability?: { generatedAt: string; sample?: boolean; pollSeconds: number; items: AvailabilityItem[] };
  /** Prefix of the manifest version, e.g. "sample" or "osm". */
  versionPrefix: string;
  availabilityPollSeconds?: number;
}

/** Records grouped by town outside memory: chunk text per town, built one town at a time. */
export interface ChunkSource {
  towns(): string[];
  chunkText(town: string): { text: string; count: number };
}

export interface WrittenFeed {
  manifest: FeedManifest;
  bytes: Record<string, number>;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * gzip at a fixed level: Node writes no file name and a zero time into the header, so the same bytes give the
 * same file (with the same zlib). The manifest's sha256 is of the JSON itself, so even another zlib's output
 * changes no hash and makes no device download a chunk again.
 */
export const gzip = (data: string | Uint8Array): Buffer => gzipSync(data, { level: 9 });

/** The gzip copy of a chunk beside it (manifest `gzipPath`, issue 26). */
export const gzipPathOf = (chunkPath: string): string => `${chunkPath}.gz`;

/** The JSON of a chunk's packed copy (manifest `packedPath`, src/data/packed-chunk.ts), from the chunk's JSON. */
export const packedText = (chunkText: string): string => JSON.stringify(packChunk(JSON.parse(chunkText) as ChunkFile));

/** Writes the feed to `outDir`, replacing the files a previous build wrote there. */
export function writeFeed(outDir: string, content: FeedContent): WrittenFeed {
  rmSync(join(outDir, 'services'), { recursive: true, force: true });
  mkdirSync(join(outDir, 'services'), { recursive: true });
  const bytes: Record<string, number> = {};
  const put = (path: string, text: string) => {
    writeFileSync(join(outDir, path), text);
    bytes[path] = Buffer.byteLength(text);
    return sha256(text);
  };
  const putGzip = (path: string, text: string) => {
    const gz = gzip(text);
    writeFileSync(join(outDir, path), gz);
    bytes[path] = gz.length;
  };
  // A chunk, its gzip copy and its packed copy: apps that know `packedPath` download that (the fewest bytes to parse),
  // apps that know only `gzipPath` the gzip copy (about 15× fewer bytes than the JSON), older ones the JSON.
  const putChunk = (town: string, text: string, count: number): FeedManifest['chunks'][number] => {
    const path = `services/${town}.json`;
    const gzipPath = gzipPathOf(path);
    putGzip(gzipPath, text);
    const packed = packedText(text);
    const packedPath = packedPathOf(path);
    putGzip(packedPath, packed);
    return { path, town, count, sha256: put(path, text), gzipPath, packedPath, packedSha256: sha256(packed) };
  };

  const chunks: FeedManifest['chunks'] = [];
  if (content.spool) {
    for (const town of content.spool.towns()) {
      const { text, count } = content.spool.chunkText(town);
      chunks.push(putChunk(town, text, count));
    }
  } else {
    const byTown = new Map<string, ServiceRecord[]>();
    for (const r of content.records) {
      const list = byTown.get(r.town);
      if (list) list.push(r);
      else byTown.set(r.town, [r]);
    }
    for (const town of [...byTown.keys()].sort()) {
      const services = byTown.get(town)!;
      chunks.push(putChunk(town, JSON.stringify({ town, services }), services.length));
    }
  }

  const files: Record<string, string> = {};
  files['towns.geojson'] = put('towns.geojson', JSON.stringify(townsFeatureCollection()));
  // The statutory holiday / 调休 table travels with the data (validated by data:validate); the app's embedded copy is the fallback.
  files['holidays.json'] = put('holidays.json', JSON.stringify(HOLIDAY_TABLE));
  // Written but never pinned by sha256: the live file changes between versions (live:relay, the simulator).
  if (content.availability) put('availability.json', JSON.stringify(content.availability));

  // The version is a digest of everything else, so it changes exactly when some file changes.
  const digest = sha256(JSON.stringify([content.generatedAt, chunks, files])).slice(0, 16);
  const manifest: FeedManifest = {
    version: `${content.versionPrefix}-${digest}`,
    generatedAt: content.generatedAt,
    sample: content.sample,
    sources: content.sources,
    chunks,
    files,
    ...(content.availabilityPollSeconds ? { availabilityPollSeconds: content.availabilityPollSeconds } : {}),
  };
  put('manifest.json', JSON.stringify(manifest));
  return { manifest, bytes };
}

/** Attribution entries every Dongguan feed carries (boundaries, census, town codes). */
export const GEOGRAPHY_SOURCES: FeedSource[] = [
  {
    name: { zh: '镇街边界', en: 'Town boundaries', zhHant: '鎮街邊界' },
    licence: 'No licence stated; display aid, not legal boundaries',
    attribution: 'Boundaries: DataV GeoAtlas via thelostword/GeoAtlas.DongGuan.json',
    note: {
      zh: '边界来自 DataV GeoAtlas（经 thelostword/GeoAtlas.DongGuan.json 整理）。未声明许可；仅作显示参考，不是法定边界。',
      en: 'Boundaries from DataV GeoAtlas (via thelostword/GeoAtlas.DongGuan.json). No licence stated; a display aid, not legal boundaries.',
      zhHant: '邊界來自 DataV GeoAtlas（經 thelostword/GeoAtlas.DongGuan.json 整理）。未聲明許可；僅作顯示參考，不是法定邊界。',
    },
    url: 'https://github.com/thelostword/GeoAtlas.DongGuan.json',
  },
  {
    name: { zh: '第七次全国人口普查（2020）', en: '7th National Population Census (2020)', zhHant: '第七次全國人口普查（2020）' },
    licence: 'Official statistics',
    attribution: 'Resident population per town: 7th national census bulletin, Dongguan (2020-11-01)',
    note: {
      zh: '各镇街常住人口：东莞市第七次全国人口普查公报（2020 年 11 月 1 日）。官方统计数据。',
      en: 'Resident population per town: 7th national census bulletin, Dongguan (1 November 2020). Official statistics.',
      zhHant: '各鎮街常住人口：東莞市第七次全國人口普查公報（2020 年 11 月 1 日）。官方統計數據。',
    },
  },
  {
    name: { zh: '统计用区划代码', en: 'Statistical division codes', zhHant: '統計用區劃代碼' },
    licence: 'Official statistics (codes); WTFPL (modood/Administrative-divisions-of-China)',
    attribution: 'Town codes: 2023 statistical division codes via modood/Administrative-divisions-of-China',
    note: {
      zh: '镇街代码：2023 年统计用区划代码（官方统计代码），经 modood/Administrative-divisions-of-China 整理；该整理采用 WTFPL 许可。',
      en: 'Town codes: 2023 statistical division codes (official statistics), compiled by modood/Administrative-divisions-of-China under the WTFPL.',
      zhHant: '鎮街代碼：2023 年統計用區劃代碼（官方統計代碼），經 modood/Administrative-divisions-of-China 整理；該整理採用 WTFPL 許可。',
    },
    url: 'https://github.com/modood/Administrative-divisions-of-China',
  },
];
