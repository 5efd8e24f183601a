/**
 * Issue 24: the built app, live:relay and the simulator as an owner, together. The simulator answers as a
 * car-park operator's JSON API (/owners/parking.json) and serves the feed with the relay's own output as
 * availability.json (as the feed's CDN would); the relay polls the owner every second. A badge in the list
 * changes without reload; when the owner stops answering, the relay keeps its last figure with its own time
 * and the badge greys once that time is older than the parking threshold (a fast-forwarded page clock).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, idb, presetPreferences, test } from './helpers';
import { startSimulator, type Simulator } from '../../scripts/feed-simulate.ts';
import { parkingApiOwner } from '../fixtures/relay/owner-configs.ts';

const HERE = { latitude: 22.815, longitude: 113.672 }; // 虎门镇
test.use({ geolocation: HERE, permissions: ['geolocation'], viewport: { width: 390, height: 844 } });

let dir: string;
let sim: Simulator;
let relay: ChildProcess;
let relayUrl: string;
let outFile: string;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'live-relay-e2e-'));
  outFile = path.join(dir, 'availability.json');
  // Manual ticks: each change at the owner is deliberate.
  sim = await startSimulator({ port: 0, feedDir: 'public/feed', pollSeconds: 5, tickMs: 0, liveFile: outFile });
  const config = {
    feed: path.resolve('public/feed'),
    out: outFile,
    pollSeconds: 1,
    owners: [parkingApiOwner({ id: 'sim-parking', url: `${sim.url}owners/parking.json`, every: 1, timeoutSeconds: 1 })],
  };
  await writeFile(path.join(dir, 'live.json'), JSON.stringify(config));
  // The relay as operators run it: its own process, started by PID and stopped with SIGTERM.
  relay = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/live-relay.ts', path.join(dir, 'live.json'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  relay.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  await expect.poll(() => /LIVE_RELAY_URL=(\S+)/.exec(stdout)?.[1], { timeout: 30_000 }).toBeTruthy();
  relayUrl = /LIVE_RELAY_URL=(\S+)/.exec(stdout)![1]!;
  await expect.poll(async () => (await readFile(outFile, 'utf8').catch(() => '')).includes('"parking"'), { timeout: 10_000 }).toBe(true);
});

test.afterAll(async () => {
  if (relay && relay.exitCode === null) {
    const exited = new Promise((resolve) => relay.once('exit', resolve));
    relay.kill('SIGTERM');
    await exited;
  }
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

type Written = { serviceId: string; observedAt: string; figures: { free: number; total: number } };
async function writtenItem(id: string): Promise<Written | undefined> {
  const doc = JSON.parse(await readFile(outFile, 'utf8')) as { items: Written[] };
  return doc.items.find((i) => i.serviceId === id);
}

function ownerFree(id: string): number {
  return (sim.snapshot().items.find((i) => i.serviceId === id)!.figures as unknown as { free: number }).free;
}

/** Ticks the simulator until the car park's free count differs from `from`. */
function tickUntilChanged(id: string, from: number): number {
  for (let i = 0; i < 50; i++) {
    sim.tick();
    if (ownerFree(id) !== from) return ownerFree(id);
  }
  throw new Error('the random walk did not move');
}

test('app + relay + simulator as owner: a badge moves without reload, and greys once the owner is down past the parking threshold', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await presetPreferences(page, { language: 'en', elder: false });
  await page.goto('/');
  await expect
    .poll(async () => ((await idb(page, 'get', 'feedMeta', 'meta')) as { version?: string } | undefined)?.version, { timeout: 60_000 })
    .toBeTruthy();
  // The feed (and so availability.json) now comes from the simulator, which serves the relay's file.
  await idb(page, 'put', 'settings', { key: 'feedUrl', value: sim.url });
  await page.reload();
  await expect
    .poll(async () => ((await idb(page, 'get', 'feedMeta', 'meta')) as { feedUrl?: string } | undefined)?.feedUrl, { timeout: 60_000 })
    .toBe(sim.url);

  await page.getByTestId('use-location').click();
  await page.getByTestId('open-filters').click();
  const sheet = page.getByRole('dialog', { name: 'Filters' });
  await sheet.getByRole('button', { name: 'Car parks' }).click();
  await sheet.getByTestId('show-results').click();
  const row = page.getByTestId('service-row').first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  const href = await row.getByRole('link').first().getAttribute('href');
  const id = decodeURIComponent(href!.replace(/^.*\/service\//, ''));
  const badge = row.getByTestId('availability-badge');

  // 1. Live figures are on screen, fresh (at first perhaps the embedded sample's, re-dated when fetched).
  await expect(badge).toHaveAttribute('data-freshness', 'fresh', { timeout: 30_000 });
  const total = (await writtenItem(id))!.figures.total;

  // 2. The owner's count moves: owner → relay (1 s) → file → app poll (5 s) → badge, with no navigation.
  const navigations: string[] = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
  const moved = tickUntilChanged(id, ownerFree(id));
  await expect.poll(async () => (await writtenItem(id))?.figures.free, { timeout: 5_000 }).toBe(moved);
  await expect(badge).toContainText(`${moved} free / ${total}`, { timeout: 12_000 });
  await expect(badge).toHaveAttribute('data-freshness', 'fresh');
  expect(navigations).toEqual([]);

  // 3. The owner stops answering. Its counts keep moving behind the outage, but nothing reaches the file:
  //    the relay keeps the last good figure with the owner's own time.
  sim.setOwnerFault('timeout');
  const lastGood = (await writtenItem(id))!;
  tickUntilChanged(id, moved);
  const timeouts = async () =>
    Number(
      /live_relay_owner_failures_total\{owner="sim-parking",kind="timeout"\} (\d+)/.exec(
        await (await fetch(relayUrl + 'metrics')).text(),
      )?.[1] ?? 0,
    );
  await expect.poll(timeouts, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(await writtenItem(id)).toEqual(lastGood);
  await expect(badge).toContainText(`${moved} free`);

  // 4. Eleven minutes later (page clock; the parking threshold is 10 min) the badge greys, figure unchanged.
  await page.clock.install();
  await page.clock.fastForward('11:00');
  await expect(badge).toHaveAttribute('data-freshness', 'stale', { timeout: 40_000 });
  await expect(badge).toContainText('may be out of date');
  await expect(badge).toContainText(`${moved} free / ${total}`);
  expect(await writtenItem(id)).toEqual(lastGood);
});
