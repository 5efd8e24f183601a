/**
 * /operator: a town office checks its list in the browser. From Me → Data status, open the office-style GB18030 CSV
 * or the XLSX (tests/fixtures/operator), keep the guessed mapping, see BD-09 chosen with its share, the skipped rows
 * with their reasons and the point outside its town; download the feed zip and have `data:validate` accept it.
 * No request leaves the page with the file: after opening it there is no POST, no request body, and no fetch but the
 * shell's own GETs of its feed (availability polling).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expect, presetPreferences, test } from './helpers';

const FIXTURES = 'tests/fixtures/operator';
const TEXT = {
  'zh-Hans': {
    link: /数据提供方/,
    choose: '选择文件',
    read: '46 行',
    crs: /BD-09：9\d\s?% 在所填镇街内；GCJ-02：\d+\s?%.*已选 BD-09（百度）/,
    bd09: 'BD-09（百度）',
    summary: '读取 46 行，导入 44 行，跳过 2 行。',
    zip: '下载导入结果（数据包 ZIP）',
    fix: '下载需要修改的行（CSV）',
    fixReason: '跳过原因',
    notTable: '这个文件不是表格',
    merged: '合并单元格',
    swapped: '经度和纬度似乎填反了',
    // the import core's reasons, said in the page's language
    noName: '没有名称',
    noPlace: '没有坐标，也没有镇街',
    extension: '电话：已保留分机号',
    filter: '筛选文字',
    phone: '电话：0769-12340000',
  },
  en: {
    link: /For data owners/,
    choose: 'Choose a file',
    read: '46 rows',
    crs: /BD-09: 9\d\s?% inside the stated town; GCJ-02: \d+\s?%.*Chosen: BD-09 \(Baidu\)/,
    bd09: 'BD-09 (Baidu)',
    summary: 'Read 46 rows, imported 44, skipped 2.',
    zip: 'Download the imported list (feed ZIP)',
    fix: 'Download the rows to fix (CSV)',
    fixReason: 'Reason skipped',
    notTable: 'This file is not a table',
    merged: 'merged cells',
    swapped: 'Longitude and latitude look swapped',
    noName: 'no name',
    noPlace: 'no coordinates and no town',
    extension: 'Phone: extension kept',
    filter: 'Filter text',
    phone: 'Phone: 0769-12340000',
  },
} as const;

async function openOperatorPage(page: Page, language: 'zh-Hans' | 'en') {
  await presetPreferences(page, { language, elder: false });
  await page.goto('/settings');
  // The town outlines come with the first sync of the embedded feed.
  await expect(page.getByTestId('sources')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: TEXT[language].link }).click();
  await expect(page).toHaveURL(/\/operator$/);
}

async function axeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

for (const [language, file] of [
  ['zh-Hans', 'kindergartens-bd09-gb18030.csv'],
  ['en', 'kindergartens-bd09-gb18030.csv'],
  ['zh-Hans', 'kindergartens-bd09.xlsx'],
  ['en', 'kindergartens-bd09.xlsx'],
] as const) {
  test(`${language}, ${file}: guessed mapping, BD-09 found, skipped rows with reasons, zip accepted by data:validate; axe clean`, async ({
    page,
  }) => {
    const text = TEXT[language];
    await openOperatorPage(page, language);
    const requests: string[] = [];
    page.on('request', (r) => {
      // The shell's own GETs of the feed it shows (availability polling) carry nothing from the page.
      const ownFeed = r.method() === 'GET' && new URL(r.url()).pathname.startsWith('/feed/');
      if (r.method() !== 'GET' || r.postData() || ((r.resourceType() === 'fetch' || r.resourceType() === 'xhr') && !ownFeed))
        requests.push(`${r.method()} ${r.url()}`);
    });

    await page.getByLabel(text.choose).setInputFiles(join(FIXTURES, file));
    await expect(page.getByTestId('opened')).toContainText(text.read);
    if (file.endsWith('.csv')) await expect(page.getByTestId('opened')).toContainText('GB18030');
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    // The guesses, each beside its column's first values.
    const mapping = page.getByTestId('mapping-table');
    for (const [column, field] of [
      ['单位名称', 'name.zh'],
      ['详细地址', 'address.zh'],
      ['联系电话', 'phone'],
      ['百度经度', 'lon'],
      ['百度纬度', 'lat'],
      ['所属镇街', 'town'],
    ] as const)
      await expect(mapping.locator(`select[data-column="${column}"]`)).toHaveValue(field);
    await expect(mapping).toContainText('测试幼儿园1号');
    await expect(page.getByTestId('category-select')).toHaveValue('kindergarten');

    await expect(page.getByTestId('crs-shares')).toHaveText(text.crs);
    await expect(page.getByRole('radio', { name: new RegExp(text.bd09.replace(/[()]/g, '\\$&')) })).toBeChecked();

    await expect(page.getByTestId('report-summary')).toHaveText(text.summary);
    const skipped = page.getByTestId('skipped-rows');
    await expect(skipped.getByRole('row').filter({ hasText: '测试幼儿园无地点' })).toContainText(text.noPlace);
    await expect(skipped).toContainText(text.noName);
    const report = page.getByTestId('report-table');
    await expect(report).toContainText(text.extension);
    // The filter finds a row by what it says on screen, and by the words data:import prints.
    const filter = page.getByRole('searchbox', { name: text.filter });
    await filter.fill(text.noPlace);
    await expect(report.locator('tbody tr')).toHaveCount(1);
    await filter.fill('extension kept');
    await expect(report.locator('tbody tr')).toHaveText([new RegExp(text.extension)]);
    await filter.fill('');
    await expect(page.getByTestId('preview').locator('li')).toHaveCount(10);
    await expect(page.getByTestId('preview').locator('li').first()).toContainText(text.phone);

    // The one point outside its stated town is red and leads to its row.
    await expect(page.getByTestId('point-outside')).toHaveCount(1);
    await page.getByTestId('point-outside').click();
    await expect(page.getByTestId('selected-row')).toContainText('测试幼儿园镇街不符');

    // Rows to fix: UTF-8 with BOM, the reason last.
    const [fixDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: text.fix }).click()]);
    const fixCsv = readFileSync((await fixDownload.path())!, 'utf8');
    expect(fixCsv.startsWith(`\uFEFF单位名称,详细地址,联系电话,百度经度,百度纬度,所属镇街,学位数,开放时间,${text.fixReason}\r\n`)).toBe(
      true,
    );
    expect(fixCsv).toContain(`,${text.noPlace}\r\n`);

    // The feed zip passes the CLI validator.
    const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: text.zip }).click()]);
    const dir = mkdtempSync(join(tmpdir(), 'operator-feed-'));
    for (const [path, bytes] of Object.entries(unzipSync(readFileSync((await zipDownload.path())!)))) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    // The verdict line is on stderr.
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/data-validate.ts', dir], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toContain('is valid: 44 services (kindergarten 44)');

    await axeClean(page);
    expect(requests, 'requests that could carry the file').toEqual([]);
  });
}

test('bad input: one plain sentence each, and the page stays usable', async ({ page }) => {
  const text = TEXT['zh-Hans'];
  await openOperatorPage(page, 'zh-Hans');
  const input = page.getByLabel(text.choose);
  await input.setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]) });
  await expect(page.getByTestId('operator-problem')).toContainText(text.notTable);
  await input.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(page.getByTestId('operator-problem')).toHaveAttribute('data-problem', 'emptySheet');
  await input.setInputFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('foo,bar\n1,2\n') });
  await expect(page.getByTestId('operator-problem')).toHaveAttribute('data-problem', 'noMatch');
  await input.setInputFiles(join(FIXTURES, 'merged-and-formulas.xlsx'));
  await expect(page.locator('[data-warning="mergedCells"]')).toContainText(text.merged);
  await expect(page.locator('[data-warning="formulas"]')).toBeVisible();
  await expect(page.getByTestId('operator-problem')).toHaveCount(0);

  // Latitude and longitude the wrong way round: said so.
  await input.setInputFiles(join(FIXTURES, 'kindergartens-bd09-gb18030.csv'));
  await expect(page.getByTestId('report-summary')).toBeVisible();
  await page.locator('select[data-column="百度经度"]').selectOption('lat');
  await page.locator('select[data-column="百度纬度"]').selectOption('lon');
  await expect(page.getByTestId('swapped')).toContainText(text.swapped);
  await expect(page.locator('text=/at .*\\.(ts|js):\\d+/')).toHaveCount(0); // no stack trace anywhere

  // Drag and drop: a file dropped on the zone opens like a chosen one.
  const dropped = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['名称,地址,电话\n测试托育园,东莞市虎门镇测试路1号,0769-12345678\n'], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByTestId('opened')).toContainText('dropped.csv');
  await expect(page.getByTestId('opened')).toContainText('1 行');
});

test('a 50,000-row XLSX is read and imported in the worker: no main-thread task over 200 ms, progress shown', async ({ page }) => {
  test.setTimeout(240_000);
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(['单位名称', '详细地址', '联系电话', '经度', '纬度', '所属镇街']);
  for (let i = 0; i < 50_000; i++)
    sheet.addRow([
      `测试停车场${i}`,
      `东莞市虎门镇测试路${i}号`,
      '0769-12345678',
      113.67 + (i % 100) * 0.0004,
      22.81 + Math.floor(i / 100) * 0.00008,
      '虎门镇',
    ]);
  const file = join(mkdtempSync(join(tmpdir(), 'operator-big-')), 'car-parks-50000.xlsx');
  await workbook.xlsx.writeFile(file);

  await openOperatorPage(page, 'en');
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  await page.getByLabel('Choose a file').setInputFiles(file);
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByTestId('opened')).toContainText('50000 rows', { timeout: 120_000 });
  await page.getByTestId('category-select').selectOption('parking');
  await expect(page.getByTestId('report-summary')).toContainText('Read 50000 rows', { timeout: 120_000 });
  await expect(page.getByTestId('preview').locator('li')).toHaveCount(10);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(`50,000-row XLSX: ${longTasks.length} long tasks, longest ${Math.round(Math.max(0, ...longTasks))} ms`);
  expect(Math.max(0, ...longTasks), `long tasks (ms): ${longTasks.map(Math.round).join(', ')}`).toBeLessThan(200);
});
