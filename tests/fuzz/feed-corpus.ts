/**
 * Feeds as in-memory folders (path → bytes) for the "one verdict" tests and the fuzz suite: the
 * validator fixtures on disk, structural mutations of the valid one with the verdict each must get,
 * and two harnesses that judge a folder — the CLI's validateFolder and the app's sync engine over
 * fake-indexeddb with a fetch that serves the folder.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { META_ID, recordsOf } from '../../src/data/stored-read.ts';
import { runSync, type SyncResult } from '../../src/data/sync-engine.ts';
import { validateServiceRecord, type FeedReport } from '../../src/data/validate-feed.ts';
import { validateFolder } from '../../scripts/lib/feed-folder.ts';
import { buildTrustedKeys, loadTrustPolicy } from '../../src/data/feed-trust.ts';
import { withFreshDb } from '../unit/fresh-db.ts';

export type FeedFiles = Map<string, Uint8Array>;
export type Verdict = 'accept' | 'reject';

export const FIXTURES = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));
/** The validator fixtures' clock (scripts/lib/feed-validation.test.ts). */
export const FIXTURE_NOW = new Date('2026-11-28T00:00:00Z');
export const FEED_URL = 'https://feed.example.test/feed/';

const enc = new TextEncoder();
export const bytesOf = (text: string): Uint8Array => enc.encode(text);
export const textOf = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
export const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((n) => statSync(join(FIXTURES, n)).isDirectory())
    .sort();
}

export function loadFolder(dir: string): FeedFiles {
  const files: FeedFiles = new Map();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split('\\').join('/'), new Uint8Array(readFileSync(full)));
    }
  };
  walk(dir);
  return files;
}

// Mutations poke at any path of a feed's JSON: untyped on purpose.
type Json = any;
export const manifestOf = (files: FeedFiles): Json => JSON.parse(textOf(files.get('manifest.json')!));
export const setManifest = (files: FeedFiles, m: Json): void => void files.set('manifest.json', bytesOf(JSON.stringify(m)));

/**
 * Replaces a file and updates its sha256 in the manifest (chunks and listed files), so only the content is
 * wrong; `list` also lists a file that was not listed.
 */
export function putFile(files: FeedFiles, path: string, bytes: Uint8Array, list = true): void {
  files.set(path, bytes);
  const m = manifestOf(files);
  const chunk = m.chunks.find((c: Json) => c.path === path);
  if (chunk) chunk.sha256 = sha(bytes);
  else if (list || (m.files && path in m.files)) m.files = { ...(m.files ?? {}), [path]: sha(bytes) };
  setManifest(files, m);
}

export const deepArray = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

export interface StructuralCase {
  name: string;
  verdict: Verdict;
  mutate(files: FeedFiles): void;
}

