/**
 * Feed sync in Chromium, through the app's real path (module worker → IndexedDB → Me → Data status):
 * (a) first run imports the embedded sample feed; (b) a broken update (bad second chunk, or a server
 * that drops the connection mid-body) leaves the old data intact and shows the error; (c) favourites
 * survive a feed update; (d) a generated 20,000-service feed imports with the right counts; (e) the sync
 * works when its second (chunk-check) worker cannot start; and a hostile
 * manifest (a chunk on another host, two chunks for one town) is refused before anything is fetched.
 * The embedded feed names a gzip copy of each chunk (issue 26): the app downloads those, so the broken
 * update breaks the copy it downloads.
 * Alternate feeds come from a small Node http server on 127.0.0.1 (port 0) started by the test.
 */
import { downloadedFile, setChunkFiles, type ChunkFilesEntry } from './chunk-files';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, presetPreferences, test } from './helpers';

const CATEGORIES = ['kindergarten', 'clinic', 'nursery', 'elderly_daycare', 'sports_venue', 'parking'] as const;
const EMBEDDED = join(process.cwd(), process.env.DIST_DIR ?? 'dist', 'feed');

type FeedFiles = Map<string, Buffer>;

function readFeed(dir: string): FeedFiles {
  const files: FeedFiles = new Map();
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else files.set(rel, readFileSync(join(dir, rel)));
    }
  };
  walk('');
  return files;
}

interface Manifest {
  version: string;
  chunks: (ChunkFilesEntry & { town: string; count: number })[];
  files?: Record<string, string>;
}
const manifestOf = (feed: FeedFiles): Manifest => JSON.parse(feed.get('manifest.json')!.toString('utf8')) as Manifest;

function countsOf(feed: FeedFiles): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  for (const chunk of manifestOf(feed).chunks) {
    const { services } = JSON.parse(feed.get(chunk.path)!.toString('utf8')) as { services: { category: string }[] };
    for (const s of services) counts[s.category] = (counts[s.category] ?? 0) + 1;
  }
  return counts;
}

/** A new version of `feed`: the first `changed` chunks get an edited record name; checksums recomputed. */
function nextVersion(feed: FeedFiles, version: string, changed = 2): FeedFiles {
  const out: FeedFiles = new Map(feed);
  const manifest = manifestOf(feed);
  manifest.version = version;
  for (const chunk of manifest.chunks.slice(0, changed)) {
    const data = JSON.parse(feed.get(chunk.path)!.toString('utf8')) as { services: { name: { en: string } }[] };
    data.services[0]!.name.en += ` (${version})`;
    const bytes = Buffer.from(JSON.stringify(data));
    setChunkFiles(out, chunk, bytes);
  }
  out.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  return out;
}

