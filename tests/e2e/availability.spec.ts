/**
 * Live availability against the local feed simulator (scripts/feed-simulate.ts), in the built app:
 * a parking figure moves without reload, a 304 re-renders nothing, 500s and garbage keep the last
 * good figures (and are counted), offline keeps them with their age, and they turn stale.
 */
import { test, expect, idb, presetPreferences } from './helpers';
import { startSimulator, type Simulator } from '../../scripts/feed-simulate.ts';

const POLL_SECONDS = 5;
let sim: Simulator;

test.beforeAll(async () => {
  // Serve exactly the feed the built app embeds, with manual ticks so each change is deliberate.
  sim = await startSimulator({ port: 0, feedDir: 'public/feed', pollSeconds: POLL_SECONDS, tickMs: 0 });
});
test.afterAll(async () => {
  await sim?.close();
});

function firstParking() {
  const item = sim.snapshot().items.find((i) => i.figures.kind === 'parking');
  if (!item) throw new Error('the feed has no parking item');
  return item as unknown as { serviceId: string; figures: { free: number; total: number } };
}

/** Ticks the simulator until the given car park's free count differs from `from`. */
function tickUntilChanged(id: string, from: number): number {
  for (let i = 0; i < 50; i++) {
    sim.tick();
    const now = sim.snapshot().items.find((x) => x.serviceId === id)!.figures as unknown as { free: number };
    if (now.free !== from) return now.free;
  }
  throw new Error('the random walk did not move');
}