/** Each case changes the valid fixture in one structural way (issue 14, class 4, plus the paths of class 3). */
export const STRUCTURAL_CASES: StructuralCase[] = [
  {
    name: 'manifest with a byte-order mark',
    verdict: 'accept',
    mutate: (f) => void f.set('manifest.json', new Uint8Array([0xef, 0xbb, 0xbf, ...f.get('manifest.json')!])),
  },
  {
    name: 'manifest with invalid UTF-8',
    verdict: 'reject',
    mutate: (f) => {
      const text = textOf(f.get('manifest.json')!).replace('"validator fixture"', '"validator \u0001fixture"');
      f.set('manifest.json', new Uint8Array([...bytesOf(text)].map((b) => (b === 1 ? 0xff : b))));
    },
  },
  {
    name: 'two chunks for one town',
    verdict: 'reject',
    mutate: (f) => {
      const m = manifestOf(f);
      m.chunks[1].town = m.chunks[0].town;
      setManifest(f, m);
    },
  },
  {
    name: 'a chunk for an unknown town code',
    verdict: 'reject',
    mutate: (f) => {
      const m = manifestOf(f);
      const path = m.chunks[0].path;
      const chunk = JSON.parse(textOf(f.get(path)!));
      chunk.town = '441900999';
      m.chunks[0].town = '441900999';
      setManifest(f, m);
      putFile(f, path, bytesOf(JSON.stringify(chunk)));
    },
  },
  {
    name: 'a files entry pointing at a missing file',
    verdict: 'reject',
    mutate: (f) => {
      const m = manifestOf(f);
      m.files['rules/enrolment.json'] = sha('{}');
      setManifest(f, m);
    },
  },
  {
    name: 'a chunk path to another host',
    verdict: 'reject',
    mutate: (f) => {
      const m = manifestOf(f);
      m.chunks[0].path = `//evil.example/feed/${m.chunks[0].path}`;
      setManifest(f, m);
    },
  },
  {
    name: 'a chunk path with a leading slash',
    verdict: 'reject',
    mutate: (f) => {
      const m = manifestOf(f);
      m.chunks[0].path = `/${m.chunks[0].path}`;
      setManifest(f, m);
    },
  },
  {
    name: 'a chunk path with ..',
    verdict: 'reject',
    mutate: (f) => {
      const m = manifestOf(f);
      m.chunks[0].path = `services/../${m.chunks[0].path}`;
      setManifest(f, m);
    },
  },
  {
    name: 'a files key __proto__',
    verdict: 'reject',
    mutate: (f) => {
      const text = textOf(f.get('manifest.json')!).replace('"files":{', `"files":{"__proto__":"${sha('x')}",`);
      f.set('manifest.json', bytesOf(text));
    },
  },
  {
    name: 'programmes.json, an array',
    verdict: 'accept',
    mutate: (f) => putFile(f, 'programmes.json', bytesOf('[{"id":"p-1"},{"nope":true}]')),
  },
  { name: 'programmes.json, not an array', verdict: 'reject', mutate: (f) => putFile(f, 'programmes.json', bytesOf('{"id":"p-1"}')) },
  { name: 'programmes.json, truncated', verdict: 'reject', mutate: (f) => putFile(f, 'programmes.json', bytesOf('[{"id":"p-1"')) },
  {
    name: 'programmes.json, nested 3,000 deep',
    verdict: 'reject',
    mutate: (f) => putFile(f, 'programmes.json', bytesOf(`[{"id":"p-1","x":${deepArray(3000)}}]`)),
  },
  {
    name: 'towns.geojson, nested 3,000 deep',
    verdict: 'reject',
    mutate: (f) =>
      putFile(
        f,
        'towns.geojson',
        bytesOf(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"x":${deepArray(3000)}},"geometry":null}]}`),
      ),
  },
  { name: 'towns.geojson, not a FeatureCollection', verdict: 'reject', mutate: (f) => putFile(f, 'towns.geojson', bytesOf('[]')) },
  {
    name: 'availability.json without items',
    verdict: 'reject',
    mutate: (f) => putFile(f, 'availability.json', bytesOf('{"generatedAt":"2026-11-27T23:59:00Z","pollSeconds":30}')),
  },
  { name: 'availability.json, an array', verdict: 'reject', mutate: (f) => putFile(f, 'availability.json', bytesOf('[]')) },
  {
    name: 'availability.json with bad items (record level)',
    verdict: 'accept',
    mutate: (f) =>
      putFile(f, 'availability.json', bytesOf('{"generatedAt":"2026-11-27T23:59:00Z","pollSeconds":30,"items":[null,{"serviceId":"x"}]}')),
  },
  {
    name: 'availability.json broken but not listed',
    verdict: 'accept',
    mutate: (f) => {
      const m = manifestOf(f);
      delete m.files['availability.json'];
      setManifest(f, m);
      f.set('availability.json', bytesOf('{"items":'));
    },
  },
  {
    name: 'a chunk that is an array',
    verdict: 'reject',
    mutate: (f) => {
      const path = manifestOf(f).chunks[0].path;
      putFile(f, path, bytesOf('[]'));
    },
  },
];

/** The CLI's verdict: structural problems reject the folder; record-level ones are reported only. */
export async function cliVerdict(
  files: FeedFiles,
  now = FIXTURE_NOW,
  keysText?: string,
): Promise<{ verdict: Verdict; report: FeedReport }> {
  const dir = mkdtempSync(join(tmpdir(), 'dg-feed-'));
  try {
    for (const [path, bytes] of files) {
      // a path that would leave the folder is simply not written (the manifest may still name it)
      if (path.includes('..') || path.startsWith('/')) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const keys = keysText === undefined ? undefined : buildTrustedKeys(keysText);
    const report = await validateFolder(dir, now, keys);
    return { verdict: report.problems.some((p) => p.level === 'feed') ? 'reject' : 'accept', report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fetch that serves `files` under FEED_URL and nothing else (any other URL is a network error). */
export function folderFetch(files: FeedFiles, requests: string[] = []): typeof fetch {
  return async (input) => {
    const url = String(input instanceof Request ? input.url : input);
    requests.push(url);
    if (!url.startsWith(FEED_URL)) throw new TypeError(`request outside the feed: ${url}`);
    const body = files.get(url.slice(FEED_URL.length));
    if (body === undefined) return new Response('not found', { status: 404 });
    return new Response(body.slice(), { status: 200 });
  };
}

/**
 * The app's verdict on a fresh device, with what the store holds afterwards. `keysText`: a build's
 * VITE_FEED_KEYS, with FEED_URL as its official address (signed feeds, issue 23).
 */
export async function appVerdict(
  files: FeedFiles,
  run?: (sync: (f: FeedFiles) => Promise<SyncResult>) => Promise<void>,
  keysText?: string,
) {
  return withFreshDb('one-verdict', async (db) => {
    const requests: string[] = [];
    const sync = async (f: FeedFiles) =>
      runSync({
        feedUrl: FEED_URL,
        db,
        validateRecord: validateServiceRecord,
        fetch: folderFetch(f, requests),
        now: () => FIXTURE_NOW,
        ...(keysText === undefined ? {} : { trust: await loadTrustPolicy(db, FEED_URL, keysText) }),
      });
    if (run) await run(sync);
    const result = await sync(files);
    const rows = await db.serviceChunks.toArray();
    const meta = await db.feedMeta.get(META_ID);
    const ids = (await Promise.all(rows.map(recordsOf))).flat().map((x) => x.id);
    return {
      verdict: (result.status === 'failed' ? 'reject' : 'accept') as Verdict,
      result,
      ids,
      version: meta?.version,
      requests,
      /** The owned files the store holds (issue 22), path and publish day. */
      owned: (await db.ownedFiles.toArray()).map((r) => `${r.path} ${(r.data as { published?: string }).published ?? ''}`.trim()),
      snapshot: JSON.stringify({
        rows: rows.sort((a, b) => a.path.localeCompare(b.path)),
        meta: meta && { ...meta, lastError: undefined, lastSync: undefined },
        towns: await db.towns.toArray(),
        programmes: await db.programmes.toArray(),
      }),
    };
  });
}