interface FeedServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves a feed folder with CORS; `dropMidBody` paths send half their bytes, then the socket is destroyed. */
async function serveFeed(feed: FeedFiles, opts: { dropMidBody?: string[] } = {}): Promise<FeedServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/feed\//, '');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'ETag');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Headers': 'If-None-Match', 'Access-Control-Allow-Methods': 'GET' });
      res.end();
      return;
    }
    requests.push(path);
    const body = feed.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
    if (opts.dropMidBody?.includes(path)) {
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/feed/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function openDataStatus(page: Page, expectedVersion: string) {
  await page.goto('/settings');
  const panel = page.getByTestId('data-status');
  await expect(panel.getByTestId('feed-version')).toHaveText(expectedVersion, { timeout: 120_000 });
  return panel;
}

/** Records stored in IndexedDB, read straight from the database (not through the app). */
function storedRecordCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('dg-nearby');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('serviceChunks').objectStore('serviceChunks').getAll();
          all.onsuccess = async () => {
            // a chunk is stored as its records or, when every record was kept as the file holds it, as the file:
            // the gzip copy it downloaded, or the JSON bytes
            const rows = all.result as { records?: unknown[]; fileBytes?: Uint8Array<ArrayBuffer>; gzipBytes?: Uint8Array<ArrayBuffer> }[];
            open.result.close();
            const count = async (row: (typeof rows)[number]) => {
              if (row.records) return row.records.length;
              const body = row.gzipBytes
                ? new Blob([row.gzipBytes]).stream().pipeThrough(new DecompressionStream('gzip'))
                : new Blob([row.fileBytes!]);
              return ((await new Response(body).json()) as { services: unknown[] }).services.length;
            };
            const counts = await Promise.all(rows.map(count));
            resolve(counts.reduce((n, c) => n + c, 0));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

async function syncFrom(page: Page, url: string, timeout = 60_000) {
  const panel = page.getByTestId('data-status');
  await panel.getByLabel('Feed URL').fill(url);
  await panel.getByRole('button', { name: 'Save address' }).click();
  await expect(panel.getByText('Address saved.')).toBeVisible();
  await panel.getByRole('button', { name: 'Sync now' }).click();
  const result = panel.getByTestId('sync-result');
  await expect(result).toBeVisible({ timeout });
  return result;
}

/** A generated 20,000-service feed (scripts/data-build.ts), built once per test run on first use. */
let generated: FeedFiles | undefined;
function generatedFeed(): FeedFiles {
  if (!generated) {
    const dir = mkdtempSync(join(tmpdir(), 'dg-big-feed-'));
    try {
      execFileSync(
        process.execPath,
        ['node_modules/tsx/dist/cli.mjs', 'scripts/data-build.ts', '--services', '20000', '--out', dir, '--quiet'],
        {
          stdio: 'inherit',
        },
      );
      generated = readFeed(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return generated;
}

const embedded = readFeed(EMBEDDED);
const embeddedManifest = manifestOf(embedded);
const embeddedTotal = embeddedManifest.chunks.reduce((n, c) => n + c.count, 0);

test.describe('feed sync', () => {
  // every test starts with a first-run import; on a loaded 2-core machine that alone can take tens of seconds
  test.describe.configure({ timeout: 180_000 });
  // labels below are the English ones
  test.beforeEach(async ({ page }) => presetPreferences(page, { language: 'en' }));

  test('(a) first load imports the embedded sample feed: counts per category in Data status', async ({ page }) => {
    const panel = await openDataStatus(page, embeddedManifest.version);
    const expected = countsOf(embedded);
    for (const c of CATEGORIES) {
      await expect(panel.locator(`tr[data-category="${c}"] td`), c).toHaveAttribute('data-count', String(expected[c]));
    }
    await expect(panel.getByTestId('total-records')).toHaveAttribute('data-count', String(embeddedTotal));
    await expect(panel.getByText('Sample data', { exact: true })).toBeVisible();
    expect(await storedRecordCount(page)).toBe(embeddedTotal);
    const ms = await panel.getByTestId('sync-result').getAttribute('data-duration-ms');
    console.log(
      `[sync] embedded sample feed: ${embeddedTotal} services, ${embeddedManifest.chunks.length} chunks, import ${ms} ms (worker, Chromium)`,
    );
  });

  for (const fault of ['bad checksum in the second chunk', 'connection dropped mid-body of the second chunk'] as const) {
    test(`(b) ${fault}: the old data stays intact and the error is shown`, async ({ page }) => {
      await openDataStatus(page, embeddedManifest.version);
      const v2 = nextVersion(embedded, 'e2e-broken');
      const chunk = manifestOf(v2).chunks[1]!;
      const second = downloadedFile(chunk);
      // the manifest keeps the hashes of v2: the served file no longer matches them
      if (fault === 'bad checksum in the second chunk')
        setChunkFiles(v2, { ...chunk }, Buffer.from(v2.get(chunk.path)!.toString('utf8').replace('(e2e-broken)', '(tampered)')));
      const server = await serveFeed(v2, { dropMidBody: fault.startsWith('connection') ? [second] : [] });
      try {
        const result = await syncFrom(page, server.url);
        await expect(result).toHaveAttribute('data-status', 'failed');
        await expect(result).toHaveAttribute('data-code', fault.startsWith('connection') ? 'network' : 'checksum');
        await expect(result).toContainText(second);
        expect(server.requests).toContain(second);
        // old version, old counts, nothing half-written
        const panel = page.getByTestId('data-status');
        await expect(panel.getByTestId('feed-version')).toHaveText(embeddedManifest.version);
        await expect(panel.getByTestId('total-records')).toHaveAttribute('data-count', String(embeddedTotal));
        expect(await storedRecordCount(page)).toBe(embeddedTotal);
        // and after a reload the app still runs on it
        await page.reload();
        await expect(panel.getByTestId('feed-version')).toHaveText(embeddedManifest.version);
        await expect(panel.getByTestId('last-error')).toBeVisible();
      } finally {
        await server.close();
      }
    });
  }

  // Issue 14, class 4: the app's worker runs the validator's structural checks before it writes anything.
  for (const fault of ['a chunk path pointing at another host', 'two chunks for one town'] as const) {
    test(`(b) ${fault}: refused before any chunk is fetched, the old data stays intact`, async ({ page }) => {
      await openDataStatus(page, embeddedManifest.version);
      const v2 = nextVersion(embedded, 'e2e-hostile');
      const manifest = manifestOf(v2);
      if (fault === 'two chunks for one town') manifest.chunks[1]!.town = manifest.chunks[0]!.town;
      else manifest.chunks[0]!.path = `//evil.example.test/feed/${manifest.chunks[0]!.path}`;
      v2.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
      const server = await serveFeed(v2, { dropMidBody: [] });
      try {
        const result = await syncFrom(page, server.url);
        await expect(result).toHaveAttribute('data-status', 'failed');
        await expect(result).toHaveAttribute('data-code', 'manifest');
        // Only chunks matter here: the availability poller may ask the configured feed for its live figures.
        expect(server.requests.filter((r) => r !== 'manifest.json' && r !== 'availability.json')).toEqual([]);
        const panel = page.getByTestId('data-status');
        await expect(panel.getByTestId('feed-version')).toHaveText(embeddedManifest.version);
        expect(await storedRecordCount(page)).toBe(embeddedTotal);
      } finally {
        await server.close();
      }
    });
  }

  test('(c) favourites survive a feed update', async ({ page }) => {
    await openDataStatus(page, embeddedManifest.version);
    const firstChunk = JSON.parse(embedded.get(embeddedManifest.chunks[0]!.path)!.toString('utf8')) as { services: { id: string }[] };
    const favId = firstChunk.services[0]!.id;
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('dg-nearby');
          open.onsuccess = () => {
            const tx = open.result.transaction('favourites', 'readwrite');
            tx.objectStore('favourites').put({ serviceId: id, addedAt: new Date().toISOString() });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      favId,
    );
    const v2 = nextVersion(embedded, 'e2e-v2', 3);
    const server = await serveFeed(v2);
    try {
      const result = await syncFrom(page, server.url);
      await expect(result).toHaveAttribute('data-status', 'updated');
      await expect(page.getByTestId('feed-version')).toHaveText('e2e-v2');
      // only the three changed chunks (plus the manifest) were downloaded, as their packed copies
      expect(server.requests.filter((p) => p.startsWith('services/')).sort()).toEqual(
        manifestOf(v2).chunks.slice(0, 3).map(downloadedFile).sort(),
      );
      expect(manifestOf(v2).chunks.every((c) => c.packedPath?.endsWith('-packed.json.gz'))).toBe(true);
      const favourites = await page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            const open = indexedDB.open('dg-nearby');
            open.onsuccess = () => {
              const all = open.result.transaction('favourites').objectStore('favourites').getAllKeys();
              all.onsuccess = () => resolve(all.result as string[]);
            };
          }),
      );
      expect(favourites).toEqual([favId]);
    } finally {
      await server.close();
    }
  });

  // Without the service worker, so worker scripts are requested from the network, where the test refuses them.
  // (Playwright does not see the requests of a worker started inside a worker, so the sync worker is refused too:
  // the sync then runs on the page, which starts the chunk-check worker itself — only for a download of 20,000
  // records or more, so that variant syncs the generated feed of (d).)
  for (const refused of [['sync.worker'], ['sync.worker', 'chunk-check.worker']]) {
    test(`(e) ${refused.join(' and ')} cannot start: the sync still imports every record`, async ({ browser }) => {
      test.setTimeout(300_000);
      const context = await browser.newContext({ serviceWorkers: 'block', baseURL: test.info().project.use.baseURL });
      try {
        const page = await context.newPage();
        await presetPreferences(page, { language: 'en' });
        const asked = new Set<string>();
        await context.route('**/assets/*.worker-*.js', (route) => {
          const name = refused.find((n) => route.request().url().includes(`/${n}-`));
          if (!name) return route.continue();
          asked.add(name);
          return route.fulfill({ status: 404, body: 'refused by the test' });
        });
        const panel = await openDataStatus(page, embeddedManifest.version);
        await expect(panel.getByTestId('total-records')).toHaveAttribute('data-count', String(embeddedTotal));
        expect(await storedRecordCount(page)).toBe(embeddedTotal);
        if (refused.includes('chunk-check.worker')) {
          const big = generatedFeed();
          const total = manifestOf(big).chunks.reduce((n, c) => n + c.count, 0);
          const server = await serveFeed(big);
          try {
            await expect(await syncFrom(page, server.url, 180_000)).toHaveAttribute('data-status', 'updated');
            await expect(panel.getByTestId('total-records')).toHaveAttribute('data-count', String(total));
            expect(await storedRecordCount(page)).toBe(total);
          } finally {
            await server.close();
          }
        }
        expect([...asked].sort(), 'each refused worker was asked for').toEqual([...refused].sort());
      } finally {
        await context.close();
      }
    });
  }

  test('(d) scale: a generated 20,000-service feed imports through the worker with the right counts', async ({ page }) => {
    test.setTimeout(300_000);
    const big = generatedFeed();
    const manifest = manifestOf(big);
    const total = manifest.chunks.reduce((n, c) => n + c.count, 0);
    expect(total).toBeGreaterThanOrEqual(20_000);
    await openDataStatus(page, embeddedManifest.version);
    const server = await serveFeed(big);
    try {
      // watch the main thread while the worker imports: the longest gap between animation frames
      await page.evaluate(() => {
        const w = window as unknown as { __maxFrameGap: number; __watch: boolean };
        w.__maxFrameGap = 0;
        w.__watch = true;
        let last = performance.now();
        const tick = (t: number) => {
          w.__maxFrameGap = Math.max(w.__maxFrameGap, t - last);
          last = t;
          if (w.__watch) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const result = await syncFrom(page, server.url, 180_000);
      await expect(result).toHaveAttribute('data-status', 'updated');
      const maxGap = await page.evaluate(() => {
        const w = window as unknown as { __maxFrameGap: number; __watch: boolean };
        w.__watch = false;
        return w.__maxFrameGap;
      });
      const panel = page.getByTestId('data-status');
      await expect(panel.getByTestId('feed-version')).toHaveText(manifest.version);
      await expect(panel.getByTestId('total-records')).toHaveAttribute('data-count', String(total));
      const expected = countsOf(big);
      for (const c of CATEGORIES) {
        await expect(panel.locator(`tr[data-category="${c}"] td`), c).toHaveAttribute('data-count', String(expected[c]));
      }
      expect(await storedRecordCount(page)).toBe(total);
      const ms = await result.getAttribute('data-duration-ms');
      console.log(
        `[sync] generated feed: ${total} services, ${manifest.chunks.length} chunks, import ${ms} ms (worker, Chromium); longest main-thread frame gap ${Math.round(maxGap)} ms`,
      );
    } finally {
      await server.close();
    }
  });
});
