import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { SCREEN_VARIANTS, expect, presetPreferences, test } from './helpers';

/* Expected results computed here, independently of the app, from the built sample feed. */
interface Rec {
  id: string;
  category: string;
  name: { zh: string; en: string };
  lat: number;
  lon: number;
  town: string;
  features?: string[];
}
const FEED = new URL('../../public/feed/services/', import.meta.url);
const records: Rec[] = readdirSync(FEED)
  .filter((f) => f.endsWith('.json')) // not the chunks' .json.gz copies
  .flatMap((f) => (JSON.parse(readFileSync(new URL(f, FEED), 'utf8')) as { services: Rec[] }).services);
const HERE = { latitude: 22.815, longitude: 113.672 }; // 虎门镇
const metres = (r: Rec) => {
  const R = 6371000,
    rad = Math.PI / 180;
  const a =
    Math.sin(((r.lat - HERE.latitude) * rad) / 2) ** 2 +
    Math.cos(HERE.latitude * rad) * Math.cos(r.lat * rad) * Math.sin(((r.lon - HERE.longitude) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
};
const byDistance = (pred: (r: Rec) => boolean = () => true) =>
  records
    .filter(pred)
    .map((r) => ({ r, m: metres(r) }))
    .sort((a, b) => a.m - b.m);
const shown = (m: number) =>
  m < 995 ? `${Math.max(10, Math.round(m / 10) * 10)} m` : m < 9950 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m / 1000)} km`;

test.use({ geolocation: HERE, permissions: ['geolocation'] });

const rows = (page: Page) => page.getByTestId('service-row');
const rowIds = async (page: Page, n: number) =>
  (await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).slice(0, n);

async function useMyLocation(page: Page) {
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(rows(page).first()).toBeVisible({ timeout: 30_000 });
}

/*
 * The test feed: the sample feed plus test-only records (the injection canary), built once with
 * `data:build -- --with-test-records` and served in place of /feed/ for the tests that need it.
 */
const TEST_FEED = path.resolve('test-results/feed-with-test-records');
async function serveTestFeed(context: BrowserContext) {
  if (!existsSync(path.join(TEST_FEED, 'manifest.json'))) {
    execFileSync(process.execPath, [
      'node_modules/tsx/dist/cli.mjs',
      'scripts/data-build.ts',
      '--with-test-records',
      '--quiet',
      '--out',
      TEST_FEED,
    ]);
  }
  await context.route(/\/feed\//, async (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^.*?\/feed\//, ''));
    const file = path.join(TEST_FEED, rel);
    if (!file.startsWith(TEST_FEED) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({
      status: 200,
      contentType: file.endsWith('.geojson') ? 'application/geo+json' : 'application/json',
      body: readFileSync(file),
    });
  });
}

test.describe('finder', () => {
  test.beforeEach(async ({ page }) => {
    page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
  });

  test('lists the nearest services in distance order with correct distances', async ({ page }) => {
    await useMyLocation(page);
    // The list is virtualised: compare the rows a phone-sized viewport actually renders (at least 5).
    const expected = byDistance().slice(0, 5);
    expect(await rowIds(page, 5)).toEqual(expected.map((e) => e.r.id));
    const dists = await rows(page).getByTestId('row-distance').allTextContents();
    expect(dists.slice(0, 5)).toEqual(expected.map((e) => shown(e.m)));
    await expect(page.getByTestId('current-place')).toContainText('Humen');
    await expect(page.getByTestId('ten-minute-circle')).toBeVisible();
    expect(await page.evaluate(() => performance.getEntriesByName('first-results').length)).toBe(1);
  });

  for (const q of ['youeryuan', '幼儿园', 'kindergarten']) {
    test(`search "${q}" returns the nearest kindergartens`, async ({ page }) => {
      await useMyLocation(page);
      await page.getByLabel('Search services').fill(q);
      const expected = byDistance((r) => r.category === 'kindergarten')
        .slice(0, 5)
        .map((e) => e.r.id);
      await expect.poll(() => rowIds(page, 5)).toEqual(expected);
    });
  }

  test('search "hmyey" returns Humen kindergartens (虎门…幼儿园) nearest first', async ({ page }) => {
    await useMyLocation(page);
    await page.getByLabel('Search services').fill('hmyey');
    const expected = byDistance((r) => r.category === 'kindergarten' && r.name.zh.startsWith('虎门'))
      .slice(0, 5)
      .map((e) => e.r.id);
    await expect.poll(() => rowIds(page, 5)).toEqual(expected);
  });

  test.describe('when the search code cannot load (offline, not in the cache)', () => {
    // the service worker would serve the scripts from its cache, past the routes below
    test.use({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
    test('the list says the search failed, and "Search again" finds the results once it can', async ({ page }) => {
      const searchCode = /\/assets\/search(\.worker|-worker-api)-[^/]*\.js$/;
      const refuse = () => page.route(searchCode, (route) => route.abort('internetdisconnected'));
      await refuse();
      await useMyLocation(page);
      // every town read: a grown index would try the search again by itself (and race the button below)
      await expect(page.getByTestId('count-completing')).toHaveCount(0);
      await page.getByLabel('Search services').fill('kindergarten');
      const failed = page.getByTestId('search-failed');
      await expect(failed).toContainText('Search could not run just now.');
      await page.unroute(searchCode);
      await failed.getByRole('button', { name: 'Search again' }).click();
      const expected = byDistance((r) => r.category === 'kindergarten')
        .slice(0, 5)
        .map((e) => e.r.id);
      await expect.poll(() => rowIds(page, 5)).toEqual(expected);
      await expect(failed).toHaveCount(0);

      // the map's search says so too, and offers the same (a new page, the place and the query remembered)
      await refuse();
      await page.goto('/map');
      await expect(page.getByTestId('map-search-failed')).toContainText('Search could not run just now.');
      await expect(page.getByTestId('map-search-failed').getByRole('button', { name: 'Search again' })).toBeVisible();

      // SCREENSHOTS_DIR: the message in the three languages and elder mode
      const shots = process.env.SCREENSHOTS_DIR;
      if (!shots) return;
      for (const [language, elder, suffix] of SCREEN_VARIANTS) {
        await presetPreferences(page, { language, elder });
        await page.goto('/'); // the place and the query are remembered
        await expect(failed).toBeVisible({ timeout: 30_000 });
        await page.screenshot({ path: path.join(shots, `search-failed-${suffix}.png`) });
        await page.goto('/map');
        await page.getByTestId('map-search-failed').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(shots, `map-search-failed-${suffix}.png`) });
      }
    });
  });

  test('filters: car parks with EV charging, then clear filters', async ({ page }) => {
    await useMyLocation(page);
    await page.getByTestId('open-filters').click();
    const sheet = page.getByRole('dialog', { name: 'Filters' });
    await sheet.getByRole('button', { name: 'Car parks' }).click();
    await sheet.getByLabel('EV charging').check();
    await sheet.getByTestId('show-results').click();
    await expect(sheet).toBeHidden();
    await expect(page.getByTestId('open-filters')).toBeFocused(); // focus returns to the button
    await expect(page.getByTestId('filter-summary')).toContainText('Car parks · EV charging');
    const expected = byDistance((r) => r.category === 'parking' && !!r.features?.includes('ev'))
      .slice(0, 5)
      .map((e) => e.r.id);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => rowIds(page, 5)).toEqual(expected);
    await page.getByLabel('Search services').fill('zzzzqqq');
    await expect(page.getByTestId('finder-empty')).toBeVisible();
    await page.getByTestId('finder-empty').getByRole('button', { name: 'Clear filters' }).click();
    await expect
      .poll(() => rowIds(page, 3))
      .toEqual(
        byDistance()
          .slice(0, 3)
          .map((e) => e.r.id),
      );
  });

  test('detail: book, call and AMap links have the right scheme and coordinates', async ({ page }) => {
    await useMyLocation(page);
    const first = byDistance()[0]!.r;
    await rows(page).first().getByRole('link').click();
    await expect(page.getByTestId('detail-name')).toHaveText(first.name.en);
    // Sample record: booking goes to the city hotline, never a made-up site.
    await expect(page.getByTestId('book-link')).toHaveAttribute('href', 'tel:12345');
    const amap = new URL((await page.getByTestId('nav-amap').getAttribute('href'))!);
    expect(amap.protocol).toBe('https:');
    expect(amap.hostname).toBe('uri.amap.com');
    expect(amap.searchParams.get('to')).toBe(`${first.lon},${first.lat},${first.name.zh}`);
    expect(amap.searchParams.get('coordinate')).toBe('wgs84');
    await expect(page.getByTestId('nav-amap')).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(page.getByTestId('nav-baidu')).toHaveAttribute(
      'href',
      new RegExp(`^baidumap://map/direction\\?destination=latlng:${first.lat},${first.lon}\\|`),
    );
    await expect(page.getByTestId('nav-geo')).toHaveAttribute('href', `geo:${first.lat},${first.lon}`);
    for (const href of await page.locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
      expect(href).toMatch(/^tel:\+?[0-9-]+$/);
    await expect(page.getByTestId('detail-source')).toContainText('sample');
  });

  test('the XSS canary (test feed only) shows as text and runs nothing', async ({ page, context }) => {
    await serveTestFeed(context);
    await presetPreferences(page, { language: 'en', elder: false });
    await page.goto('/');
    await page.getByRole('button', { name: 'Use my location' }).click();
    await page.getByLabel('Search services').fill('onerror');
    const row = page.locator('[data-testid="service-row"][data-id="sample-xss-canary"]');
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText('<img src=x onerror=alert(1)>');
    await row.getByRole('link').click();
    await expect(page.getByTestId('detail-name')).toHaveText('Humen Sample Clinic <img src=x onerror=alert(1)>');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  test('the feed that ships holds no test records', async ({ request }) => {
    const manifest = (await (await request.get('/feed/manifest.json')).json()) as { chunks: { path?: string; file?: string }[] };
    expect(manifest.chunks.length).toBeGreaterThan(0);
    for (const chunk of manifest.chunks) {
      const body = await (await request.get(`/feed/${chunk.path ?? chunk.file}`)).text();
      expect(body.length).toBeGreaterThan(100);
      expect(body).not.toContain('sample-xss-canary');
      expect(body).not.toMatch(/<img|onerror|<script/i);
    }
  });

  test('a sports venue detail page fits a phone screen: the 7-day slot table scrolls inside its box', async ({ page }) => {
    const venue = records.find((r) => r.category === 'sports_venue' && r.town === '441900121')!;
    await page.setViewportSize({ width: 390, height: 844 });
    await presetPreferences(page, { language: 'en', elder: true });
    await page.goto(`/service/${venue.id}`);
    await expect(page.getByTestId('slot-grid')).toBeVisible({ timeout: 30_000 });
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });

  test('unknown id: a clear not-found message with a way back', async ({ page }) => {
    await presetPreferences(page, { language: 'en', elder: false });
    await page.goto('/service/no-such-service');
    await expect(page.getByTestId('service-not-found')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('service-not-found').getByRole('link', { name: 'Back to the list' })).toBeVisible();
  });
});

test.describe('finder without location permission', () => {
  test('denied geolocation opens the town picker; picking 虎门 lists Humen services', async ({ page }) => {
    await presetPreferences(page, { language: 'en', elder: false });
    // Simulate the user refusing the browser prompt.
    await page.addInitScript(() => {
      navigator.geolocation.getCurrentPosition = (_ok, fail) =>
        setTimeout(
          () =>
            fail?.({ code: 1, PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3, message: 'denied' } as GeolocationPositionError),
          10,
        );
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect(page.getByTestId('geo-error')).toContainText('refused');
    await expect(page.getByTestId('town-picker')).toBeVisible();
    await page.getByLabel('Search towns').fill('hum');
    await page.locator('[data-town="441900121"]').click();
    await expect(page.getByTestId('current-place')).toContainText('Humen');
    await expect(rows(page).first()).toBeVisible({ timeout: 30_000 });
  });
});
