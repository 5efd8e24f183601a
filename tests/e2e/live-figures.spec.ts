import type { Page } from '@playwright/test';
import { expect, presetPreferences, test } from './helpers';

/* Issue 11, point 2: honest live figures. */
const HERE = { latitude: 22.815, longitude: 113.672 }; // 虎门镇
test.use({ geolocation: HERE, permissions: ['geolocation'], viewport: { width: 390, height: 844 } });

async function locate(page: Page) {
  await page.getByTestId('use-location').click();
  await expect(page.getByTestId('service-row').first()).toBeVisible({ timeout: 30_000 });
}

async function filter(page: Page, apply: (sheet: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByTestId('open-filters').click();
  const sheet = page.getByRole('dialog', { name: 'Filters' });
  await apply(sheet);
  await sheet.getByTestId('show-results').click();
}

test('a fresh install shows the sample figures as fresh, dated when fetched, and says they are sample data', async ({ page }) => {
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/');
  await locate(page);
  await expect(page.locator('[data-testid="availability-badge"][data-freshness="fresh"]').first()).toBeVisible({ timeout: 45_000 });
  const observed = await page
    .locator('[data-testid="availability-badge"][data-freshness="fresh"]')
    .first()
    .getAttribute('data-observed-at');
  expect(Date.now() - Date.parse(observed!)).toBeLessThan(30 * 60_000);
  await filter(page, async (sheet) => {
    await sheet.getByRole('button', { name: 'Car parks' }).click();
    await sheet.getByLabel('Has places / spaces now').check();
  });
  await expect(page.getByTestId('service-row').first()).toBeVisible();
  await page.getByTestId('service-row').first().getByRole('link').click();
  await expect(page.getByTestId('availability-panel')).toHaveAttribute('data-freshness', 'fresh');
  await expect(page.getByTestId('availability-panel').getByRole('heading', { level: 2 })).toHaveText('Live availability');
  await expect(page.getByTestId('availability-sample-note')).toContainText('Sample data');
});

test('when every figure is old: the empty list says so and offers "show with older figures"', async ({ page }) => {
  // The page's clock runs normally until the figures have arrived, then jumps three days: every figure is
  // now older than its category's threshold (the poller runs in a worker, on the real clock).
  await page.clock.install();
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/');
  await locate(page);
  await expect(page.locator('[data-testid="availability-badge"][data-freshness="fresh"]').first()).toBeVisible({ timeout: 45_000 });
  await page.clock.fastForward(72 * 3_600_000);
  await expect(page.locator('[data-testid="availability-badge"][data-freshness="stale"]').first()).toBeVisible({ timeout: 15_000 });
  await filter(page, async (sheet) => {
    await sheet.getByRole('button', { name: 'Kindergartens' }).click();
    await sheet.getByLabel('Has places / spaces now').check();
  });
  const empty = page.getByTestId('finder-empty-stale');
  await expect(empty).toContainText('out of date');
  await empty.getByTestId('show-older').click();
  await expect(page.getByTestId('older-figures-note')).toBeVisible();
  await expect(page.getByTestId('service-row').first()).toBeVisible();
  // The badges still say the figures are old.
  await expect(page.getByTestId('service-row').first().getByTestId('availability-badge')).toHaveAttribute('data-freshness', 'stale');
  await page.getByTestId('service-row').first().getByRole('link').first().click();
  await expect(page.getByTestId('availability-panel').getByRole('heading', { level: 2 })).toHaveText('Last reported availability');
});

test('"open now" at night lists kindergartens by when they open instead of an empty list', async ({ page }) => {
  // 02:30 on a Tuesday in Dongguan: every kindergarten is closed.
  await page.clock.install({ time: new Date('2026-12-01T02:30:00+08:00') });
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/');
  await locate(page);
  await filter(page, async (sheet) => {
    await sheet.getByRole('button', { name: 'Kindergartens' }).click();
    await sheet.getByLabel('Open now').check();
  });
  const later = page.getByTestId('finder-opening-later');
  await expect(later).toContainText('ordered by when they open');
  const statuses = await later.locator('.finder-row-status').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  const times = statuses.map((s) => s.match(/opens (\d\d:\d\d)/)![1]!);
  expect([...times].sort()).toEqual(times); // soonest first
});
