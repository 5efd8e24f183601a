/**
 * Chunks' packed copies (manifest `packedPath` + `packedSha256`, src/data/packed-chunk.ts) on the Node side: the
 * writer's copies unpack to the chunks' records — for the sample feed and for a real third-party list — and are the
 * same bytes on every build; data:validate checks every copy a manifest names.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/data/canonical-json.ts';
import type { FeedManifest, ServiceRecord } from '../../src/data/feed-schema.ts';
import { unpackChunk } from '../../src/data/packed-chunk.ts';
import type { TownBoundaries } from '../../src/geo/town-of-point.ts';
import { importDocuments } from '../../src/import/import-items.ts';
import { townAtOf } from '../../src/import/town-lookup.ts';
import { validateFolder } from './feed-folder.ts';
import { writeFeed, type FeedContent } from './feed-writer.ts';
import { generateSampleFeed, type SampleRecipe } from './sample-feed.ts';
import { townsFeatureCollection } from './town-polygons.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dgn-packed-copies-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const NOW = new Date('2026-12-02T00:00:00Z');
const UPDATED = '2026-12-01T00:00:00.000Z';
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as FeedManifest;
const problemLines = async (dir: string, now = NOW) =>
  (await validateFolder(dir, now)).problems.map((p) => `${p.file}: ${p.id}: ${p.path}: ${p.reason}`);
const packedJson = (dir: string, entry: FeedManifest['chunks'][number]) =>
  gunzipSync(readFileSync(join(dir, entry.packedPath!))).toString('utf8');

/** Every chunk's packed copy against the chunk: the records it unpacks to, and how many bytes each holds. */
function compareCopies(dir: string) {
  let chunkBytes = 0;
  let packedBytes = 0;
  for (const entry of manifestOf(dir).chunks) {
    const chunkText = readFileSync(join(dir, entry.path), 'utf8');
    const packed = packedJson(dir, entry);
    chunkBytes += chunkText.length;
    packedBytes += packed.length;
    const { services } = JSON.parse(chunkText) as { services: ServiceRecord[] };
    expect(canonicalJson(unpackChunk(JSON.parse(packed) as { services: unknown[] }).services), entry.path).toBe(canonicalJson(services));
  }
  return { chunkBytes, packedBytes };
}

describe('writeFeed (data:build, data:import): a packed copy beside every chunk', () => {
  const recipe = JSON.parse(readFileSync(new URL('../../data/sample-recipe.json', import.meta.url), 'utf8')) as SampleRecipe;

  it('the sample feed: every copy unpacks to its chunk’s records, in a third fewer bytes, the same bytes each build', async () => {
    const a = tmp();
    const b = tmp();
    writeFeed(a, generateSampleFeed(recipe));
    writeFeed(b, generateSampleFeed(recipe));
    const manifest = manifestOf(a);
    expect(
      manifest.chunks.every((c) => c.packedPath === c.path.replace(/\.json$/, '-packed.json.gz') && /^[0-9a-f]{64}$/.test(c.packedSha256!)),
    ).toBe(true);
    const { chunkBytes, packedBytes } = compareCopies(a);
    expect(packedBytes).toBeLessThan(chunkBytes * 0.7);
    for (const c of manifest.chunks)
      expect(readFileSync(join(a, c.packedPath!)).equals(readFileSync(join(b, c.packedPath!))), c.packedPath).toBe(true);
    expect(await problemLines(a, new Date(manifest.generatedAt))).toEqual([]);
  });

  it('a real third-party list (252 Hanoi health stations from OpenStreetMap, relocated): copies unpack to the records, and validate', async () => {
    const path = new URL('../../tests/fixtures/real/osm-hanoi-health-relocated.json', import.meta.url).pathname;
    const { records } = importDocuments('osm', [JSON.parse(readFileSync(path, 'utf8'))], {
      towns: townAtOf(townsFeatureCollection() as TownBoundaries),
      crs: 'wgs84',
      updated: UPDATED,
      category: 'clinic',
    });
    expect(records.length).toBeGreaterThan(100);
    const dir = tmp();
    const content: FeedContent = {
      generatedAt: UPDATED,
      sample: false,
      sources: [{ name: { zh: 'OpenStreetMap', en: 'OpenStreetMap' }, licence: 'ODbL-1.0', attribution: '© OpenStreetMap contributors' }],
      records,
      versionPrefix: 'osm',
    };
    writeFeed(dir, content);
    compareCopies(dir);
    expect(await problemLines(dir)).toEqual([]);
  });
});

