/**
 * Issue 12 in a real browser: a spreadsheet imported with `data:import --from csv` (docs/examples, GB18030,
 * GCJ-02 and address-only rows) is served as the app's feed. The resident sees every phone with its
 * extension, the approximate-location note with navigation by name and address, hours as written with
 * "open now" unknown, approximate records after the exact ones of their town, and the source in Data status.
 * With SCREENSHOTS_DIR set, it also saves the 390×844 screenshots of issue 12 (zh-Hans, en, zh-Hant, elder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, presetPreferences, test } from './helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let feedDir = '';
const SHOTS = process.env.SCREENSHOTS_DIR;
const CHANG_AN = { latitude: 22.8057, longitude: 113.8106 }; // inside 长安镇

test.use({ serviceWorkers: 'block', geolocation: CHANG_AN, permissions: ['geolocation'], viewport: { width: 390, height: 844 } });

test.beforeAll(() => {
  feedDir = mkdtempSync(join(tmpdir(), 'dgn-e2e-import-'));
  const run = spawnSync(
    'npx',
    [
      'tsx',
      'scripts/data-import.ts',
      '--from',
      'csv',
      'docs/examples/kindergartens-gcj02.csv',
      '--map',
      'docs/examples/kindergarten-mapping.json',
      '--crs',
      'gcj02',
      '--out',
      feedDir,
      '--source-name',
      '示例教育局幼儿园名单（测试数据）',
      '--licence',
      'CC0 (test data)',
      '--attribution',
      'Example list made for the tests',
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0) throw new Error(`data:import failed: ${run.stderr}`);
});
test.afterAll(() => rmSync(feedDir, { recursive: true, force: true }));

/** Serves the imported feed folder in place of the app's own /feed/. */
async function serveImportedFeed(context: BrowserContext) {
  await context.route('**/feed/**', async (route) => {
    const rel = normalize(decodeURIComponent(new URL(route.request().url()).pathname.replace(/^.*?\/feed\//, '')));
    const file = join(feedDir, rel);
    if (!file.startsWith(feedDir) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    await route.fulfill({
      status: 200,
      body: readFileSync(file),
      contentType: file.endsWith('.json') ? 'application/json' : 'application/geo+json',
    });
  });
}

async function openList(page: Page, context: BrowserContext, language: 'zh-Hans' | 'en' | 'zh-Hant' = 'en', elder = false) {
  await serveImportedFeed(context);
  await presetPreferences(page, { language, elder });
  await page.goto('/');
  await page
    .getByTestId('use-my-location')
    .or(page.getByRole('button', { name: /Use my location|使用我的位置|使用我的位置/ }))
    .first()
    .click();
  await expect(page.getByTestId('service-row').first()).toBeVisible({ timeout: 45_000 });
}

test('approximate record: listed after the exact ones of its town, with a note and navigation by name and address', async ({
  page,
  context,
}) => {
  await openList(page, context);
  const ids = await page
    .getByTestId('service-row')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), e.getAttribute('data-metres')]));
  // 长安 has only the approximate record (dg-kg-3): it sits without a distance.
  const approx = ids.find(([id]) => id === 'dg-kg-3');
  expect(approx).toEqual(['dg-kg-3', '']);
  const row = page.locator('[data-id="dg-kg-3"]');
  await expect(row.getByTestId('approximate-badge')).toHaveText('Approximate location');
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('approximate-note')).toContainText('Approximate location — navigate by address');
  await expect(page.getByTestId('approximate-note')).toContainText('Chang');
  const amap = new URL((await page.getByTestId('nav-amap').getAttribute('href'))!);
  expect(amap.pathname).toBe('/search');
  expect(amap.searchParams.get('keyword')).toBe('示例长安幼儿园（示例数据） 长安镇示例路3号');
  // Two numbers in one cell: both callable, the first is the main number.
  await expect(page.getByTestId('call-link')).toHaveAttribute('href', 'tel:076912345670');
  await expect(page.getByTestId('call-link-more')).toHaveAttribute('href', 'tel:13800000000');
  // "周一至周五 7:30-17:30" is not opening_hours syntax: shown as written, open-now unknown.
  await expect(page.getByTestId('hours-as-written')).toContainText('周一至周五 7:30-17:30');
  await expect(page.getByTestId('detail-status')).toHaveText('Hours unknown');
  if (SHOTS) await shootAll(page, context, '/service/dg-kg-3', 'approximate-detail');
});

