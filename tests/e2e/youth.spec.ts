import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, presetPreferences, test } from './helpers';

// A Hong Kong browser: the app starts in Traditional Chinese.
test.use({ locale: 'zh-HK' });

const INTERESTS = ['就業', '實習和見習', '創業'];

async function fillProfile(page: Page, p: { age: string; graduationYear: string; interests: string[] }) {
  await page.getByLabel('年齡', { exact: true }).fill(p.age);
  await page.getByRole('radio', { name: '香港居民' }).check();
  await page.getByLabel('最高學歷（已取得或預計取得）').selectOption('bachelor');
  await page.getByLabel('畢業年份', { exact: true }).fill(p.graduationYear);
  // Every kind starts ticked (the form's defaults): leave exactly the ones asked for.
  for (const interest of INTERESTS) await page.getByRole('checkbox', { name: interest }).setChecked(p.interests.includes(interest));
  await page.getByRole('button', { name: '查找計劃' }).click();
}

test.beforeEach(async ({ page }) => {
  await presetPreferences(page, { elder: false });
});

test('a 24-year-old Hong Kong graduate sees the schemes that fit, in Traditional Chinese, with amounts and official links', async ({
  page,
}) => {
  await page.clock.setFixedTime(new Date('2026-11-28T10:00:00+08:00'));
  await page.goto('/youth');
  await expect(page.getByRole('heading', { level: 1, name: '港澳青年計劃' })).toBeVisible();

  // Validation first: the defaults leave the age to answer, and with every kind unticked that is explained too.
  for (const interest of INTERESTS) await page.getByRole('checkbox', { name: interest }).uncheck();
  await page.getByRole('button', { name: '查找計劃' }).click();
  await expect(page.getByText('請填寫年齡或出生日期。').last()).toBeVisible();
  await expect(page.getByText('請至少選擇一個方向。')).toBeVisible();

  await fillProfile(page, { age: '24', graduationYear: '2025', interests: ['就業', '創業'] });
  const results = page.getByRole('region', { name: '適合你的計劃', exact: true });
  await expect(results.getByRole('heading', { level: 2, name: '適合你的計劃', exact: true })).toBeFocused();
  const scheme = results.locator('article[data-programme="hk-gbayes-2025"]');
  await expect(scheme.getByRole('heading', { name: '大灣區青年就業計劃（2025年1月起新規則）' })).toBeVisible();
  await expect(scheme.getByText('年齡24歲：符合29歲或以下')).toBeVisible();
  await expect(scheme.locator('.youth-amount')).toHaveText('每月最多HK$12,000，最長18個月');
  const official = scheme.getByRole('link', { name: /官方網頁/ });
  await expect(official).toHaveAttribute(
    'href',
    'https://www.bayarea.gov.hk/gbais/sc/development/youth-development/greater-bay-area-youth-employment-scheme',
  );
  await expect(official).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(scheme.getByText('最後核對：2026年11月30日')).toBeVisible();
  // The earlier (2023) rules are not offered once the January 2025 rules apply.
  await expect(results.locator('article[data-programme="hk-gbayes-2023"]')).toHaveCount(0);
  // A start-up fit shows its figures too.
  await expect(results.locator('article[data-programme="gd-startup-support-floor"] .youth-amount')).toHaveText([
    '每年最多CN¥6,000，最長36個月',
    '一次性CN¥10,000',
    '貸款最多CN¥5,000,000',
  ]);
});

test('a closing deadline is marked "closing soon" and can be added to the calendar as an .ics file', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2024-12-10T10:00:00+08:00'));
  await page.goto('/youth');
  await fillProfile(page, { age: '24', graduationYear: '2023', interests: ['就業'] });
  const results = page.getByRole('region', { name: '適合你的計劃', exact: true });
  const first = results.locator('article').first();
  await expect(first).toHaveAttribute('data-programme', 'hk-gbayes-2023');
  await expect(first.getByText('即將截止')).toBeVisible();
  await expect(first.locator('.youth-deadline')).toContainText('2024年12月31日截止 · 尚餘21天');
  await expect(first.locator('.youth-amount').first()).toHaveText('每月最多HK$10,000，最長18個月');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    first.getByRole('button', { name: '把截止日期加入行事曆' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('hk-gbayes-2023-2024-12-31.ics');
  const ics = readFileSync((await download.path())!, 'utf8').replace(/\r\n[ \t]/g, '');
  expect(ics).toContain('DTSTART;VALUE=DATE:20241231');
  expect(ics).toContain('SUMMARY:截止日期：大灣區青年就業計劃（2023年恆常化規則）');
});

test('a near miss says what is missing', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-28T10:00:00+08:00'));
  await page.goto('/youth');
  await fillProfile(page, { age: '31', graduationYear: '2017', interests: ['就業'] });
  const near = page.locator('.youth-card--near[data-programme="hk-gbayes-2025"]');
  await expect(near.getByText('年齡31歲：該計劃自2025年1月起只接受29歲或以下')).toBeVisible();
  await expect(page.locator('.youth-card--match[data-programme="hk-gbayes-2025"]')).toHaveCount(0);
});