test('live parking figures: update without reload, 304 no re-render, faults keep good figures, offline and stale', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  await presetPreferences(page, { language: 'en' });
  // The loop must run in its worker: the page fallback would pass every check below as well.
  const pollWorkers: string[] = [];
  const fellBack: string[] = [];
  page.on('worker', (w) => w.url().includes('availability-poll') && pollWorkers.push(w.url()));
  page.on('console', (m) => m.text().includes('poll worker failed') && fellBack.push(m.text()));

  // First visit: the app imports its embedded feed. Then point it at the simulator and reload.
  await page.goto('/');
  await expect
    .poll(async () => ((await idb(page, 'get', 'feedMeta', 'meta')) as { version?: string } | undefined)?.version, { timeout: 60_000 })
    .toBeTruthy();
  await idb(page, 'put', 'settings', { key: 'feedUrl', value: sim.url });

  const parking = firstParking();
  const availabilityResponses: number[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(sim.url) && r.url().includes('availability.json')) availabilityResponses.push(r.status());
  });
  await page.goto(`/service/${encodeURIComponent(parking.serviceId)}`);

  const panel = page.getByTestId('availability-panel');
  const free = panel.getByTestId('parking-figures').locator('[data-free]').first();
  await expect(free).toHaveAttribute('data-free', String(parking.figures.free), { timeout: 30_000 });
  await expect(panel).toHaveAttribute('data-freshness', 'fresh');
  // The feed URL changed, so the app re-imports the feed from the simulator in the background: let
  // that finish so the timing below measures polling, not a concurrent bulk import.
  await expect
    .poll(async () => ((await idb(page, 'get', 'feedMeta', 'meta')) as { feedUrl?: string } | undefined)?.feedUrl, { timeout: 60_000 })
    .toBe(sim.url);

  // 1. A change at the source shows up within one poll interval, without reload.
  const navigations: string[] = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
  const changed = tickUntilChanged(parking.serviceId, parking.figures.free);
  await expect(free).toHaveAttribute('data-free', String(changed), { timeout: POLL_SECONDS * 1000 + 2500 });
  await expect(free).toContainText(`${changed} free of ${parking.figures.total}`);
  expect(navigations).toEqual([]);

  // 2. Nothing changes at the source: the next polls get 304, the store is not written and the figures are not re-rendered.
  const itemCommits = await panel.getAttribute('data-item-commits');
  const fetchedAt = async () =>
    ((await idb(page, 'get', 'availability', parking.serviceId)) as { fetchedAt?: string } | undefined)?.fetchedAt;
  const storedAt = await fetchedAt();
  const seen = availabilityResponses.length;
  await expect.poll(() => availabilityResponses.slice(seen).includes(304), { timeout: POLL_SECONDS * 1000 + 3000 }).toBe(true);
  // A poll ends (with its write, were there one) before the next is scheduled: the next response is the event to wait for.
  const first304 = seen + availabilityResponses.slice(seen).indexOf(304);
  await expect.poll(() => availabilityResponses.length > first304 + 1, { timeout: POLL_SECONDS * 1000 + 3000 }).toBe(true);
  expect(await fetchedAt()).toBe(storedAt);
  expect(await panel.getAttribute('data-item-commits')).toBe(itemCommits);
  await expect(free).toHaveAttribute('data-free', String(changed));

  // 3. The source breaks: 500s, then garbage. The last good figures stay; each fault is counted.
  sim.setFault('500');
  const before500 = availabilityResponses.length;
  await expect.poll(() => availabilityResponses.slice(before500).includes(500), { timeout: POLL_SECONDS * 1000 + 3000 }).toBe(true);
  sim.setFault('garbage');
  sim.tick(); // even with new figures behind the fault, nothing may be written
  const beforeGarbage = availabilityResponses.length;
  // One failure so far: the retry comes after 1–2 poll intervals (backoff with jitter).
  await expect.poll(() => availabilityResponses.length > beforeGarbage, { timeout: 2 * POLL_SECONDS * 1000 + 3000 }).toBe(true);
  await expect
    .poll(
      async () =>
        ((await idb(page, 'get', 'settings', 'availabilityFaults')) as { value?: { counts?: Record<string, number> } } | undefined)?.value
          ?.counts,
      {
        timeout: 10_000,
      },
    )
    .toMatchObject({ http5xx: expect.any(Number), malformedJson: expect.any(Number) });
  const faults = ((await idb(page, 'get', 'settings', 'availabilityFaults')) as { value: { counts: Record<string, number> } }).value.counts;
  expect(faults.http5xx).toBeGreaterThanOrEqual(1);
  expect(faults.malformedJson).toBeGreaterThanOrEqual(1);
  await expect(free).toHaveAttribute('data-free', String(changed));

  // 4. Offline: the figures stay, marked with their age.
  await context.setOffline(true);
  await expect(panel.locator('.avail-offline-note')).toContainText(/You are offline.*(ago|just now)/);
  await expect(free).toHaveAttribute('data-free', String(changed));

  // 5. Past the parking threshold (10 min) with no good update: greyed and "may be out of date".
  // The clock is faked only now: Dexie's live queries don't survive a fake clock, and none are needed
  // from here on. Coming back online re-renders at once (the source is still broken: garbage).
  await page.clock.install();
  await page.clock.fastForward('11:00');
  await context.setOffline(false);
  await expect(panel).toHaveAttribute('data-freshness', 'stale', { timeout: 40_000 });
  await expect(panel).toContainText('may be out of date');
  await expect(panel.locator('.avail-observed')).toContainText(/\((1[01]) min ago\)/);
  await expect(free).toHaveAttribute('data-free', String(changed));
  expect(pollWorkers.length).toBeGreaterThan(0);
  expect(fellBack).toEqual([]);
});

test('a poll worker that cannot load: the page polls in its place and says why', async ({ page, context }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await context.route(/availability-poll\.worker/, (route) => route.abort());
  await presetPreferences(page, { language: 'en' });
  await page.goto('/');
  await expect.poll(() => warnings.join('\n'), { timeout: 60_000 }).toContain('poll worker failed (worker script did not load)');
  // Resource timing lists only the page's own requests: this fetch is the page's loop, not a worker's.
  const pageFetchedAvailability = () =>
    page.evaluate(() => performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith('/availability.json')));
  await expect.poll(pageFetchedAvailability, { timeout: 30_000 }).toBe(true);
});
