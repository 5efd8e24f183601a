/**
 * Screenshots of /operator for the closing note (docs/screens/issue-25, or SCREENS_DIR): 1280×800 and 390×844, in
 * zh-Hans, en, zh-Hant and zh-Hans elder mode, with the office-style GB18030 CSV loaded. Runs only with SCREENS=1.
 */
import { join } from 'node:path';
import { expect, presetPreferences, test } from './helpers';

test.skip(!process.env.SCREENS, 'screenshots only on request (SCREENS=1)');

const MODES = [
  { name: 'zh-Hans', language: 'zh-Hans', elder: false },
  { name: 'en', language: 'en', elder: false },
  { name: 'zh-Hant', language: 'zh-Hant', elder: false },
  { name: 'zh-Hans-elder', language: 'zh-Hans', elder: true },
] as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

for (const mode of MODES)
  for (const size of SIZES)
    test(`screens: ${mode.name} ${size.width}×${size.height}`, async ({ page }) => {
      await page.setViewportSize(size);
      await presetPreferences(page, { language: mode.language, elder: mode.elder });
      await page.goto('/settings');
      await expect(page.getByTestId('sources')).toBeVisible({ timeout: 60_000 });
      await page.goto('/operator');
      await page.locator('input[type="file"]').setInputFiles('tests/fixtures/operator/kindergartens-bd09-gb18030.csv');
      await expect(page.getByTestId('report-summary')).toBeVisible();
      await expect(page.getByTestId('point-outside')).toHaveCount(1);
      const out = join(process.env.SCREENS_DIR ?? 'docs/screens/issue-25', `operator-${mode.name}-${size.width}x${size.height}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${out}.png` });
      await page.getByTestId('point-outside').click();
      await page.screenshot({ path: `${out}-full.png`, fullPage: true });
    });
