/**
 * Writes a published feed, incrementally and all at once:
 * - chunk bytes depend only on their records (sorted by id), so a chunk whose records did not change keeps its
 *   bytes and sha256, and the device does not download it again;
 * - nothing changed → the previous version and generatedAt are carried over: the same bytes as before;
 *   anything changed → version = previous + 1 (decimal digits, strictly increasing: "1" on a first publish);
 * - every JSON file has a .gz and a .br beside it (deterministic; copied, not recompressed, when unchanged); a
 *   chunk's packed copy is written only as its gzip (`services/<town>-packed.json.gz`, the file apps download);
 * - the feed is built in a temporary folder beside `outDir` and renamed into place, so a failure never leaves
 *   half a feed, and `outDir` may also be the previous feed.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import type { AvailabilityItem, FeedManifest, ServiceRecord } from '../../src/data/feed-schema.ts';
import HOLIDAY_TABLE from '../../src/features/finder/common/china-holidays.json' with { type: 'json' };
import { gzip, gzipPathOf, packedText, sha256, type FeedSource } from './feed-writer.ts';
import { packedPathOf } from '../../src/data/packed-chunk.ts';
import { nextVersion, unsignedManifestText } from './feed-signing.ts';
import { townsFeatureCollection } from './town-polygons.ts';

export interface PublishContent {
  records: readonly ServiceRecord[];
  availability: readonly AvailabilityItem[];
  sources: FeedSource[];
  /** Further files for the manifest's `files` map (path → text), e.g. the owned files. */
  files: Record<string, string>;
  /** generatedAt of this publish when anything changed. */
  generatedAt: string;
  availabilityPollSeconds?: number;
}

export interface PreviousFeed {
  dir: string;
  manifest: FeedManifest;
}

export interface PublishedFeed {
  manifest: FeedManifest;
  /** False when the feed is the previous one, byte for byte. */
  changed: boolean;
  /** Files whose bytes were written anew (their .gz/.br too), relative to the feed folder. */
  written: string[];
  /** Bytes of each file: raw, gzip and brotli. */
  sizes: Record<string, { raw: number; gz: number; br: number }>;
}

const COMPRESSIBLE = /\.(json|geojson)$/;
/** Written only as gzip, under its own name (the chunks' packed copies: apps fetch and inflate that file). */
const GZIP_ONLY = /\.json\.gz$/;
const LIVE_FILE = 'availability.json';
const LIVE_SIGNATURE = 'availability.sig';
const MANIFEST_SIGNATURE = 'manifest.sig';

const readIfPresent = (path: string): string | null => (existsSync(path) ? readFileSync(path, 'utf8') : null);

/** Brotli's best quality (11) runs at well under 1 MB/s here: above this size quality 9 (about 10 % larger, 100× faster). */
export const BROTLI_MAX_QUALITY_BYTES = 1024 * 1024;

export const brotli = (data: Uint8Array) =>
  brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: data.length <= BROTLI_MAX_QUALITY_BYTES ? 11 : 9,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });

/** Service chunks, one per town, records sorted by id: the text depends only on the set of records. */
export function chunkTexts(records: readonly ServiceRecord[]): Map<string, { text: string; count: number }> {
  const byTown = new Map<string, ServiceRecord[]>();
  for (const r of records) {
    const list = byTown.get(r.town);
    if (list) list.push(r);
    else byTown.set(r.town, [r]);
  }
  const out = new Map<string, { text: string; count: number }>();
  for (const town of [...byTown.keys()].sort()) {
    const services = byTown.get(town)!.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out.set(town, { text: JSON.stringify({ town, services }), count: services.length });
  }
  return out;
}

export interface FeedPlan {
  manifest: FeedManifest;
  /** Every file of the feed (manifest included): path → text. */
  texts: Map<string, string>;
  /** False when the feed is the previous one, byte for byte. */
  changed: boolean;
}

