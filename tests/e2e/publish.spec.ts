/**
 * Issue 22 end to end: three owners' lists (the education bureau's XLSX kindergarten list, an OpenStreetMap
 * extract, civil affairs' HSDS directory; docs/examples/publish/) go through `npm run feed:publish` into a feed
 * served by the feed simulator (a real HTTP server on 127.0.0.1); the app syncs it. Then the bureau's list changes
 * (a phone edited, two rows removed, one added), the feed is republished with --previous, and the device downloads
 * only the chunks whose records changed — counted at the server. The detail page names the owner and offers
 * "report a problem" (the owner line is rendered by the owned-files part of issue 22).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { startSimulator, type Simulator } from '../../scripts/feed-simulate.ts';
import { expect, presetPreferences, test } from './helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EMBEDDED_VERSION = (
  JSON.parse(readFileSync(join(ROOT, process.env.DIST_DIR ?? 'dist', 'feed', 'manifest.json'), 'utf8')) as { version: string }
).version;
const FIRST = '2026-12-01T04:00:00Z';
const SECOND = '2026-12-03T04:00:00Z';

interface Manifest {
  version: string;
  chunks: { path: string; sha256: string; gzipPath?: string; packedPath?: string }[];
}

let work = '';
let feedDir = '';

function publish(generatedAt: string, previous: boolean) {
  const args = ['tsx', 'scripts/feed-publish.ts', join(work, 'publish.json'), '--out', feedDir, '--generated-at', generatedAt];
  if (previous) args.push('--previous', feedDir);
  const run = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`feed:publish failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}
const manifest = (): Manifest => JSON.parse(readFileSync(join(feedDir, 'manifest.json'), 'utf8')) as Manifest;

/** The bureau's new list: row 13's phone edited, rows 8 and 9 (长安) removed, a new 长安 kindergarten added. */
async function editKindergartenList() {
  const file = join(work, 'kindergartens.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  ws.getRow(14).getCell(6).value = '0769-12349999'; // row 1 is the header: 序号 13 is sheet row 14
  const added = (ws.getRow(11).values as ExcelJS.CellValue[]).slice(1); // 序号 10, 长安
  added[0] = 25;
  added[1] = '东莞市长安镇示例新开幼儿园（示例数据）';
  added[2] = "Chang'an Example New Kindergarten (example data)";
  ws.spliceRows(9, 2); // 序号 8 and 9
  ws.addRow(added);
  await wb.xlsx.writeFile(file);
}

async function serve(port = 0, requests: string[] = []): Promise<{ sim: Simulator; requests: string[] }> {
  const sim = await startSimulator({ feedDir, port, tickMs: 0, onRequest: (path) => requests.push(path) });
  return { sim, requests };
}

async function syncFrom(page: Page, url: string) {
  await page.goto('/settings');
  const panel = page.getByTestId('data-status');
  await expect(panel.getByTestId('feed-version')).toHaveText(EMBEDDED_VERSION, { timeout: 120_000 });
  await panel.getByLabel('数据源网址').fill(url);
  await panel.getByRole('button', { name: '保存地址' }).click();
  await expect(panel.getByText('地址已保存。')).toBeVisible();
  await panel.getByRole('button', { name: '立即同步' }).click();
}

async function syncAgain(page: Page) {
  await page.goto('/settings');
  await page.getByTestId('data-status').getByRole('button', { name: '立即同步' }).click();
}

test.describe('feed:publish → a device', () => {
  test.describe.configure({ timeout: 240_000 });
  test.use({ viewport: { width: 390, height: 844 } });

  test.beforeEach(async ({ page }) => {
    work = mkdtempSync(join(tmpdir(), 'dgn-e2e-publish-'));
    cpSync(join(ROOT, 'docs/examples/publish'), work, { recursive: true });
    feedDir = join(work, 'feed');
    await presetPreferences(page, { language: 'zh-Hans', elder: false });
  });
  test.afterEach(() => rmSync(work, { recursive: true, force: true }));

  test('three owners published, synced; after one owner’s update the device downloads only the changed chunks', async ({ page }) => {
    const printed = publish(FIRST, false);
    expect(printed).toContain('merged: osm osm-n9000000001 → edu-kg edu-kg-1');
    const v1 = manifest();
    const first = await serve();
    try {
      await syncFrom(page, first.sim.url);
      await expect(page.getByTestId('sync-result')).toHaveAttribute('data-status', 'updated', { timeout: 120_000 });
      await expect(page.getByTestId('feed-version')).toHaveText('1');
      // each chunk as its packed copy (manifest packedPath, issue 26): the -packed.json.gz feed:publish writes beside it
      expect(v1.chunks.every((c) => c.gzipPath === `${c.path}.gz` && c.packedPath === c.path.replace(/\.json$/, '-packed.json.gz'))).toBe(
        true,
      );
      expect(first.requests.filter((p) => p.startsWith('/services/')).sort()).toEqual(v1.chunks.map((c) => `/${c.packedPath}`).sort());
    } finally {
      await first.sim.close();
    }

    await editKindergartenList();
    const review = publish(SECOND, true);
    expect(review).toContain('edu-kg: 24 → 23 records: +1 added, -2 removed, ~1 changed');
    expect(review).toContain('changed edu-kg-13: phone, source.updated');
    const v2 = manifest();
    expect(v2.version).toBe('2');
    const changed = v2.chunks.filter((c) => v1.chunks.find((o) => o.path === c.path)?.sha256 !== c.sha256).map((c) => `/${c.packedPath}`);
    expect(changed.sort()).toEqual(['/services/441900004-packed.json.gz', '/services/441900119-packed.json.gz']);

    const second = await serve(first.sim.port);
    try {
      // Opening the app syncs the saved feed by itself; "sync now" then finds nothing newer.
      await syncAgain(page);
      await expect(page.getByTestId('feed-version')).toHaveText('2', { timeout: 120_000 });
      await expect(page.getByTestId('sync-result')).toHaveAttribute('data-status', /updated|unchanged/);
      // Of the five chunks, only the two whose records changed crossed the network.
      expect(second.requests.filter((p) => p.startsWith('/services/')).sort()).toEqual(changed);
    } finally {
      await second.sim.close();
    }
    await page.goto('/service/edu-kg-13');
    await expect(page.getByTestId('call-link')).toHaveAttribute('href', 'tel:076912349999');
    await page.goto('/service/edu-kg-25');
    await expect(page.getByText('东莞市长安镇示例新开幼儿园（示例数据）').first()).toBeVisible();
  });

  test('the detail page names the owner and the date, with "report a problem" going to the owner', async ({ page }) => {
    publish(FIRST, false);
    const { sim } = await serve();
    try {
      await syncFrom(page, sim.url);
      await expect(page.getByTestId('sync-result')).toHaveAttribute('data-status', 'updated', { timeout: 120_000 });
    } finally {
      await sim.close();
    }
    await page.goto('/service/edu-kg-13');
    await expect(page.getByText('信息来源：东莞市教育局（示例） · 更新于 2026-12-01')).toBeVisible();
    await expect(page.getByRole('link', { name: '信息有误？' })).toHaveAttribute('href', /^tel:12345/);
    await page.goto('/service/ca-sal-1');
    await expect(page.getByText('信息来源：东莞市民政局（示例） · 更新于 2026-12-01')).toBeVisible();
    await expect(page.getByRole('link', { name: '信息有误？' })).toHaveAttribute('href', /^mailto:data@example\.org/);
  });
});
