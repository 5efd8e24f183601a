/**
 * Chunks' gzip copies (manifest `chunks[].gzipPath`, issue 26) on the Node side: the writer's copies are the chunks'
 * bytes, the same each build; data:validate checks them; the readers of a feed folder (feed-folder, feed:diff, the
 * live relay's service list) read a feed with copies as they read one without.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { FeedManifest } from '../../src/data/feed-schema.ts';
import { TOWN_A, TOWN_B, makeRecord } from '../../tests/unit/sync-feed-fixture.ts';
import { diffManifests } from './feed-diff.ts';
import { readFeed, validateFolder } from './feed-folder.ts';
import { writeFeed, type FeedContent } from './feed-writer.ts';
import { feedServices } from './live-relay/feed-services.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dgn-gzip-copies-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const content = (): FeedContent =>
  ({
    generatedAt: '2026-12-01T00:00:00.000Z',
    sample: true,
    sources: [{ name: { zh: '测试', en: 'Test' }, licence: 'CC0-1.0', attribution: 'unit test' }],
    records: [...Array.from({ length: 7 }, (_, i) => makeRecord(TOWN_A, i)), ...Array.from({ length: 4 }, (_, i) => makeRecord(TOWN_B, i))],
    versionPrefix: 'test',
  }) as FeedContent;

const NOW = new Date('2026-12-02T00:00:00Z');
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as FeedManifest;
const problemLines = async (dir: string) =>
  (await validateFolder(dir, NOW)).problems.map((p) => `${p.file}: ${p.id}: ${p.path}: ${p.reason}`);

describe('writeFeed (data:build, data:import): a gzip copy beside every chunk', () => {
  it('names each copy in the manifest; each inflates to its chunk byte for byte and is the same bytes on every build', async () => {
    const a = tmp();
    const b = tmp();
    writeFeed(a, content());
    writeFeed(b, content());
    const manifest = manifestOf(a);
    expect(manifest.chunks.map((c) => c.gzipPath)).toEqual([`services/${TOWN_A.code}.json.gz`, `services/${TOWN_B.code}.json.gz`]);
    for (const chunk of manifest.chunks) {
      const gz = readFileSync(join(a, chunk.gzipPath!));
      expect(gunzipSync(gz).equals(readFileSync(join(a, chunk.path)))).toBe(true);
      expect(gz.equals(readFileSync(join(b, chunk.gzipPath!)))).toBe(true);
    }
    expect(readFileSync(join(b, 'manifest.json'), 'utf8')).toBe(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(await problemLines(a)).toEqual([]);
  });
});

describe('data:validate checks the gzip copies', () => {
  const broken = async (spoil: (dir: string, gzipPath: string, path: string) => void) => {
    const dir = tmp();
    writeFeed(dir, content());
    const chunk = manifestOf(dir).chunks[1]!;
    spoil(dir, chunk.gzipPath!, chunk.path);
    return problemLines(dir);
  };
  const gzFile = `services/${TOWN_B.code}.json.gz`;

  it('a missing copy', async () => {
    expect(await broken((dir, gz) => rmSync(join(dir, gz)))).toEqual([
      `manifest.json: -: $.chunks[1].gzipPath: gzip copy ${gzFile} is missing`,
    ]);
  });

  it('a copy that is not valid gzip', async () => {
    const lines = await broken((dir, gz) => {
      const bytes = readFileSync(join(dir, gz));
      for (let i = 20; i < 40; i++) bytes[i] = bytes[i]! ^ 0xff;
      writeFileSync(join(dir, gz), bytes);
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${gzFile.replaceAll('.', '\\.')}: -: \\$: not valid gzip \\(`));
  });

  it('a copy of other JSON', async () => {
    const lines = await broken((dir, gz, path) =>
      writeFileSync(join(dir, gz), gzipSync(readFileSync(join(dir, path), 'utf8').replace('测试服务 0', '测试服务 X'))),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^${gzFile.replaceAll('.', '\\.')}: -: \\$: sha256 of the inflated bytes [0-9a-f]{64} does not match manifest \\$\\.chunks\\[1\\]\\.sha256 [0-9a-f]{64}$`,
      ),
    );
  });

  it('a copy listed twice', async () => {
    const dir = tmp();
    writeFeed(dir, content());
    const manifest = manifestOf(dir);
    manifest.chunks[1]!.gzipPath = manifest.chunks[0]!.gzipPath;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(await problemLines(dir)).toContain(
      `manifest.json: -: $.chunks[1].gzipPath: chunk file services/${TOWN_A.code}.json.gz listed twice`,
    );
  });
});

describe('readers of a feed folder read a feed with gzip copies as one without', () => {
  it('feed-folder readFeed and the live relay’s service list', () => {
    const dir = tmp();
    writeFeed(dir, content());
    const { records, manifest } = readFeed(dir);
    expect(records.map((r) => r.id)).toEqual(content().records.map((r) => r.id));
    expect(manifest.chunks.every((c) => c.gzipPath?.endsWith('.json.gz'))).toBe(true);
    expect(feedServices(dir)).toEqual(new Map(records.map((r) => [r.id, r.category])));
  });

  it('feed:diff: adding the copies to a feed changes no chunk', () => {
    const dir = tmp();
    writeFeed(dir, content());
    const after = manifestOf(dir);
    const before = { ...after, chunks: after.chunks.map(({ gzipPath: _, ...c }) => c) };
    expect(diffManifests(before, after).chunks).toEqual({ added: [], removed: [], changed: [], unchanged: 2 });
  });
});
