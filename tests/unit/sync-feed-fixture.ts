/**
 * A tiny in-memory feed for the sync tests, plus a fetch mock that can serve it honestly or break it
 * (network error, HTTP 500, body cut mid-stream, ETag / 304). Records are valid against
 * validate-feed.ts: real town codes, coordinates at the town label point.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { packChunk, packedPathOf, type ChunkFile } from '../../src/data/packed-chunk.ts';

export const TOWN_A = { code: '441900003', lon: 113.785162, lat: 22.997084 }; // 东城街道
export const TOWN_B = { code: '441900004', lon: 113.728797, lat: 22.985268 }; // 南城街道
export const TOWN_C = { code: '441900005', lon: 113.703463, lat: 23.050324 }; // 万江街道

const CATEGORIES = ['kindergarten', 'clinic', 'nursery', 'elderly_daycare', 'sports_venue', 'parking'] as const;

export function makeRecord(town: { code: string; lon: number; lat: number }, i: number, tag = ''): Record<string, unknown> {
  return {
    id: `t-${town.code}-${i}${tag}`,
    category: CATEGORIES[i % CATEGORIES.length],
    name: { zh: `测试服务 ${i}${tag}`, en: `Test service ${i}${tag}` },
    town: town.code,
    lat: town.lat + (i % 10) * 0.0005,
    lon: town.lon + (i % 7) * 0.0005,
    source: { kind: 'sample', reference: 'unit-test', updated: '2026-11-01T00:00:00.000Z' },
    pinyin: { full: 'ce shi fu wu', initials: 'csfw' },
  };
}

export const sha = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

export interface FixtureFeedSpec {
  version: string;
  chunks: { town: string; services: unknown[] }[];
  towns?: unknown;
  programmes?: unknown;
  /** holidays.json content (issue 12). */
  holidays?: unknown;
  /** availability.json's text, as served (issue 26: checked on a second worker). */
  availability?: string;
  sample?: boolean;
}

/** Builds every file of a feed: path → text. The manifest's counts and checksums match the chunks. */
export function buildFeed(spec: FixtureFeedSpec): Map<string, string> {
  const files = new Map<string, string>();
  const chunkEntries = spec.chunks.map((c) => {
    const path = `services/${c.town}.json`;
    const text = JSON.stringify({ town: c.town, services: c.services });
    files.set(path, text);
    return { path, town: c.town, count: c.services.length, sha256: sha(text) };
  });
  const other: Record<string, string> = {};
  const towns = spec.towns ?? { type: 'FeatureCollection', features: [] };
  files.set('towns.geojson', JSON.stringify(towns));
  other['towns.geojson'] = sha(files.get('towns.geojson')!);
  if (spec.holidays !== undefined) {
    files.set('holidays.json', JSON.stringify(spec.holidays));
    other['holidays.json'] = sha(files.get('holidays.json')!);
  }
  if (spec.availability !== undefined) {
    files.set('availability.json', spec.availability);
    other['availability.json'] = sha(spec.availability);
  }
  if (spec.programmes !== undefined) {
    files.set('programmes.json', JSON.stringify(spec.programmes));
    other['programmes.json'] = sha(files.get('programmes.json')!);
  }
  const manifest = {
    version: spec.version,
    generatedAt: '2026-11-28T00:00:00.000Z',
    sample: spec.sample ?? true,
    sources: [
      {
        name: { zh: '测试来源', en: 'Test source' },
        licence: 'CC0-1.0',
        attribution: 'Unit test fixture',
      },
    ],
    chunks: chunkEntries,
    files: other,
  };
  files.set('manifest.json', JSON.stringify(manifest));
  return files;
}

/**
 * The feed with gzip copies of the chunks of `towns` (all when absent): each such manifest entry names its copy
 * (`gzipPath`, issue 26) and the copy is served from the returned `binary` map (pass it to mockServer).
 */