describe('data:validate checks the packed copies', () => {
  const recipe = { ...(JSON.parse(readFileSync(new URL('../../data/sample-recipe.json', import.meta.url), 'utf8')) as SampleRecipe) };
  /** A small real-shaped feed (the sample generator, first two towns' chunks kept), then `spoil` on chunk 1's copy. */
  const broken = async (spoil: (dir: string, entry: FeedManifest['chunks'][number], manifest: FeedManifest) => void) => {
    const dir = tmp();
    const content = generateSampleFeed(recipe);
    const towns = [...new Set(content.records.map((r) => r.town))].slice(0, 2);
    writeFeed(dir, { ...content, records: content.records.filter((r) => towns.includes(r.town)), availability: undefined });
    const manifest = manifestOf(dir);
    spoil(dir, manifest.chunks[1]!, manifest);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    return problemLines(dir, new Date(manifest.generatedAt));
  };
  const repack = (dir: string, entry: FeedManifest['chunks'][number], edit: (packed: { services: Record<string, unknown>[] }) => void) => {
    const packed = JSON.parse(packedJson(dir, entry)) as { services: Record<string, unknown>[] };
    edit(packed);
    const text = JSON.stringify(packed);
    writeFileSync(join(dir, entry.packedPath!), gzipSync(text));
    entry.packedSha256 = sha256Hex(text);
  };

  it('a missing copy', async () => {
    const lines = await broken((dir, entry) => rmSync(join(dir, entry.packedPath!)));
    expect(lines).toEqual([
      expect.stringMatching(/^manifest\.json: -: \$\.chunks\[1\]\.packedPath: gzip copy services\/\d+-packed\.json\.gz is missing$/),
    ]);
  });

  it('a copy of other JSON than packedSha256 names', async () => {
    const lines = await broken((dir, entry, manifest) =>
      writeFileSync(join(dir, entry.packedPath!), readFileSync(join(dir, manifest.chunks[0]!.packedPath!))),
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /: -: \$: sha256 of the inflated bytes [0-9a-f]{64} does not match manifest \$\.chunks\[1\]\.packedSha256 [0-9a-f]{64}$/,
      ),
    ]);
  });

  it('a copy whose record unpacks to another one than the chunk holds (its name, hours, source or town)', async () => {
    for (const edit of [
      (r: Record<string, unknown>) => (r.name = { zh: '别的', en: 'Other' }),
      (r: Record<string, unknown>) => (r.hours = r.hours === undefined ? 0 : undefined),
      (r: Record<string, unknown>) => (r.source = (r.source as number) + 1),
      (r: Record<string, unknown>) => (r.town = r.town === undefined ? '441900999' : undefined),
    ]) {
      const lines = await broken((dir, entry) => repack(dir, entry, (p) => edit(p.services[3]!)));
      expect(lines).toEqual([
        expect.stringMatching(
          /^services\/\d+-packed\.json\.gz: [\w.:-]+: \$\.services\[3\]: unpacks to another record than services\/\d+\.json holds at this place$/,
        ),
      ]);
    }
  });

  it('a copy with a record fewer, without its tables, and packedPath without packedSha256', async () => {
    expect(await broken((dir, entry) => repack(dir, entry, (p) => p.services.pop()))).toEqual([
      expect.stringMatching(/: -: \$\.services: has \d+ records, the chunk \d+$/),
    ]);
    expect(await broken((dir, entry) => repack(dir, entry, (p) => delete (p as { sources?: unknown }).sources))).toEqual([
      expect.stringMatching(/: -: \$: not a packed chunk: expected sources, hours and services lists$/),
    ]);
    expect(await broken((_dir, entry) => delete entry.packedSha256)).toEqual([
      'manifest.json: -: $.chunks[1].packedPath: packedPath and packedSha256 come together',
    ]);
  });
});

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
