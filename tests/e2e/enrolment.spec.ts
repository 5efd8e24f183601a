import AxeBuilder from '@axe-core/playwright';
import { expect, presetPreferences, test } from './helpers';

/**
 * The research's worked example through the wizard: 4 years of permit, 4 years of all five insurances,
 * 6,000 yuan of tax and an own home in the target town → 146 points. Counted up to 2025-05-20, the 2025 intake.
 */
test('the wizard gives the worked example 146 points, itemised, and the result follows the language', async ({ page }) => {
  test.setTimeout(180_000); // ten steps plus an axe scan, on a shared two-core machine
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/enrolment');
  const next = page.getByRole('button', { name: '下一步' });

  await expect(page.getByText('第1步，共10步')).toBeVisible();
  await page.getByRole('radio', { name: '小学一年级' }).check();
  await page.getByLabel('入学年份（当年9月）').selectOption('2025');
  await page.getByLabel('计算到这一天（申请日期）').fill('2025-05-20');
  await next.click();

  await expect(page.getByText('第2步，共10步')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2 })).toBeFocused();
  await page.getByLabel('申请镇街').selectOption({ label: '虎门镇' });
  await next.click();

  await page.getByLabel('孩子出生日期').fill('2019-03-01');
  await page.getByRole('group', { name: '孩子的户籍或身份' }).getByRole('radio', { name: '内地其他地方户籍' }).check();
  await next.click();

  await page.getByRole('group', { name: '家长方的户籍或身份' }).getByRole('radio', { name: '内地其他地方户籍' }).check();
  await next.click();

  await page.getByRole('radio', { name: '广东省居住证' }).check();
  await page.getByLabel('首次办理日期').fill('2021-05-20');
  await page.getByLabel('居住证登记镇街').selectOption({ label: '虎门镇' });
  await next.click();

  for (const type of ['养老保险', '医疗保险', '失业保险', '工伤保险', '生育保险']) await page.getByLabel(type).fill('48');
  await page.getByLabel('社保缴纳镇街').selectOption({ label: '虎门镇' });
  await next.click();

  await page.getByLabel('个人所得税（工资、劳务、经营、股息等），三年合计（元）').fill('6000');
  await page.getByLabel('纳税镇街').selectOption({ label: '虎门镇' });
  await next.click();

  await page.getByRole('group', { name: '家长方、配偶或孩子在东莞有自有住房吗？' }).getByRole('radio', { name: '是' }).check();
  await page.getByLabel('住房所在镇街').selectOption({ label: '虎门镇' });
  await next.click();

  await page.getByRole('checkbox', { name: '合法稳定职业' }).check();
  await page.getByRole('checkbox', { name: '合法稳定住所' }).check();
  await next.click();

  await expect(page.getByText('第10步，共10步')).toBeVisible();
  await page.getByRole('button', { name: '查看结果' }).click();

  await expect(page.getByRole('heading', { name: '你的估算结果' })).toBeFocused();
  await expect(page.getByText('这只是估算，不是官方决定。', { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId('enrolment-total')).toHaveText('146');
  const permitRow = page.locator('tr[data-item="permit"]');
  await expect(permitRow.locator('td').first()).toHaveText('48');
  await expect(page.locator('tr[data-item="home"]')).toContainText('在申请的镇街（虎门镇）有自有住房：20分');

  // Switch to English in "Me" and come back: the answers are still in memory, the result is now in English.
  await page.getByRole('navigation').getByRole('link', { name: '我的', exact: true }).click();
  // The settings radio is controlled by i18next, which switches after loading the language: click, then wait.
  await page.getByRole('radio', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('navigation').getByRole('link', { name: 'School enrolment', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your estimate' })).toBeVisible();
  await expect(page.getByTestId('enrolment-total')).toHaveText('146');
  await expect(page.locator('tr[data-item="home"]')).toContainText('Own home in the town you apply in (Humen Town): 20 points');
  await expect(page.getByText('Estimate, not an official decision.', { exact: false }).first()).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a future birth date is refused with a message linked to the field', async ({ page }) => {
  test.setTimeout(120_000); // the shared two-core machine can be slow
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/enrolment');
  await page.getByRole('radio', { name: 'Primary grade 1' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Target town').selectOption({ label: 'Humen Town' });
  await page.getByRole('button', { name: 'Next' }).click();

  const birth = page.getByLabel("Child's date of birth");
  await birth.fill('2099-01-01');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('This date is in the future.')).toBeVisible();
  await expect(birth).toHaveAttribute('aria-invalid', 'true');
  await expect(birth).toHaveAccessibleDescription(/This date is in the future/);
  await expect(birth).toBeFocused();
  await expect(page.getByText('Step 3 of 10')).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
