import type { Page } from '@playwright/test';
import { expect, presetPreferences, test } from './helpers';

/* Issue 11, point 1 and 5: results on the first screen of a 390×844 phone, focus, and filters that stay. */
const HERE = { latitude: 22.815, longitude: 113.672 }; // 虎门镇
test.use({ geolocation: HERE, permissions: ['geolocation'], viewport: { width: 390, height: 844 } });

const MODES = [
  { language: 'zh-Hans', elder: false },
  { language: 'en', elder: false },
  { language: 'zh-Hant', elder: false },
  { language: 'zh-Hans', elder: true },
  { language: 'en', elder: true },
] as const;

async function locate(page: Page) {
  await page.getByTestId('use-location').click();
  await expect(page.getByTestId('service-row').first()).toBeVisible({ timeout: 30_000 });
}

/**
 * The first row lies wholly inside the viewport and above the fixed tab bar, without scrolling. Measured until it
 * holds or times out: the list may render its rows again between two reads (the first visit's download ending, the
 * search index arriving), and a row replaced under the measurement has no box.
 */
async function expectFirstRowOnFirstScreen(page: Page) {
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(async () => {
    const row = await page.getByTestId('service-row').first().boundingBox();
    const tabBar = await page.locator('.tab-bar').boundingBox();
    expect(row, 'the first row is on the page').not.toBeNull();
    expect(tabBar, 'the tab bar is on the page').not.toBeNull();
    expect(row!.y).toBeGreaterThanOrEqual(0);
    expect(row!.y + row!.height, `first row ends at ${row!.y + row!.height}px, the tab bar starts at ${tabBar!.y}px`).toBeLessThanOrEqual(
      tabBar!.y,
    );
  }).toPass({ timeout: 10_000 });
}

for (const mode of MODES) {
  test(`the first result is on the first screen after locating (${mode.language}${mode.elder ? ', elder mode' : ''})`, async ({ page }) => {
    await presetPreferences(page, mode);
    await page.goto('/');
    await locate(page);
    await expect(page.getByTestId('result-count')).toBeVisible();
    await expectFirstRowOnFirstScreen(page);
    // Keyboard and screen-reader users land on the results heading.
    await expect(page.locator('#finder-list-h')).toBeFocused();
    // With a search and two filters on, the first result still shows without scrolling.
    await page.getByTestId('finder-search').fill(mode.language === 'en' ? 'kindergarten' : 'youeryuan');
    await page.getByTestId('open-filters').click();
    await page.getByRole('dialog').locator('[data-filter="childAgeMonths"]').selectOption('36');
    await page.getByTestId('show-results').click();
    await expect(page.getByTestId('service-row').first()).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectFirstRowOnFirstScreen(page);
  });
}

test('the count means something: the nearest 50 within 5 km, then "show more"', async ({ page }) => {
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/');
  await locate(page);
  await expect(page.getByTestId('result-count')).toHaveText(/^The nearest 50 of \d+ within 5 km$/);
  const total = Number((await page.getByTestId('result-count').textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThan(50);
  expect(total).toBeLessThan(3000); // not the whole city
  await expect(page.getByRole('list', { name: 'Services' }).getByRole('listitem').first()).toHaveAttribute('aria-setsize', '50');
  await page.getByTestId('show-more').click();
  await expect(page.getByRole('list', { name: 'Services' }).getByRole('listitem').first()).toHaveAttribute(
    'aria-setsize',
    String(Math.min(100, total)),
  );
});

test('nothing focusable hides behind the tab bar when tabbing through the finder', async ({ page }) => {
  await presetPreferences(page, { language: 'zh-Hans', elder: true });
  await page.goto('/');
  await locate(page);
  // Let the live figures land first: rows grow when they arrive, which would move a focused row after the fact.
  await expect(page.getByText(/截至/).first()).toBeVisible();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const hidden = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el.closest('.tab-bar') || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const bar = document.querySelector('.tab-bar')!.getBoundingClientRect();
      return r.bottom > bar.top + 1 ? `${el.tagName} ${el.textContent?.slice(0, 30)} ends at ${r.bottom}, bar at ${bar.top}` : null;
    });
    expect(hidden).toBeNull();
  }
});

test('filters and search survive a reload and a language switch', async ({ page }) => {
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/');
  await locate(page);
  await page.getByTestId('open-filters').click();
  const sheet = page.getByRole('dialog', { name: 'Filters' });
  await sheet.getByRole('button', { name: 'Kindergartens' }).click();
  await sheet.locator('[data-filter="childAgeMonths"]').selectOption('36');
  await sheet.getByTestId('show-results').click();
  await expect(page.getByTestId('filter-summary')).toContainText('Kindergartens · 3 years');
  await page.reload();
  await expect(page.getByTestId('filter-summary')).toContainText('Kindergartens · 3 years');
  await expect(page.getByTestId('open-filters')).toHaveText('Filters (2)');
  await expect(page.getByTestId('service-row').first()).toBeVisible({ timeout: 30_000 });
  // Switch language in Me, come back: the same filters, in the new language.
  await page.getByRole('link', { name: 'Me', exact: true }).click();
  await page.getByRole('radio', { name: /繁體中文/ }).check();
  await page.getByRole('link', { name: '附近', exact: true }).click();
  await expect(page.getByTestId('filter-summary')).toContainText('幼稚園、3 歲');
});

test('nothing on the page moves while the first visit downloads the data and gets ready offline', async ({ page }) => {
  // Every frame, note where the page heading is and whether the first-run progress is showing.
  await page.addInitScript(() => {
    const seen = { tops: new Set<number>(), progress: false, said: false };
    (window as unknown as { seen: typeof seen }).seen = seen;
    const frame = () => {
      const heading = document.querySelector('#main h1');
      if (heading) seen.tops.add(Math.round(heading.getBoundingClientRect().top));
      if (document.querySelector('.sync-progress')) seen.progress = true;
      // The empty list says the data is on its way rather than asking to connect.
      if (/Downloading the services|正在下载服务数据/.test(document.querySelector('#main')?.textContent ?? '')) seen.said = true;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto('/');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('.sync-progress')).toHaveCount(0, { timeout: 30_000 });
  const seen = await page.evaluate(() => {
    const s = (window as unknown as { seen: { tops: Set<number>; progress: boolean; said: boolean } }).seen;
    return { tops: [...s.tops], progress: s.progress, said: s.said };
  });
  expect(seen.progress, 'the first-run progress was shown').toBe(true);
  expect(seen.said, 'the list said the data is downloading').toBe(true);
  expect(seen.tops, 'the page heading stayed where it was drawn').toHaveLength(1);
  // The notice floats above the tab bar and can be dismissed.
  const notice = (await page.getByTestId('offline-ready').boundingBox())!;
  const tabBar = (await page.locator('.tab-bar').boundingBox())!;
  expect(notice.y + notice.height).toBeLessThanOrEqual(tabBar.y);
  await page.getByTestId('offline-ready').getByRole('button').click();
  await expect(page.getByTestId('offline-ready')).toHaveCount(0);
});
