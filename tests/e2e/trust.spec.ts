/**
 * Signed feeds in Chromium (issue 23), on the production build made with the TEST publishing key trusted
 * (dist-trust/, tests/e2e/trust-build.ts). The app and its official feed (/feed/) are served by a small
 * Node server of this test, so each case can change the feed under the app:
 * (a) a chunk changed and its sha256 updated without re-signing is refused, the old phone number stays;
 * (b) an older signed manifest is refused (rollback);
 * (c) an expired manifest shows the "may be out of date" banner on every page;
 * (d) another address with an unknown key asks first, then shows "unofficial data" on the list, the detail
 *     page and the call button, and one tap restores the official feed;
 * (e) a tampered availability.json does not change a badge;
 * and where the browser has no crypto.subtle (plain http on a name that is not localhost), the pure-JS path gives the same verdicts.
 */
import { setChunkFiles, type ChunkFilesEntry } from './chunk-files';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { test as plainTest } from '@playwright/test';
// @ts-expect-error: plain ESM helper shared with the Node scripts
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/find-chromium.mjs';
import { extname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, presetPreferences, test } from './helpers';
import { TRUST_DIST, buildTrustedApp } from './trust-build';
import { signManifest, type SigningKey } from '../../scripts/lib/feed-signing';
import { testKey } from '../fixtures/signing/test-keys';

type Files = Map<string, Buffer>;
type Manifest = { version: string; chunks: ChunkFilesEntry[]; files?: Record<string, string>; [k: string]: unknown };

const OLD_PHONE = '0769-0000-0001';
const NEW_PHONE = '0769-0000-0666';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.geojson': 'application/json',
};

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function readDir(dir: string, prefix = '', out: Files = new Map()): Files {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) readDir(join(dir, entry.name), `${rel}/`, out);
    else out.set(rel, readFileSync(join(dir, entry.name)));
  }
  return out;
}

interface Site {
  url: string;
  /** The feed the server answers /feed/ with; replace it to publish a new version. */
  feed: Files;
  close(): Promise<void>;
}

/** Serves the built app (SPA fallback to index.html) and, under /feed/, whatever `site.feed` holds now. */
async function serve(app: Files | null, host: string): Promise<Site> {
  const site = { feed: new Map() as Files } as Site;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'ETag');
    if (req.method === 'OPTIONS') return void res.writeHead(204, { 'Access-Control-Allow-Headers': 'If-None-Match, Accept' }).end();
    let body: Buffer | undefined;
    let type = 'application/json';
    if (path.startsWith('/feed/')) body = site.feed.get(path.slice('/feed/'.length));
    else if (app) {
      const rel = path.slice(1);
      body = app.get(rel) ?? (extname(rel) === '' ? app.get('index.html') : undefined);
      type = TYPES[extname(rel)] ?? (extname(rel) === '' ? TYPES['.html']! : 'application/octet-stream');
    }
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      ETag: `"${sha(body).slice(0, 16)}"`,
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  site.url = `http://${host}:${address.port}/`;
  site.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return site;
}

let app: Files;
let base: Files;
let publish: SigningKey;
let live: SigningKey;
let stranger: SigningKey;
let firstId: string;
let parkingId: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  if (!existsSync(join(TRUST_DIST, 'index.html'))) await buildTrustedApp();
  app = readDir(TRUST_DIST);
  base = readDir(join(TRUST_DIST, 'feed'));
  [publish, live, stranger] = await Promise.all([testKey('publish'), testKey('live'), testKey('stranger')]);
  const manifest = JSON.parse(base.get('manifest.json')!.toString('utf8')) as Manifest;
  const chunk = JSON.parse(base.get(manifest.chunks[0]!.path)!.toString('utf8')) as { services: { id: string; category: string }[] };
  firstId = chunk.services[0]!.id;
  parkingId = chunk.services.find((s) => s.category === 'parking')!.id;
});

/**
 * A signed version of the embedded feed: the first record has `phone`; availability.json is live (not in
 * the manifest's files), fixed in time, signed by the live key the manifest lists (unless `liveSigned` is false).
 */
