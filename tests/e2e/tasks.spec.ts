import type { BrowserContext, Page } from '@playwright/test';
import { expect, presetPreferences, test } from './helpers';
import { TapCounter } from './tap-counter';

/*
 * Issue 11's five tasks, done with real taps from a first visit on a 390×844 phone. Done means at most
 * 3 taps to a result and 4 to a call; each test fails if its task needs more (or needs a swipe to reach a
 * target). Sample records carry no phone of their own, so their call is the service page's 12345 button.
 */
const CHANGAN = { latitude: 22.7781, longitude: 113.7546 };
const NANCHENG = { latitude: 22.9853, longitude: 113.7288 };
const GUANCHENG = '441900006';
test.use({ viewport: { width: 390, height: 844 } });

const TO_RESULT = 3;
const TO_CALL = 4;

async function allowLocation(context: BrowserContext, where: { latitude: number; longitude: number }) {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation(where);
}

function expectWithin(c: TapCounter, budget: number, what: string, swipes = 0) {
  console.log(`${what}: ${c.taps} taps, ${c.swipes} swipes: ${c.path}`);
  expect(c.taps, `${what} took ${c.taps} taps: ${c.path}`).toBeLessThanOrEqual(budget);
  expect(c.swipes, `${what} needed more swipes: ${c.path}`).toBeLessThanOrEqual(swipes);
}

/** From the results: open the first row, then the call button at the top of its page (or the row's own). */
async function callFirst(page: Page, c: TapCounter) {
  const row = page.getByTestId('service-row').first();
  const own = row.getByTestId('row-call');
  if (await own.count()) return c.call(own, 'call (row)');
  await c.tap(row.getByRole('link').first(), 'open the first result');
  const call = page.getByTestId('call-action').or(page.getByTestId('book-link').and(page.locator('[href^="tel:"]')));
  return c.call(call.first(), 'call');
}

test('(a) a mother in 长安: kindergartens with places for a 3-year-old', async ({ page, context }) => {
  await allowLocation(context, CHANGAN);
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/');
  const c = new TapCounter();
  await c.tap(page.getByRole('button', { name: '幼儿园学位' }), '幼儿园学位');
  await c.tap(page.getByTestId('preset-age').getByRole('button', { name: '3 岁' }), '3 岁');
  const first = page.getByTestId('service-row').first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('current-place')).toContainText('长安镇');
  await expect(page.getByTestId('filter-summary')).toContainText('幼儿园');
  await expect(page.getByTestId('filter-summary')).toContainText('3 岁');
  await expect(first).toContainText('幼儿园');
  await expect(first.getByTestId('availability-badge')).toHaveAttribute('data-freshness', 'fresh');
  expectWithin(c, TO_RESULT, '(a) to a result');
  await callFirst(page, c);
  expectWithin(c, TO_CALL, '(a) to a call');
});

test('(b) a 70-year-old in 莞城, elder mode, location refused: an elder canteen', async ({ page }) => {
  // No geolocation permission: the browser refuses, as when the resident says no.
  await presetPreferences(page, { language: 'zh-Hans', elder: true });
  await page.goto('/');
  const c = new TapCounter();
  await c.tap(page.getByRole('button', { name: '长者饭堂' }), '长者饭堂');
  await expect(page.getByTestId('geo-error')).toBeVisible();
  await c.tap(page.getByTestId('town-picker').locator(`[data-town="${GUANCHENG}"]`), '莞城街道');
  const first = page.getByTestId('service-row').first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('current-place')).toContainText('莞城街道');
  await expect(first).toContainText('长者');
  expectWithin(c, TO_RESULT, '(b) to a result');
  await callFirst(page, c);
  expectWithin(c, TO_CALL, '(b) to a call');
  // Elder mode: the call target is at least 60 px high.
  const box = (await page.locator('[href^="tel:"]').first().boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(60);
});

