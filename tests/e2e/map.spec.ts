/**
 * The map in a real browser: offline vector map and clusters, zooming in to named pins (their names read from
 * the records of the drawn pins only, issue 26), the map centre as my place. With SCREENSHOTS_DIR set, the
 * last test saves the 390×844 screenshots of issue 26 (zh-Hans, en, zh-Hant, zh-Hans elder).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { SCREEN_VARIANTS, expect, presetPreferences, test, waitForServiceWorker } from './helpers';

const SHOTS = process.env.SCREENSHOTS_DIR;

// Every online tile host the map knows (mirrors src/features/finder/map/tile-providers.ts).
const TILE_HOSTS = /tile\.openstreetmap\.org|tianditu\.gov\.cn|autonavi\.com|amap\.com/;

const canvas = (page: Page) => page.getByTestId('map-canvas');
const zoomOf = async (page: Page) => Number(await canvas(page).getAttribute('data-zoom'));

/** First visit online: the SW installs and the sample feed lands in IndexedDB; then everything is local. */
async function primeOffline(page: Page) {
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/map');
  await waitForServiceWorker(page);
  await expect(canvas(page).locator('.map-cluster-icon').first()).toBeVisible({ timeout: 30_000 });
  await page.reload(); // the first load fetched the lazy chunks before the worker was in charge
  await page.context().setOffline(true);
  await page.goto('/map');
}

/** The first of `items` wholly inside the map's visible frame (markers just outside it are drawn too, for panning). */
async function firstInView(page: Page, items: Locator): Promise<Locator | null> {
  const frame = (await canvas(page).boundingBox())!;
  for (const item of await items.all()) {
    const b = await item.boundingBox();
    if (b && b.x >= frame.x && b.y >= frame.y && b.x + b.width <= frame.x + frame.width && b.y + b.height <= frame.y + frame.height)
      return item;
  }
  return null;
}

/** Expands clusters in view (by keyboard) until a single pin is in view; returns it. */
async function zoomUntilPin(page: Page): Promise<Locator> {
  const pins = canvas(page).locator('.map-pin-icon');
  const clusters = canvas(page).locator('.map-cluster-icon:not(:has(.is-colocated))');
  for (let i = 0; i < 10; i++) {
    const pin = await firstInView(page, pins);
    if (pin) return pin;
    const z = await zoomOf(page);
    const next = (await firstInView(page, clusters)) ?? clusters.first();
    await next.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => zoomOf(page)).toBeGreaterThan(z);
  }
  throw new Error('no single pin in view after expanding ten clusters');
}