async function signedFeed(opts: {
  version: string;
  key?: SigningKey;
  phone?: string;
  now?: Date;
  expiresDays?: number;
  publisher?: string;
}): Promise<Files> {
  const feed: Files = new Map(base);
  const manifest = JSON.parse(base.get('manifest.json')!.toString('utf8')) as Manifest;
  const entry = manifest.chunks[0]!;
  const chunk = JSON.parse(base.get(entry.path)!.toString('utf8')) as { services: Record<string, unknown>[] };
  chunk.services[0]!.phone = opts.phone ?? OLD_PHONE;
  setChunkFiles(feed, entry, Buffer.from(JSON.stringify(chunk)));
  const { ['availability.json']: _live, ...files } = manifest.files ?? {};
  manifest.files = files;
  manifest.availabilityPollSeconds = 5;
  if (opts.publisher) manifest.publisher = { zh: opts.publisher, en: opts.publisher };
  const signed = await signManifest({ ...manifest, version: opts.version, liveKeys: [live.publicKeyLine] }, opts.key ?? publish, {
    now: opts.now,
    expiresDays: opts.expiresDays,
  });
  feed.set('manifest.json', Buffer.from(signed.manifestBytes));
  feed.set('manifest.sig', Buffer.from(signed.signatureText));
  await setAvailability(feed, 12, new Date(Date.now() - 60_000));
  return feed;
}

/** availability.json with one parking figure, signed by the live key (or, `tamper`, changed after signing). */
async function setAvailability(feed: Files, free: number, observedAt: Date, tamper?: { free: number }) {
  const doc = (n: number, at: Date) => ({
    generatedAt: at.toISOString(),
    pollSeconds: 5,
    items: [{ serviceId: parkingId, observedAt: at.toISOString(), figures: { kind: 'parking', free: n, total: 200 } }],
  });
  const bytes = Buffer.from(JSON.stringify(doc(free, observedAt)));
  feed.set('availability.sig', Buffer.from(await live.sign(bytes)));
  feed.set('availability.json', tamper ? Buffer.from(JSON.stringify(doc(tamper.free, new Date()))) : bytes);
}

/** A chunk edited and its sha256 updated in the manifest, the manifest NOT re-signed. */
function tamperedChunk(feed: Files): Files {
  const out: Files = new Map(feed);
  const manifest = JSON.parse(feed.get('manifest.json')!.toString('utf8')) as Manifest;
  const entry = manifest.chunks[0]!;
  setChunkFiles(out, entry, Buffer.from(feed.get(entry.path)!.toString('utf8').replace(OLD_PHONE, NEW_PHONE)));
  out.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  return out;
}

async function openDataStatus(page: Page, version: string) {
  await page.goto(`${site.url}settings`);
  const panel = page.getByTestId('data-status');
  await expect(panel.getByTestId('feed-version')).toHaveText(version, { timeout: 120_000 });
  return panel;
}

