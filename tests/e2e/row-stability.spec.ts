import { expect, presetPreferences, test } from './helpers';

/* Issue 11: live figures that land after the list is drawn must not move it (no layout shift). */
test.use({ geolocation: { latitude: 22.815, longitude: 113.672 }, permissions: ['geolocation'], viewport: { width: 390, height: 844 } });

for (const mode of [
  { language: 'zh-Hans', elder: false },
  { language: 'en', elder: true },
] as const) {
  test(`the first rows do not move when availability arrives after them (${mode.language}${mode.elder ? ', elder mode' : ''})`, async ({
    page,
  }) => {
    // Availability answers late, so the rows are drawn first with "no live data".
    await page.route('**/availability.json*', async (route) => {
      await new Promise((r) => setTimeout(r, 2500));
      await route.continue();
    });
    await presetPreferences(page, mode);
    await page.goto('/');
    await page.getByTestId('use-location').click();
    const rows = page.getByTestId('service-row');
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    const badges = rows.getByTestId('availability-badge');
    await expect(badges.first()).toHaveAttribute('data-freshness', 'missing');
    const boxes = async () =>
      rows.evaluateAll((els) =>
        els.slice(0, 3).map((e) => {
          const r = e.getBoundingClientRect();
          return [Math.round(r.y), Math.round(r.height)];
        }),
      );
    const before = await boxes();
    await expect(badges.first()).not.toHaveAttribute('data-freshness', 'missing', { timeout: 30_000 });
    await expect(rows.first().locator('[data-freshness="missing"]')).toHaveCount(0);
    expect(await boxes()).toEqual(before);
  });
}