test.describe('map', () => {
  // Each test installs the SW and syncs the sample feed first; on a busy two-core machine that alone can take ~40 s.
  test.describe.configure({ timeout: 120_000 });
  test.afterEach(async ({ context }) => {
    await context.setOffline(false);
  });

  test('renders offline with the vector town map and clusters, and asks no tile server for anything', async ({ page }) => {
    const tileRequests: string[] = [];
    page.context().on('request', (r) => {
      if (TILE_HOSTS.test(r.url())) tileRequests.push(r.url());
    });
    await primeOffline(page);

    await expect(page.getByRole('heading', { level: 1, name: 'Map' })).toBeVisible();
    // 35 town polygons drawn as SVG paths, with their names as labels.
    await expect(canvas(page).locator('.leaflet-overlay-pane path')).toHaveCount(35);
    await expect(canvas(page).locator('.map-town-label-text', { hasText: 'Humen' })).toBeVisible();
    // Clusters with counts, and the boundary source credited.
    const cluster = canvas(page).locator('.map-cluster-icon').first();
    await expect(cluster).toBeVisible();
    expect(Number(await cluster.getAttribute('data-cluster-count'))).toBeGreaterThan(1);
    await expect(page.getByText(/Boundaries: DataV GeoAtlas via thelostword\/GeoAtlas\.DongGuan\.json/)).toBeVisible();
    await expect(page.getByText('Sample data').first()).toBeVisible();
    // The list stays the primary view.
    await expect(page.getByRole('link', { name: 'Go to the list' })).toHaveAttribute('href', '/');

    expect(await page.locator('img.leaflet-tile').count()).toBe(0);
    expect(tileRequests).toEqual([]);
  });

  test('clicking a cluster zooms in until named, keyboard-reachable pins appear', async ({ page }) => {
    await primeOffline(page);
    const before = await zoomOf(page);
    await canvas(page).locator('.map-cluster-icon').first().click();
    await expect.poll(() => zoomOf(page)).toBeGreaterThan(before);
    // Keep expanding (by keyboard) until a single pin is on screen.
    const pin = await zoomUntilPin(page);
    await expect(pin).toBeVisible();
    await expect(pin).toHaveAttribute('role', 'button');
    await expect(pin).toHaveAttribute('tabindex', '0');
    const name = (await pin.getAttribute('title')) ?? '';
    expect(name.trim()).toBeTruthy();
    await expect(pin).toHaveAttribute('aria-label', new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `));

    const id = await pin.getAttribute('data-service-id');
    await pin.focus();
    await expect(pin).toBeFocused();
    await page.keyboard.press('Enter');
    const card = page.locator('.map-selected');
    await expect(card.getByRole('heading', { name })).toBeVisible();
    await expect(card.getByRole('link', { name: 'View details' })).toHaveAttribute('href', `/service/${id}`);
    // The highlighted pin is drawn for the selected service.
    await expect(canvas(page).locator(`.map-pin-icon.is-selected[data-service-id="${id}"]`)).toBeVisible();
  });

  test('the map centre can become my place, with its town found by point-in-polygon', async ({ page }) => {
    await primeOffline(page);
    await page.getByRole('button', { name: 'Use the map centre as my place' }).click();
    const offer = page.getByRole('group', { name: 'Use this place as your location?' });
    await expect(offer).toBeVisible();
    await expect(offer).not.toContainText("Outside Dongguan's towns");
    await offer.getByRole('button', { name: 'Use this place' }).click();
    await expect(page.getByText(/^Your place is now: /)).toBeVisible();
    await expect(page.getByText(/^Your place is now: /)).not.toContainText('Outside');
    await expect(canvas(page).locator('.map-place')).toHaveCount(1);
  });

  test('pins are named from their records in every language, 60 px in elder mode; the tapped pin opens its card', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await presetPreferences(page, { language: 'zh-Hans', elder: false });
    await page.goto('/map');
    await expect(canvas(page).locator('.map-cluster-icon').first()).toBeVisible({ timeout: 30_000 });
    for (const [language, elder, suffix] of SCREEN_VARIANTS) {
      await presetPreferences(page, { language, elder });
      await page.goto('/map');
      await expect(canvas(page).locator('.map-cluster-icon').first()).toBeVisible({ timeout: 30_000 });
      const pin = await zoomUntilPin(page);
      const name = (await pin.getAttribute('title')) ?? '';
      expect(name.trim()).toBeTruthy();
      // "name, category" in the page's language
      await expect(pin).toHaveAttribute(
        'aria-label',
        new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${language === 'en' ? ', ' : '，'}`),
      );
      const box = await pin.boundingBox();
      expect(box!.width).toBe(elder ? 60 : 44);
      await pin.click();
      await expect(page.locator('.map-selected').getByRole('heading', { name })).toBeVisible();
      await expect(canvas(page).locator('.map-pin-icon.is-selected')).toHaveAttribute('title', name);
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(SHOTS, `map-${suffix}.png`) });
        await page.locator('.map-selected').evaluate((card) => card.scrollIntoView({ block: 'end' }));
        await page.screenshot({ path: join(SHOTS, `map-selected-${suffix}.png`) });
      }
    }
  });
});