/** Works out every file of the feed (nothing is written yet): the review and the breaker look at it first. */
export function planFeed(content: PublishContent, previous: PreviousFeed | undefined, options: { sign?: boolean } = {}): FeedPlan {
  const texts = new Map<string, string>();
  const chunks: FeedManifest['chunks'] = [];
  for (const [town, { text, count }] of chunkTexts(content.records)) {
    const path = `services/${town}.json`;
    texts.set(path, text);
    // The .gz every JSON file gets below is the chunk's gzip copy: apps that know `gzipPath` download it instead.
    // The packed copy is written only as its gzip, the file apps that know `packedPath` download (GZIP_ONLY).
    const packed = packedText(text);
    const packedPath = packedPathOf(path);
    texts.set(packedPath, packed);
    chunks.push({ path, town, count, sha256: sha256(text), gzipPath: gzipPathOf(path), packedPath, packedSha256: sha256(packed) });
  }
  const fileTexts: Record<string, string> = {
    'towns.geojson': JSON.stringify(townsFeatureCollection()),
    // The statutory holiday / 调休 table travels with the data; the owned files may bring the owner's own.
    'holidays.json': JSON.stringify(HOLIDAY_TABLE),
    ...content.files,
  };
  // The live file is never pinned in the manifest: live:relay rewrites it between publishes (signed by a live key
  // instead). Once a feed is out the file belongs to the relay, so a republish carries its current bytes and signature.
  const liveTexts = (generatedAt: string): [string, string][] => {
    const live = previous && readIfPresent(join(previous.dir, LIVE_FILE));
    if (!live)
      return [
        [LIVE_FILE, JSON.stringify({ generatedAt, pollSeconds: content.availabilityPollSeconds ?? 60, items: content.availability })],
      ];
    const signature = readIfPresent(join(previous.dir, LIVE_SIGNATURE));
    return signature === null
      ? [[LIVE_FILE, live]]
      : [
          [LIVE_FILE, live],
          [LIVE_SIGNATURE, signature],
        ];
  };

  const build = (generatedAt: string, version: string): FeedPlan => {
    const files: Record<string, string> = {};
    const all = new Map(texts);
    for (const [path, text] of Object.entries(fileTexts)) {
      files[path] = sha256(text);
      all.set(path, text);
    }
    for (const [path, text] of liveTexts(generatedAt)) all.set(path, text);
    const manifest: FeedManifest = {
      version,
      generatedAt,
      sample: false,
      sources: content.sources,
      chunks,
      files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))),
      ...(content.availabilityPollSeconds ? { availabilityPollSeconds: content.availabilityPollSeconds } : {}),
    };
    all.set('manifest.json', JSON.stringify(manifest));
    return { manifest, texts: all, changed: true };
  };

  // Same content as the previous feed (built with its version and date) → the previous feed, byte for byte: a signed
  // one keeps its manifest bytes and manifest.sig (an unsigned one is kept only when no signature is asked for).
  if (previous) {
    const same = build(previous.manifest.generatedAt, previous.manifest.version);
    const previousText = readFileSync(join(previous.dir, 'manifest.json'), 'utf8');
    const previousSignature = readIfPresent(join(previous.dir, MANIFEST_SIGNATURE));
    const previousContent = previousSignature === null ? previousText : unsignedManifestText(previousText);
    if (same.texts.get('manifest.json') === previousContent && (previousSignature !== null || !options.sign)) {
      same.texts.set('manifest.json', previousText);
      if (previousSignature !== null) same.texts.set(MANIFEST_SIGNATURE, previousSignature);
      return { ...same, manifest: previous.manifest, changed: false };
    }
  }
  return build(content.generatedAt, nextVersion(previous?.manifest.version));
}

/**
 * Writes a planned feed to `outDir` (through a temporary folder and a rename), copying the bytes and the
 * compressed forms of files that did not change from `previous`. `extra`: files beside the feed that are not
 * part of it (publish-report.json).
 */
export function writeFeedPlan(
  outDir: string,
  plan: FeedPlan,
  previous: PreviousFeed | undefined,
  extra: Record<string, string> = {},
): PublishedFeed {
  const { manifest, texts: all, changed } = plan;
  const previousSha = new Map<string, string>();
  if (previous) {
    for (const c of previous.manifest.chunks) {
      previousSha.set(c.path, c.sha256);
      if (c.packedPath && c.packedSha256) previousSha.set(c.packedPath, c.packedSha256);
    }
    for (const [p, s] of Object.entries(previous.manifest.files ?? {})) previousSha.set(p, s);
    // Files the manifest does not pin (its own bytes, its signature, the live file): their bytes as they are now.
    for (const path of ['manifest.json', MANIFEST_SIGNATURE, LIVE_FILE, LIVE_SIGNATURE]) {
      const from = join(previous.dir, path);
      if (existsSync(from)) previousSha.set(path, sha256(readFileSync(from)));
    }
  }

  const target = resolve(outDir);
  const tmp = join(dirname(target), `.${basename(target)}.publish-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const written: string[] = [];
  const sizes: PublishedFeed['sizes'] = {};
  try {
    mkdirSync(join(tmp, 'services'), { recursive: true });
    for (const [path, text] of all) {
      const bytes = Buffer.from(text);
      const to = join(tmp, path);
      mkdirSync(dirname(to), { recursive: true });
      const from = previous ? join(previous.dir, path) : '';
      const gzipOnly = GZIP_ONLY.test(path);
      const compressible = COMPRESSIBLE.test(path);
      const forms = compressible ? ['', '.gz', '.br'] : [''];
      const reuse = previous && previousSha.get(path) === sha256(bytes) && forms.every((ext) => existsSync(from + ext));
      let gz: number;
      let br: number;
      if (reuse) {
        // Same bytes and the same modification time: a server's ETag (nginx: time and size) stays the same too.
        for (const ext of forms) {
          copyFileSync(from + ext, to + ext);
          const { atime, mtime } = statSync(from + ext);
          utimesSync(to + ext, atime, mtime);
        }
        gz = statSync(compressible ? `${to}.gz` : to).size;
        br = statSync(compressible ? `${to}.br` : to).size;
      } else {
        written.push(path);
        // a packed copy's text is the JSON the file at its path holds gzip-compressed
        writeFileSync(to, gzipOnly ? gzip(bytes) : bytes);
        if (compressible) {
          const g = gzip(bytes);
          const b = brotli(bytes);
          writeFileSync(`${to}.gz`, g);
          writeFileSync(`${to}.br`, b);
          gz = g.length;
          br = b.length;
        } else gz = br = statSync(to).size;
      }
      sizes[path] = { raw: bytes.length, gz, br };
    }
    for (const [path, text] of Object.entries(extra)) writeFileSync(join(tmp, path), text);
    // Swap: the old folder is moved aside first, so `outDir` always holds a whole feed or nothing new.
    const aside = `${tmp}-old`;
    rmSync(aside, { recursive: true, force: true });
    if (existsSync(target)) renameSync(target, aside);
    renameSync(tmp, target);
    rmSync(aside, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(`${tmp}-old`)) renameSync(`${tmp}-old`, target);
    throw e;
  }
  return { manifest, changed, written: written.sort(), sizes };
}
