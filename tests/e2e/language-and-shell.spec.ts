import { expect, presetPreferences, test } from './helpers';

/* Issue 11, points 6 and 7: titles and licence text in the active language, focus after navigation, in-app browsers. */
const HERE = { latitude: 22.815, longitude: 113.672 }; // 虎门镇
test.use({ geolocation: HERE, permissions: ['geolocation'], viewport: { width: 390, height: 844 } });

test('the document title follows the page and the language; focus moves to the new page heading', async ({ page }) => {
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/');
  await expect(page).toHaveTitle('Services near you · DG Nearby');
  await page.getByRole('link', { name: 'School enrolment', exact: true }).click();
  const h1 = page.locator('main h1');
  await expect(h1).toBeFocused();
  await expect(page).toHaveTitle(`${(await h1.textContent())!.trim()} · DG Nearby`);
  await page.getByRole('link', { name: 'Me', exact: true }).click();
  await expect(page.locator('main h1')).toBeFocused();
  await page.getByRole('radio', { name: /繁體中文/ }).check();
  await expect(page).toHaveTitle('我的 · 莞鄰');
  await page.getByRole('link', { name: '附近', exact: true }).click();
  await expect(page).toHaveTitle('附近的服務 · 莞鄰');
  await page.getByTestId('use-location').click();
  const first = page.getByTestId('service-row').first();
  const name = (await first.getByRole('link').textContent())!.trim();
  await first.getByRole('link').click();
  await expect(page).toHaveTitle(`${name} · 莞鄰`);
  await expect(page.getByTestId('detail-name')).toBeFocused();
});

test('licence and attribution in Me are in the active language, licence names as officially written', async ({ page }) => {
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/settings');
  const sources = page.getByTestId('sources');
  await expect(sources).toContainText('未声明许可', { timeout: 30_000 });
  await expect(sources).toContainText('WTFPL');
  await expect(sources).not.toContainText('No licence stated');
  await expect(sources).not.toContainText('Generated sample data');
});

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

test.describe('inside WeChat', () => {
  test.use({ userAgent: WECHAT_UA });
  test('a one-line hint to open in the system browser; finding services still works', async ({ page }) => {
    await presetPreferences(page, { language: 'zh-Hans', elder: false });
    await page.goto('/');
    await expect(page.getByTestId('in-app-hint')).toContainText('在浏览器打开');
    await page.getByTestId('use-location').click();
    await expect(page.getByTestId('service-row').first()).toBeVisible({ timeout: 30_000 });
  });
});

test('no in-app hint in an ordinary browser', async ({ page }) => {
  await presetPreferences(page, { language: 'zh-Hans', elder: false });
  await page.goto('/');
  await expect(page.getByTestId('use-location')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('in-app-hint')).toHaveCount(0);
});
