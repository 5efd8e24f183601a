import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, presetPreferences, test, waitForServiceWorker } from './helpers';

const HUMEN = '441900121';

/** The CLI's figures for the embedded feed (the unit suite proves page and CLI agree; here the browser shows them). */
function cliReport(town?: string) {
  const args = ['node_modules/tsx/dist/cli.mjs', 'scripts/report.ts', 'public/feed', ...(town ? ['--town', town] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as {
    towns: { code: string; figures: Record<string, { value: number | null }> }[];
    city: { figures: Record<string, { value: number | null }> };
  };
}

async function axeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const bodyRows = (page: Page) => page.getByTestId('towns-table').locator('tbody tr');

test('zh-Hans: from Me to the ranking; sortable table, map with legend, CSV with BOM, a town card; axe clean', async ({ page }) => {
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/settings');
  await page.getByRole('link', { name: /镇街公共服务报告卡/ }).click();
  await expect(page).toHaveURL(/\/towns$/);
  await expect(page.getByRole('heading', { level: 1, name: '镇街公共服务报告卡' })).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(36, { timeout: 30_000 });
  await expect(page.getByTestId('towns-sample')).toContainText('示例数据');
  await expect(page.getByTestId('towns-feed-date')).toContainText('2026年11月28日');
  await expect(page.getByText('第七次全国人口普查（2020年）')).toBeVisible();
  await expect(page.getByTestId('towns-unverified')).toBeVisible();
  await expect(page.getByRole('link', { name: '东莞市政府网站上的通知' })).toHaveAttribute(
    'href',
    'http://www.dg.gov.cn/zwgk/zfgb/szfbgswj/content/post_3216168.html',
  );

  // Default sort: coverage, highest first; then by places per 1,000, both directions.
  const table = page.getByTestId('towns-table');
  await expect(table.getByRole('columnheader', { name: '800米覆盖面积' })).toHaveAttribute('aria-sort', 'descending');
  await table.getByRole('button', { name: '按每千人学位数排序' }).click();
  const header = table.getByRole('columnheader', { name: '每千人学位数' });
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('columnheader', { name: '800米覆盖面积' })).toHaveAttribute('aria-sort', 'none');
  const report = cliReport();
  const expected = report.towns
    .filter((t) => t.figures['kindergarten.capacityPer1000']!.value !== null)
    .sort(
      (a, b) =>
        b.figures['kindergarten.capacityPer1000']!.value! - a.figures['kindergarten.capacityPer1000']!.value! ||
        a.code.localeCompare(b.code),
    )
    .map((t) => t.code);
  const shown = await bodyRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-town')));
  expect(shown.slice(0, expected.length)).toEqual(expected);
  // Units without a census figure come last and say so, never 0.
  const cell = (town: string, measure: string) => table.locator(`tr[data-town="${town}"] [data-measure="${measure}"]`);
  expect(shown.slice(expected.length).sort()).toEqual(['441900402', '441900403', '441900404']);
  await expect(cell('441900402', 'kindergarten.capacityPer1000')).toHaveText('无普查人口'); // 东莞港: places, but no census
  await expect(cell('441900404', 'kindergarten.capacityPer1000')).toHaveText('无数据'); // 滨海湾新区: no services, no boundary
  await expect(cell('441900404', 'kindergarten.coverage')).toHaveText('无边界');
  const humen = report.towns.find((t) => t.code === HUMEN)!.figures['kindergarten.capacityPer1000']!.value!;
  await expect(table.locator(`tr[data-town="${HUMEN}"] [data-measure="kindergarten.capacityPer1000"]`)).toHaveText(humen.toFixed(1));
  await table.getByRole('button', { name: '按每千人学位数排序' }).click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');

  // Clinics: beds against the 4.8 target.
  await page.getByRole('button', { name: '诊所与社康' }).click();
  await expect(table.locator(`tr[data-town="${HUMEN}"] [data-measure="clinic.bedsPer1000"]`)).toContainText('达到2025年目标（4.8）的');

  // The map: every polygon shaded, a legend, and the choice of measure.
  const map = page.getByTestId('towns-map');
  await expect(map.locator('path')).toHaveCount(35);
  await expect(page.getByText('图例：800米覆盖面积')).toBeVisible();
  await page.getByTestId('towns-map-measure').selectOption('clinic.bedsPer1000');
  await expect(page.getByText('图例：每千人床位数')).toBeVisible();
  await axeClean(page);

  // CSV: UTF-8 with BOM, every town and the city.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('towns-csv').click()]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines).toHaveLength(1 + 36 + 1);
  expect(lines.find((l) => l.startsWith(HUMEN))).toContain('虎门镇');
  expect(lines.at(-1)).toMatch(/^city,东莞市,10466625,1250,/);

  // One town's card.
  await table.getByRole('link', { name: '虎门镇' }).click();
  await expect(page).toHaveURL(new RegExp(`/towns/${HUMEN}$`));
  await expect(page.getByRole('heading', { level: 1, name: '虎门镇公共服务报告卡' })).toBeVisible();
  await expect(page.getByTestId('town-residents')).toContainText('838,144');
  await expect(page.getByTestId('towns-sample')).toBeVisible();
  await axeClean(page);
});

test('en: a town card and the ranking read in English, with the sample label and the unverified note; axe clean', async ({ page }) => {
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto(`/towns/${HUMEN}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Humen Town: report card' })).toBeVisible();
  const row = page.locator('table[data-category="sports_venue"] tr[data-measure="sports_venue.groundM2PerPerson"]');
  await expect(row).toContainText('of the 2025 target (3.20)', { timeout: 30_000 });
  await expect(page.getByTestId('towns-sample')).toContainText('Sample data');
  await expect(page.getByTestId('towns-unverified')).toContainText('Unverified');
  await axeClean(page);
  await page.getByRole('link', { name: 'All towns' }).click();
  await expect(bodyRows(page)).toHaveCount(36, { timeout: 30_000 });
  await expect(page.getByRole('table').getByRole('rowheader', { name: 'Whole city' })).toBeVisible();
  await axeClean(page);
  await page.goto('/towns/999');
  await expect(page.getByRole('alert')).toContainText('There is no town with the code 999.');
});

test('the finder links the chosen town to its card', async ({ page }) => {
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/');
  await page.getByRole('button', { name: '选择镇街' }).click();
  await page.locator(`[data-town="${HUMEN}"]`).click();
  await page.getByRole('link', { name: '虎门镇公共服务报告卡' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '虎门镇公共服务报告卡' })).toBeVisible();
});

test('offline after one online visit: the ranking and a town card still show their figures', async ({ page, context }) => {
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.goto('/towns');
  await expect(bodyRows(page)).toHaveCount(36, { timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(bodyRows(page)).toHaveCount(36, { timeout: 30_000 });
  await expect(page.getByTestId('towns-map').locator('path')).toHaveCount(35);
  await page.goto('/towns/441900125');
  await expect(page.getByRole('heading', { level: 1, name: '洪梅镇公共服务报告卡' })).toBeVisible();
  await expect(page.getByTestId('town-residents')).toContainText('65,325');
  await context.setOffline(false);
});