test('phone with extension: tel: dials the main number, the extension is shown; SH hours as written', async ({ page, context }) => {
  await openList(page, context);
  await page.goto('/service/dg-kg-1');
  await expect(page.getByTestId('call-link')).toHaveAttribute('href', 'tel:076912345678');
  await expect(page.getByTestId('phone-ext')).toHaveText('ext. 801');
  // A one-list feed: its single source owns every record (issue 22).
  await expect(page.getByTestId('detail-source')).toContainText('Source: 示例教育局幼儿园名单（测试数据） · updated');
  await page.goto('/service/dg-kg-2');
  await expect(page.getByTestId('hours-as-written')).toContainText('Mo-Fr 07:30-17:30; SH off');
  await expect(page.getByTestId('detail-status')).toHaveText('Hours unknown');
  if (SHOTS) {
    await shootAll(page, context, '/service/dg-kg-1', 'phone-extension-detail');
    await shootAll(page, context, '/', 'list-approximate');
  }
});

test('map panel: an approximate record is labelled as such', async ({ page, context }) => {
  await openList(page, context);
  await page.locator('[data-id="dg-kg-3"]').getByRole('link').first().focus(); // the list selects the row it focuses
  await page.getByRole('navigation').getByRole('link', { name: 'Map' }).click();
  const panel = page.locator('.map-selected');
  await expect(panel).toHaveAttribute('aria-labelledby', 'map-selected-name', { timeout: 30_000 });
  await expect(panel.locator('#map-selected-name')).toContainText('Chang An'); // English UI: the pinyin name
  await expect(panel.getByTestId('approximate-badge')).toHaveText('Approximate location');
  if (SHOTS) await shootAll(page, context, '/map', 'map-approximate');
});

test('Data status lists the source, licence and attribution given to data:import', async ({ page, context }) => {
  await openList(page, context);
  await page.goto('/settings');
  const sources = page.getByTestId('sources');
  await expect(sources).toContainText('示例教育局幼儿园名单（测试数据）');
  await expect(sources).toContainText('CC0 (test data)');
  await expect(sources).toContainText('Example list made for the tests');
});

/** 390×844 screenshots of one route in zh-Hans, en, zh-Hant and elder mode (zh-Hans). */
async function shootAll(_page: Page, context: BrowserContext, route: string, name: string) {
  mkdirSync(SHOTS!, { recursive: true });
  for (const [lang, elder, tag] of [
    ['zh-Hans', false, 'zh-Hans'],
    ['en', false, 'en'],
    ['zh-Hant', false, 'zh-Hant'],
    ['zh-Hans', true, 'elder'],
  ] as const) {
    const p = await context.newPage();
    await presetPreferences(p, { language: lang, elder });
    await p.goto('/');
    if (route === '/map') {
      const tabs: Record<string, string> = { 'zh-Hans': '地图', en: 'Map', 'zh-Hant': '地圖' };
      await p
        .getByTestId('use-my-location')
        .or(p.getByRole('button', { name: /Use my location|使用我的位置/ }))
        .first()
        .click();
      await expect(p.getByTestId('service-row').first()).toBeVisible({ timeout: 45_000 });
      await p.locator('[data-id="dg-kg-3"]').getByRole('link').focus();
      await p.getByRole('navigation').getByRole('link', { name: tabs[lang] }).click();
      await expect(p.locator('.map-selected').getByTestId('approximate-badge')).toBeVisible({ timeout: 30_000 });
      await p.locator('.map-selected').scrollIntoViewIfNeeded();
    } else if (route === '/') {
      await p
        .getByTestId('use-my-location')
        .or(p.getByRole('button', { name: /Use my location|使用我的位置/ }))
        .first()
        .click();
      await expect(p.getByTestId('service-row').first()).toBeVisible({ timeout: 45_000 });
      await p.locator('[data-id="dg-kg-3"]').scrollIntoViewIfNeeded();
    } else {
      await p.goto(route);
      await expect(p.getByTestId('service-detail')).toBeVisible({ timeout: 45_000 });
      await p.getByTestId(name.startsWith('approximate') ? 'approximate-note' : 'phone-ext').scrollIntoViewIfNeeded();
    }
    await p.screenshot({ path: join(SHOTS!, `${name}-${tag}.png`) });
    await p.close();
  }
}