/**
 * Issue 16's Hong Kong graduate: 24, graduated 2024, employment and internship ticked (not start-up), in zh-HK,
 * then English. Matches respect the kinds picked, open comes before closed, every card says where to go,
 * and the form survives a reload and the language switch.
 */
test('the Hong Kong graduate gets only the kinds picked, open before closed, a link or office on every card, in zh-HK then English', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00+08:00'));
  await page.goto('/youth');
  await fillProfile(page, { age: '24', graduationYear: '2024', interests: ['就業', '實習和見習'] });
  const results = page.getByRole('region', { name: '適合你的計劃', exact: true });
  await expect(results.locator('article').first()).toBeVisible();
  // No start-up base: 創業 was not ticked.
  for (const id of ['songshan-lake-base', 'binhaiwan-base'])
    await expect(page.locator(`.youth-results article[data-programme="${id}"]`)).toHaveCount(0);
  // The 2025 employment scheme has opened and has no published end: open, first.
  const first = results.locator('article').first();
  await expect(first).toHaveAttribute('data-programme', 'hk-gbayes-2025');
  await expect(first.locator('[data-window]').first()).toHaveText('接受申請中');
  // Every card says where to go: an official page or the office to contact.
  for (const card of await page.locator('article.youth-card').all()) {
    await expect(card.locator('.youth-official, .youth-contact')).toHaveCount(1);
  }
  await expect(page.getByText('沒有找到官方連結')).toHaveCount(0);
  // The full list: open and upcoming first, the closed 2023 scheme last, labelled with its date.
  const browse = page.getByRole('region', { name: '全部計劃' }).locator('article');
  const windows = await browse.evaluateAll((cards) => cards.map((c) => c.querySelector('[data-window]')?.getAttribute('data-window')));
  const rank: Record<string, number> = { open: 0, upcoming: 1, rolling: 2, unknown: 3, closed: 4 };
  const ranks = windows.map((w) => rank[w ?? ''] ?? -1);
  expect(ranks).not.toContain(-1);
  expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  await expect(browse.last()).toHaveAttribute('data-programme', 'hk-gbayes-2023');
  await expect(browse.last().locator('[data-window]')).toHaveText('已截止（2024年12月31日）');

  // A reload keeps the form and the results (kept on the device only).
  await page.reload();
  await expect(page.getByLabel('年齡', { exact: true })).toHaveValue('24');
  await expect(page.getByRole('checkbox', { name: '創業' })).not.toBeChecked();
  await expect(results.locator('article').first()).toHaveAttribute('data-programme', 'hk-gbayes-2025');

  // English: the same answers and results, now in English.
  await page.getByRole('navigation').getByRole('link', { name: '我的', exact: true }).click();
  await page.getByRole('radio', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('navigation').getByRole('link', { name: 'HK·Macau youth', exact: true }).click();
  await expect(page.getByLabel('Age', { exact: true })).toHaveValue('24');
  const en = page.getByRole('region', { name: 'Programmes that fit you', exact: true });
  await expect(en.locator('article').first()).toHaveAttribute('data-programme', 'hk-gbayes-2025');
  await expect(page.locator('.youth-results article[data-programme="songshan-lake-base"]')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'All programmes' }).locator('article').last().locator('[data-window]')).toHaveText(
    'Closed (31 December 2024)',
  );
  await expect(page.locator('.youth-contact').first()).toContainText('No official page; contact');
});

test('the full list and the start-up bases show without filling the form', async ({ page }) => {
  await page.goto('/youth');
  const browse = page.getByRole('region', { name: '全部計劃' });
  await expect(browse.locator('article')).toHaveCount(14);
  const places = page.getByRole('region', { name: '地點：創業基地' });
  const amap = places.getByRole('link', { name: /在高德地圖搜尋松山湖港澳青年創新創業基地/ });
  await expect(amap).toHaveAttribute('href', /^https:\/\/uri\.amap\.com\/search\?keyword=/);
  await expect(amap).toHaveAttribute('rel', 'noopener noreferrer');
});

for (const elder of [false, true]) {
  test(`the page with results has no serious accessibility violations (elder mode ${elder ? 'on' : 'off'})`, async ({ page }) => {
    test.setTimeout(240_000); // axe over the full list is slow on a shared 2-core machine
    await presetPreferences(page, { elder });
    await page.clock.setFixedTime(new Date('2024-12-10T10:00:00+08:00'));
    await page.goto('/youth');
    await fillProfile(page, { age: '24', graduationYear: '2023', interests: ['就業', '創業'] });
    await expect(page.getByRole('region', { name: '適合你的計劃', exact: true }).locator('article').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });
}