async function syncNow(page: Page) {
  const panel = page.getByTestId('data-status');
  await panel.getByRole('button', { name: 'Sync now' }).click();
  const result = panel.getByTestId('sync-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  return result;
}

let site: Site;
test.beforeEach(async ({ page }) => {
  site = await serve(app, '127.0.0.1');
  await presetPreferences(page, { language: 'en', elder: false });
});
test.afterEach(async () => site.close());

test.describe('signed feeds (production build, TEST key trusted)', () => {
  test.describe.configure({ timeout: 180_000 });

  test('(a) a chunk changed with its sha256 updated but not re-signed is refused; the old phone number stays', async ({ page }) => {
    site.feed = await signedFeed({ version: '1' });
    const panel = await openDataStatus(page, '1');
    await expect(panel.getByTestId('feed-trust')).toHaveAttribute('data-trust', 'signed');
    await page.goto(`${site.url}service/${firstId}`);
    await expect(page.getByTestId('call-action')).toHaveAttribute('href', `tel:${OLD_PHONE.replace(/-/g, '')}`);

    site.feed = tamperedChunk(site.feed);
    await page.goto(`${site.url}settings`);
    const result = await syncNow(page);
    await expect(result).toHaveAttribute('data-code', 'signature');
    await expect(result).toContainText('does not match the bytes of manifest.json');
    await page.goto(`${site.url}service/${firstId}`);
    await expect(page.getByTestId('call-action')).toHaveAttribute('href', `tel:${OLD_PHONE.replace(/-/g, '')}`);
  });

  test('(b) an older signed manifest is refused (rollback)', async ({ page }) => {
    const v1 = await signedFeed({ version: '1' });
    site.feed = await signedFeed({ version: '2', phone: '0769-0000-0002' });
    await openDataStatus(page, '2');
    site.feed = v1;
    const result = await syncNow(page);
    await expect(result).toHaveAttribute('data-code', 'rollback');
    await expect(result).toContainText('version 1 is not newer than 2');
    await expect(page.getByTestId('feed-version')).toHaveText('2');
    await page.goto(`${site.url}service/${firstId}`);
    await expect(page.getByTestId('call-action')).toHaveAttribute('href', 'tel:076900000002');
  });

  test('(c) an expired manifest: the data stays usable and every page says it may be out of date', async ({ page }) => {
    const signedAt = new Date(Date.now() - 30 * 86_400_000);
    site.feed = await signedFeed({ version: '5', now: signedAt, expiresDays: 14 });
    await openDataStatus(page, '5');
    const banner = page.getByTestId('stale-banner');
    await expect(banner).toContainText('Data may be out of date (the publisher has not updated it for over 30 days)');
    await page.goto(`${site.url}`);
    await expect(page.getByTestId('stale-banner')).toBeVisible();
    await page.goto(`${site.url}service/${firstId}`);
    await expect(page.getByTestId('stale-banner')).toBeVisible();
    await expect(page.getByTestId('call-action')).toBeVisible();
  });

  test('(d) another address with an unknown key asks first, then is labelled unofficial everywhere; one tap restores the official feed', async ({
    page,
  }) => {
    site.feed = await signedFeed({ version: '1' });
    const other = await serve(null, 'localhost');
    try {
      other.feed = await signedFeed({ version: '900', key: stranger, phone: NEW_PHONE, publisher: 'Dongguan Services Co.' });
      const panel = await openDataStatus(page, '1');
      await panel.getByLabel('Feed URL').fill(`${other.url}feed/`);
      await panel.getByRole('button', { name: 'Save address' }).click();
      const confirm = panel.getByTestId('unofficial-confirm');
      await expect(confirm).toContainText('This is not an official data source. Its phone numbers and links may not be trustworthy.', {
        timeout: 60_000,
      });
      const host = new URL(other.url).host;
      await expect(confirm.getByTestId('confirm-host')).toHaveText(`Website: ${host}`);
      await expect(confirm.getByTestId('confirm-publisher')).toHaveText('Says it is published by: Dongguan Services Co.');
      await expect(confirm.getByTestId('confirm-key')).toHaveText(`Key fingerprint: ${stranger.keyId}`);
      // nothing from it was stored before the answer
      await expect(panel.getByTestId('feed-version')).toHaveText('1');

      await confirm.getByRole('button', { name: 'I understand, use it anyway' }).click();
      await expect(panel.getByTestId('feed-version')).toHaveText('900', { timeout: 60_000 });
      const banner = page.getByTestId('unofficial-banner');
      await expect(banner).toContainText(`Unofficial data: ${host}`);

      await page.goto(`${site.url}`);
      await expect(page.getByTestId('unofficial-banner')).toContainText(host);
      await page.goto(`${site.url}service/${firstId}`);
      await expect(page.getByTestId('unofficial-banner')).toContainText(host);
      const call = page.getByTestId('call-action');
      await expect(call).toHaveAttribute('href', `tel:${NEW_PHONE.replace(/-/g, '')}`);
      await expect(call).toContainText(`via ${host}`);
      await expect(page.getByTestId('book-link')).toContainText(`via ${host}`);

      await page.getByTestId('unofficial-banner').getByRole('button', { name: 'Back to official data' }).click();
      await expect(page.getByTestId('unofficial-banner')).toHaveCount(0, { timeout: 60_000 });
      await expect(page.getByTestId('call-action')).toHaveAttribute('href', `tel:${OLD_PHONE.replace(/-/g, '')}`);
      await expect(page.getByTestId('call-action')).not.toContainText('via');
    } finally {
      await other.close();
    }
  });

  test('(e) a tampered availability.json does not change a badge; the figures are marked unverified', async ({ page }) => {
    site.feed = await signedFeed({ version: '1' });
    await openDataStatus(page, '1');
    await page.goto(`${site.url}service/${parkingId}`);
    const panel = page.getByTestId('availability-panel');
    await expect(panel.getByTestId('parking-figures')).toContainText('12', { timeout: 60_000 });
    const observed = await panel.getAttribute('data-observed-at');
    expect(observed).toBeTruthy();

    await setAvailability(site.feed, 12, new Date(Date.parse(observed!)), { free: 199 });
    await expect(panel).toHaveAttribute('data-unverified', 'true', { timeout: 30_000 });
    await expect(panel.getByTestId('availability-unverified')).toHaveText('live figures could not be verified');
    await expect(panel).toHaveAttribute('data-observed-at', observed!);
    await expect(panel.getByTestId('parking-figures')).not.toContainText('199');
    await expect(panel.getByTestId('parking-figures')).toContainText('12');
  });
});

/**
 * A name that is not localhost, resolved by the browser to 127.0.0.1: plain http there is not a secure context
 * (no crypto.subtle), yet no request leaves the loopback interface.
 */
const INSECURE_HOST = 'dg-nearby.test';
plainTest.use({
  launchOptions: {
    executablePath: (findChromium() as string | null) ?? undefined,
    args: [...(CHROMIUM_FLAGS as string[]), `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`],
  },
});

plainTest.describe('signed feeds without WebCrypto (insecure context, noble fallback)', () => {
  plainTest.describe.configure({ timeout: 180_000 });

  plainTest(
    'plain http on a non-localhost name: the signed feed is taken and a re-hashed chunk is refused, checked in pure JS',
    async ({ page, context }) => {
      const lan = await serve(app, '127.0.0.1');
      const appUrl = lan.url.replace('127.0.0.1', INSECURE_HOST);
      // the project's guard, for this host: nothing may leave the app's own origin
      const offsite: string[] = [];
      context.on('request', (r) => {
        const url = new URL(r.url());
        if (['http:', 'https:'].includes(url.protocol) && url.hostname !== INSECURE_HOST) offsite.push(r.url());
      });
      try {
        await presetPreferences(page, { language: 'en', elder: false });
        lan.feed = await signedFeed({ version: '1' });
        await page.goto(`${appUrl}settings`);
        expect(await page.evaluate(() => ({ secure: isSecureContext, subtle: typeof crypto.subtle }))).toEqual({
          secure: false,
          subtle: 'undefined',
        });
        const panel = page.getByTestId('data-status');
        await expect(panel.getByTestId('feed-version')).toHaveText('1', { timeout: 120_000 });
        await expect(panel.getByTestId('feed-trust')).toHaveAttribute('data-trust', 'signed');

        lan.feed = tamperedChunk(lan.feed);
        await panel.getByRole('button', { name: 'Sync now' }).click();
        const result = panel.getByTestId('sync-result');
        await expect(result).toHaveAttribute('data-code', 'signature', { timeout: 60_000 });
        await page.goto(`${appUrl}service/${firstId}`);
        await expect(page.getByTestId('call-action')).toHaveAttribute('href', `tel:${OLD_PHONE.replace(/-/g, '')}`);
        expect(offsite).toEqual([]);
      } finally {
        await lan.close();
      }
    },
  );
});
