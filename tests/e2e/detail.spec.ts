import type { Page } from '@playwright/test';
import { expect, presetPreferences, test } from './helpers';

/* Issue 11, point 4: call, go, book and keep at the top; elder mode sizes on the detail page. */
const HERE = { latitude: 22.815, longitude: 113.672 }; // 虎门镇
test.use({ geolocation: HERE, permissions: ['geolocation'], viewport: { width: 390, height: 844 } });

async function openFirstResult(page: Page) {
  await page.goto('/');
  await page.getByTestId('use-location').click();
  await page.getByTestId('service-row').first().getByRole('link').click();
  await expect(page.getByTestId('service-detail')).toBeVisible({ timeout: 30_000 });
}

for (const mode of [
  { language: 'zh-Hans', elder: true },
  { language: 'en', elder: true },
  { language: 'zh-Hant', elder: false },
] as const) {
  test(`the action row is at the top of the detail page (${mode.language}${mode.elder ? ', elder mode' : ''})`, async ({ page }) => {
    await presetPreferences(page, mode);
    await openFirstResult(page);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const tabBarTop = (await page.locator('.tab-bar').boundingBox())!.y;
    for (const id of ['navigate-action', 'book-link', 'favourite']) {
      const box = (await page.getByTestId('detail-actions').getByTestId(id).boundingBox())!;
      expect(box.y + box.height, id).toBeLessThanOrEqual(tabBarTop);
      if (mode.elder) expect(Math.min(box.width, box.height), id).toBeGreaterThanOrEqual(60);
    }
    const nav = new URL((await page.getByTestId('navigate-action').getAttribute('href'))!);
    expect(nav.hostname).toBe('uri.amap.com');
  });
}

test('elder mode: back link ≥ 60×60, hours on one line per day, no text under 18 px', async ({ page }) => {
  await presetPreferences(page, { language: 'zh-Hans', elder: true });
  await openFirstResult(page);
  const back = (await page.getByRole('link', { name: '返回列表' }).boundingBox())!;
  expect(back.width).toBeGreaterThanOrEqual(60);
  expect(back.height).toBeGreaterThanOrEqual(60);
  await expect(page.locator('.finder-hours th').first()).toBeVisible();
  const wrapped = await page.locator('.finder-hours th').evaluateAll((ths) =>
    ths
      .filter((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      })
      .map((th) => th.textContent),
  );
  expect(wrapped).toEqual([]);
  await expect(page.getByTestId('availability-panel')).toBeVisible();
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1 || el.closest('[hidden], .visually-hidden, .skip-link')) continue; // not shown
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 18) out.push(`${size}px: ${n.textContent.trim().slice(0, 30)}`);
    }
    return out;
  });
  expect(small).toEqual([]);
});