export function withGzipCopies(
  files: Map<string, string>,
  towns?: readonly string[],
): { files: Map<string, string>; binary: Map<string, Uint8Array> } {
  const out = new Map(files);
  const binary = new Map<string, Uint8Array>();
  const manifest = JSON.parse(files.get('manifest.json')!) as { chunks: { path: string; town: string; gzipPath?: string }[] };
  for (const entry of manifest.chunks) {
    if (towns && !towns.includes(entry.town)) continue;
    entry.gzipPath = `${entry.path}.gz`;
    binary.set(entry.gzipPath, new Uint8Array(gzipSync(files.get(entry.path)!, { level: 9 })));
  }
  out.set('manifest.json', JSON.stringify(manifest));
  return { files: out, binary };
}

/**
 * The same feed with a gzip copy and a packed copy (src/data/packed-chunk.ts) of each chunk, or of those of `towns`,
 * named in the manifest as feed-writer.ts names them.
 */
export function withPackedCopies(
  files: Map<string, string>,
  towns?: readonly string[],
): { files: Map<string, string>; binary: Map<string, Uint8Array> } {
  const gz = withGzipCopies(files);
  const manifest = JSON.parse(gz.files.get('manifest.json')!) as {
    chunks: { path: string; town: string; packedPath?: string; packedSha256?: string }[];
  };
  for (const entry of manifest.chunks) {
    if (towns && !towns.includes(entry.town)) continue;
    const packed = JSON.stringify(packChunk(JSON.parse(files.get(entry.path)!) as ChunkFile));
    entry.packedPath = packedPathOf(entry.path);
    entry.packedSha256 = createHash('sha256').update(packed).digest('hex');
    gz.binary.set(entry.packedPath, new Uint8Array(gzipSync(packed, { level: 9 })));
  }
  gz.files.set('manifest.json', JSON.stringify(manifest));
  return gz;
}

export type Fault = 'network' | 'http500' | 'truncate';

export interface MockServer {
  fetch: typeof fetch;
  /** Paths requested, relative to the feed URL, in order. */
  requests: string[];
  /** Request headers of each manifest request. */
  manifestHeaders: Record<string, string>[];
  files: Map<string, string>;
  /** Files served as bytes (gzip copies), looked up before `files`. */
  binary: Map<string, Uint8Array>;
  faults: Map<string, Fault>;
  etag: string | null;
}

export const FEED_URL = 'https://feed.example.test/feed/';

export function mockServer(files: Map<string, string>, etag: string | null = null, binary = new Map<string, Uint8Array>()): MockServer {
  const server: MockServer = {
    files,
    binary,
    faults: new Map(),
    requests: [],
    manifestHeaders: [],
    etag,
    fetch: async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const path = url.startsWith(FEED_URL) ? url.slice(FEED_URL.length) : url;
      server.requests.push(path);
      const headers = (init?.headers ?? {}) as Record<string, string>;
      if (path === 'manifest.json') {
        server.manifestHeaders.push(headers);
        if (server.etag && headers['If-None-Match'] === server.etag) return new Response(null, { status: 304 });
      }
      const fault = server.faults.get(path);
      if (fault === 'network') throw new TypeError('Failed to fetch');
      if (fault === 'http500') return new Response('oops', { status: 500 });
      const bin = server.binary.get(path);
      if (bin !== undefined) return new Response(bin.slice(), { status: 200, headers: { 'Content-Type': 'application/gzip' } });
      const body = server.files.get(path);
      if (body === undefined) return new Response('not found', { status: 404 });
      const respHeaders: Record<string, string> = { 'Content-Type': 'application/json' };
      if (path === 'manifest.json' && server.etag) respHeaders.ETag = server.etag;
      if (fault === 'truncate') {
        // the server sends half the body, then the connection drops
        const bytes = new TextEncoder().encode(body);
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes.slice(0, Math.floor(bytes.length / 2)));
            controller.error(new TypeError('network connection lost'));
          },
        });
        return new Response(stream, { status: 200, headers: respHeaders });
      }
      return new Response(body, { status: 200, headers: respHeaders });
    },
  };
  return server;
}