test('(c) a migrant father: can my child enrol in 长安, and where do I apply', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00+08:00'));
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/');
  const c = new TapCounter();
  await c.tap(page.getByRole('navigation').getByRole('link', { name: '入学' }), '入学 tab');
  await c.tap(page.getByRole('button', { name: '小学一年级' }), '小学一年级');
  await c.tap(page.getByTestId('enrolment-town-grid').locator('[data-town="441900119"]'), '长安镇');
  const answer = page.getByTestId('enrolment-quick-answer');
  await expect(answer.getByRole('heading', { level: 3 })).toBeFocused();
  // Conditional wording, never a verdict: "if ..., your child can apply", places not guaranteed.
  await expect(page.getByTestId('enrolment-quick-lead')).toContainText(
    '如果下面的条件都满足，孩子可以在长安镇按积分申请2027年9月入读小学一年级',
  );
  const conditions = page.getByTestId('enrolment-quick-conditions');
  await expect(conditions.locator('[data-line="age"]')).toContainText('2021-08-31或以前出生');
  await expect(conditions.locator('[data-line="permit"]')).toContainText('东莞办理的有效《广东省居住证》');
  await expect(conditions.locator('[data-line="town"]')).toContainText('至少一项在长安镇');
  // The sources conflict on insurance: shown as unverified, with its citation.
  await expect(conditions.locator('[data-line="insurance"]')).toHaveAttribute('data-state', 'unverified');
  await expect(conditions.locator('[data-line="insurance"]')).toContainText('未核实');
  await expect(conditions.locator('[data-line="permit"] .enr-source a')).toHaveAttribute('href', /^https?:\/\//);
  // 2027 rules are only carried forward from 2025: every line says so.
  await expect(conditions.locator('[data-line="permit"]')).toContainText('2027年沿用2025年的规定');
  // Where to apply: 长安 has no office in the data, so the card says so and gives 12345, with the usual window.
  await expect(page.getByTestId('enrolment-quick-office')).toContainText('没有查到长安镇教育管理部门的名称、地址和电话，请拨打12345询问');
  await expect(page.getByTestId('enrolment-quick-office').locator('a[href="tel:12345"]')).toBeVisible();
  await expect(page.getByTestId('enrolment-quick-window')).toContainText('全市网上报名');
  await expect(page.getByTestId('enrolment-quick-window')).toContainText('往年惯例');
  expectWithin(c, TO_RESULT, '(c) to a result');
});

test('(d) a Hong Kong graduate: internships', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00+08:00'));
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/');
  const c = new TapCounter();
  await c.tap(page.getByRole('navigation').getByRole('link', { name: '港澳青年' }), '港澳青年 tab');
  // Nothing about the person is guessed: the full form starts with no region chosen.
  await expect(page.getByRole('radio', { name: '香港居民' })).not.toBeChecked();
  await c.tap(page.getByRole('button', { name: '我来自香港' }), '我来自香港');
  const quick = page.getByTestId('youth-quick-results');
  await c.tap(quick.getByRole('button', { name: '实习和见习' }), '实习 chip');
  const cards = quick.locator('.youth-card--quick');
  await expect(cards.first()).toBeVisible();
  await expect(cards.first().locator('.youth-badge', { hasText: /^(实习|就业见习)$/ })).toBeVisible();
  await expect(cards.locator('.youth-badge', { hasText: /^实习$/ }).first()).toBeVisible();
  // Only internships and traineeships: no start-up base, no plain job.
  await expect(cards.locator('.youth-badge', { hasText: /^(创业基地|就业)$/ })).toHaveCount(0);
  // Age and education were not asked: each card says what it depends on instead of assuming them.
  await expect(quick.getByTestId('youth-depends').first()).toContainText('取决于：');
  expectWithin(c, TO_RESULT, '(d) to a result');
});

test('(e) a driver in 南城: an EV car park with free spaces', async ({ page, context }) => {
  await allowLocation(context, NANCHENG);
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/');
  const c = new TapCounter();
  await c.tap(page.getByRole('button', { name: '充电车位' }), '充电车位');
  const first = page.getByTestId('service-row').first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('current-place')).toContainText('南城街道');
  await expect(page.getByTestId('filter-summary')).toContainText('停车场');
  await expect(page.getByTestId('filter-summary')).toContainText('充电');
  await expect(first).toContainText('停车场');
  await expect(first.getByTestId('availability-badge')).not.toHaveAttribute('data-freshness', 'missing');
  expectWithin(c, TO_RESULT, '(e) to a result');
  await callFirst(page, c);
  expectWithin(c, TO_CALL, '(e) to a call');
});
