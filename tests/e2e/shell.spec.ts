import AxeBuilder from '@axe-core/playwright';
import { expect, presetPreferences, test, waitForServiceWorker } from './helpers';

const ROUTES = ['/', '/map', '/enrolment', '/youth', '/settings'];

test('the service worker activates, controls the page, and every tab and a deep link work offline', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.reload(); // the first load fetched the lazy chunks before the worker was in charge
  await context.setOffline(true);
  for (const path of [...ROUTES, '/service/s-does-not-matter']) {
    await page.goto(path);
    await expect(page.getByRole('navigation')).toBeVisible();
    await expect(page.getByTestId('offline-indicator')).toBeVisible();
    await expect(page.locator('main h1').first()).toBeVisible();
  }
  await context.setOffline(false);
});

test('a feed request that gets no answer shows the offline indicator even while the browser says online; an answer clears it', async ({
  page,
  context,
}) => {
  // A captive portal or dead Wi-Fi: navigator.onLine stays true, but nothing reaches the server.
  await page.goto('/settings');
  await expect(page.locator('main h1').first()).toBeVisible();
  await context.route('**/feed/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  expect(await page.evaluate(() => navigator.onLine)).toBe(true);
  await expect(page.getByTestId('offline-indicator')).toBeVisible();
  await context.unroute('**/feed/**');
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('offline-indicator')).toBeHidden();
});

test('the language follows the browser at first, can be switched in Me, and survives a reload', async ({ browser }) => {
  for (const [locale, expected, meLabel] of [
    ['zh-HK', 'zh-Hant', '我的'],
    ['zh-CN', 'zh-Hans', '我的'],
    ['fr-FR', 'en', 'Me'],
  ] as const) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto('/settings');
    await expect(page.locator('html')).toHaveAttribute('lang', expected);
    await expect(page.getByRole('navigation').getByRole('link', { name: meLabel, exact: true })).toBeVisible();
    await context.close();
  }

  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/settings');
  for (const [label, lang, tab] of [
    ['English', 'en', 'Nearby'],
    ['繁體中文', 'zh-Hant', '地圖'],
    ['简体中文', 'zh-Hans', '地图'],
  ] as const) {
    await page.getByRole('radio', { name: label }).check();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('navigation').getByRole('link', { name: tab, exact: true })).toBeVisible();
    await expect(page.getByRole('radio', { name: label })).toBeChecked();
  }
  await context.close();
});

test('elder mode is offered on first run and enlarges text and touch targets', async ({ page }) => {
  await page.goto('/settings');
  const offer = page.getByRole('region', { name: '需要更大的字和按钮吗？' });
  await expect(offer).toBeVisible();
  const bodySize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  const tabBox = () => page.getByRole('navigation').getByRole('link').first().boundingBox();
  const before = await bodySize();
  const beforeTab = await tabBox();
  await offer.getByRole('button', { name: '开启长辈模式' }).click();
  await expect(offer).toBeHidden();
  const after = await bodySize();
  const afterTab = await tabBox();
  expect(before).toBeLessThan(18);
  expect(after).toBeGreaterThanOrEqual(18);
  const lineHeight = await page.evaluate(
    () => parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize),
  );
  expect(lineHeight).toBeGreaterThanOrEqual(1.3);
  expect(afterTab!.height).toBeGreaterThanOrEqual(60);
  expect(afterTab!.width).toBeGreaterThanOrEqual(60);
  expect(afterTab!.height).toBeGreaterThan(beforeTab!.height);
  // every button and tab on the page meets the 60 × 60 target
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, .tab, input[type=checkbox], input[type=radio]')]
      .map((element) => {
        const target = element.closest('label') ?? element;
        const box = target.getBoundingClientRect();
        return { name: element.textContent ?? element.getAttribute('name'), w: box.width, h: box.height };
      })
      .filter((box) => box.h < 60 || box.w < 60),
  );
  expect(small).toEqual([]);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/elder/);
  await page.getByRole('checkbox', { name: '长辈模式（大字体）' }).uncheck();
  await expect(page.locator('html')).not.toHaveClass(/elder/);
});

test('no tab is wider than a phone screen, in normal and elder mode', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const elder of [false, true]) {
    await presetPreferences(page, { language: 'en', elder });
    for (const path of ROUTES) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.page, `${path}${elder ? ' (elder)' : ''}`).toBeLessThanOrEqual(widths.viewport);
    }
  }
});

test('the web app manifest has the installability fields and its icons load', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const response = await request.get(new URL(href!, page.url()).toString());
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; purpose?: string }[] };
  expect(manifest).toMatchObject({ name: '莞邻 DG Nearby', short_name: '莞邻', display: 'standalone', start_url: '/', lang: 'zh-Hans' });
  expect(manifest.theme_color).toMatch(/^#/);
  expect(manifest.background_color).toMatch(/^#/);
  expect(String(manifest.description)).toMatch(/东莞/);
  expect(manifest.categories).toEqual(expect.arrayContaining(['government']));
  const sizes = manifest.icons.map((icon) => `${icon.sizes}:${icon.purpose ?? 'any'}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
  for (const icon of manifest.icons) {
    const image = await request.get(new URL(icon.src, page.url()).toString());
    expect(image.ok(), icon.src).toBe(true);
    expect(image.headers()['content-type']).toContain('image/png');
  }
});

test('the built app runs under its Content-Security-Policy without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  const csp = await (await page.goto('/'))!.text();
  expect(csp).toMatch(/http-equiv="Content-Security-Policy"/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  for (const path of ROUTES) {
    await page.goto(path);
    await expect(page.locator('main h1').first()).toBeVisible();
  }
  expect(violations).toEqual([]);
});

for (const [language, elder] of [
  ['zh-Hans', false],
  ['en', false],
  ['zh-Hans', true],
] as const) {
  test(`axe finds no serious or critical violation on any tab (${language}${elder ? ', elder mode' : ''})`, async ({ page }) => {
    await presetPreferences(page, { language, elder });
    for (const path of ROUTES) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${path}: ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
    }
  });
}
