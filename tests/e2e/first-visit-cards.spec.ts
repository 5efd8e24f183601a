import { expect, test, waitForServiceWorker } from './helpers';

/*
 * Issue 26: on a first visit (nothing chosen yet, data still downloading) the cards that come and go — the
 * elder-mode offer, the status dock (first-run progress, "ready offline") and, inside WeChat, the in-app
 * hint — never cover the first result row nor move it, on a 390×844 phone.
 */
const HERE = { latitude: 22.815, longitude: 113.672 }; // 虎门镇
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
interface Seen {
  row: Box | null;
  moved: string[];
  covered: string[];
  cards: string[];
}

const CARDS = ['.elder-offer', '.status-dock > *', '[data-testid="in-app-hint"]'];

for (const browser of [
  { name: 'an ordinary browser', userAgent: undefined },
  { name: 'WeChat', userAgent: WECHAT_UA },
]) {
  test.describe(`first visit in ${browser.name}`, () => {
    test.use({
      geolocation: HERE,
      permissions: ['geolocation'],
      viewport: { width: 390, height: 844 },
      ...(browser.userAgent ? { userAgent: browser.userAgent } : {}),
    });

    test('no card covers or moves the first result row', async ({ page }) => {
      // Every frame: where the first row is, and whether any card's box overlaps it.
      await page.addInitScript((cards) => {
        const seen: Seen = { row: null, moved: [], covered: [], cards: [] };
        (window as unknown as { seen: Seen }).seen = seen;
        const boxOf = (el: Element): Box => {
          const r = el.getBoundingClientRect();
          return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right) };
        };
        const frame = () => {
          const row = document.querySelector('[data-testid="service-row"]');
          const box = row && window.scrollY === 0 ? boxOf(row) : null;
          if (box) {
            if (!seen.row) seen.row = box;
            else if (box.top !== seen.row.top || box.bottom !== seen.row.bottom) seen.moved.push(`${seen.row.top}→${box.top}`);
          }
          for (const selector of cards) {
            for (const card of document.querySelectorAll(selector)) {
              const c = boxOf(card);
              if (c.bottom <= c.top) continue; // not laid out
              const name = `${selector} "${(card.textContent ?? '').trim().slice(0, 24)}"`;
              if (!seen.cards.includes(name)) seen.cards.push(name);
              const overlaps = box && c.top < box.bottom && c.bottom > box.top && c.left < box.right && c.right > box.left;
              const line = `${name} [${c.top}, ${c.bottom}] over row [${box?.top}, ${box?.bottom}]`;
              if (overlaps && !seen.covered.includes(line)) seen.covered.push(line);
            }
          }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        type Box = { top: number; bottom: number; left: number; right: number };
        type Seen = { row: Box | null; moved: string[]; covered: string[]; cards: string[] };
      }, CARDS);
      await page.goto('/');
      await expect(page.locator('.elder-offer')).toBeVisible({ timeout: 30_000 });
      if (browser.userAgent) await expect(page.getByTestId('in-app-hint')).toBeVisible();
      await page.getByTestId('use-location').click();
      await expect(page.getByTestId('service-row').first()).toBeVisible({ timeout: 45_000 });
      if (browser.userAgent) {
        // Inside WeChat nothing is kept for offline use: no "ready offline" card, even once the service worker runs.
        await waitForServiceWorker(page);
        await page.waitForTimeout(500);
        await expect(page.getByTestId('offline-ready')).toHaveCount(0);
      } else {
        // The first visit's last card: the app is ready offline (the download's progress has gone by then).
        await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 45_000 });
      }
      await expect(page.locator('.sync-progress')).toHaveCount(0, { timeout: 30_000 });
      await page.waitForTimeout(300);
      const seen = await page.evaluate(() => (window as unknown as { seen: Seen }).seen);
      expect(seen.row, 'the first row was drawn').not.toBeNull();
      // The cards were there to be checked against (a test that saw none would prove nothing).
      expect(
        seen.cards.some((c) => c.startsWith('.elder-offer')),
        seen.cards.join('; '),
      ).toBe(true);
      expect(
        seen.cards.some((c) => c.startsWith('.status-dock')),
        seen.cards.join('; '),
      ).toBe(true);
      if (browser.userAgent)
        expect(
          seen.cards.some((c) => c.includes('in-app-hint')),
          seen.cards.join('; '),
        ).toBe(true);
      expect(seen.covered, 'cards over the first row').toEqual([]);
      expect(seen.moved, 'the first row moved').toEqual([]);
      // And the row is on the first screen, above the tab bar.
      const tabBar = (await page.locator('.tab-bar').boundingBox())!;
      expect(seen.row!.top).toBeGreaterThanOrEqual(0);
      expect(seen.row!.bottom).toBeLessThanOrEqual(tabBar.y);
    });
  });
}
