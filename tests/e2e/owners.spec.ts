/**
 * Issue 22 in a real browser: a small test feed published by `feed:publish` from two owners (the bureau with an
 * e-mail contact, a car-park company with none) and, in one version, the bureau's 2027 enrolment rules with one
 * changed value. Served by a Node http server on 127.0.0.1 and synced through Me → Data status.
 * - The detail page names each record's owner with the update day, and "Report a problem" opens a mailto: draft
 *   naming the record, or calls 12345 when the owner gave no contact (elder mode: a 60 px target).
 * - The enrolment page answers with the published 2027 rules and says who published them and when; with a feed
 *   that has no rules it falls back to the embedded ones and says so.
 * With SCREENSHOTS_DIR set, it saves the 390×844 screenshots of issue 22 (zh-Hans, en, zh-Hant, zh-Hans elder).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { SCREEN_VARIANTS, expect, presetPreferences, test } from './helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(ROOT, 'tests/fixtures/owners');
const SHOTS = process.env.SCREENSHOTS_DIR;
/** 6 Dec 2026 in Dongguan: the quick check answers for the September 2027 intake. */
const TODAY = new Date('2026-12-06T10:00:00+08:00');
const PUBLISHED_DAY = '2026-12-05';

let work = '';
const feeds: Record<'withRules' | 'withoutRules', string> = { withRules: '', withoutRules: '' };
let server: Server;
let base = '';

/** The bureau's 2027 rules: the template of docs/examples/publish with the primary-1 cut-off day moved to 30 Sep. */
function rules2027(): unknown {
  const file = JSON.parse(readFileSync(join(ROOT, 'docs/examples/publish/enrolment-2027.json'), 'utf8'));
  file.publisher = { zh: '东莞市教育局（测试）', en: 'Dongguan Education Bureau (test)', zhHant: '東莞市教育局（測試）' };
  file.published = PUBLISHED_DAY;
  file.parameters.primary1AgeCutoff = {
    ...file.parameters.primary1AgeCutoff,
    value: { minAge: 6, monthDay: '09-30' },
    document: '2027年招生工作通知（测试数据）',
    url: 'https://edu.example.org/2027',
    status: 'official',
    checked: PUBLISHED_DAY,
  };
  return file;
}

/** The youth affairs office's list: the template of docs/examples/publish with the first programme renamed. */
function programmes(): unknown {
  const file = JSON.parse(readFileSync(join(ROOT, 'docs/examples/publish/programmes.json'), 'utf8'));
  file.publisher = { zh: '港澳青年事务办（测试）', en: 'Youth affairs office (test)' };
  file.published = PUBLISHED_DAY;
  file.programmes[0].name = { zh: '测试发布的青年计划（测试数据）', en: 'Programme published by the test feed (test data)' };
  return file;
}

function publish(name: keyof typeof feeds, withRules: boolean) {
  const dir = join(work, name);
  cpSync(FIXTURE, dir, { recursive: true });
  if (withRules) {
    writeFileSync(join(dir, 'enrolment-2027.json'), JSON.stringify(rules2027()));
    writeFileSync(join(dir, 'programmes.json'), JSON.stringify(programmes()));
    const config = JSON.parse(readFileSync(join(dir, 'publish.json'), 'utf8'));
    config.files = { enrolment: ['enrolment-2027.json'], programmes: 'programmes.json' };
    writeFileSync(join(dir, 'publish.json'), JSON.stringify(config));
  }
  const out = join(dir, 'feed');
  const run = spawnSync(
    'npx',
    ['tsx', 'scripts/feed-publish.ts', join(dir, 'publish.json'), '--out', out, '--generated-at', `${PUBLISHED_DAY}T00:00:00Z`],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0) throw new Error(`feed:publish failed: ${run.stderr}`);
  feeds[name] = out;
}

test.use({ viewport: { width: 390, height: 844 } });
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dgn-e2e-owners-'));
  publish('withRules', true);
  publish('withoutRules', false);
  // One real HTTP server: /withRules/… and /withoutRules/… are the two feeds.
  server = createServer((req, res) => {
    const [, name, ...rest] = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).split('/');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'ETag');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Headers': 'If-None-Match', 'Access-Control-Allow-Methods': 'GET' }).end();
      return;
    }
    const dir = feeds[name as keyof typeof feeds];
    const rel = rest.join('/');
    if (!dir || rel.includes('..')) return void res.writeHead(404).end();
    try {
      const body = readFileSync(join(dir, rel));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

/** Points the app at a test feed through Me → Data status (English labels) and waits for the sync. */
async function syncFrom(page: Page, name: keyof typeof feeds) {
  await page.goto('/settings');
  const panel = page.getByTestId('data-status');
  // The first run imports the embedded sample feed first.
  await expect(panel.getByTestId('feed-version')).toBeVisible({ timeout: 120_000 });
  await panel.getByLabel('Feed URL').fill(`${base}/${name}/`);
  await panel.getByRole('button', { name: 'Save address' }).click();
  await expect(panel.getByText('Address saved.')).toBeVisible();
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(panel.getByTestId('sync-result')).toHaveAttribute('data-status', 'updated', { timeout: 60_000 });
  await expect(panel.getByTestId('feed-version')).toHaveText('1');
}

/** The ids of every record the published feed lists, chunk by chunk as its manifest names them. */
function recordIds(name: keyof typeof feeds): string[] {
  const manifest = JSON.parse(readFileSync(join(feeds[name], 'manifest.json'), 'utf8')) as { chunks: { path: string }[] };
  return manifest.chunks.flatMap((c) =>
    (JSON.parse(readFileSync(join(feeds[name], c.path), 'utf8')).services as { id: string }[]).map((s) => s.id),
  );
}

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

test('the detail page names each owner, and "Report a problem" reaches them (an e-mail draft, or 12345)', async ({ page }) => {
  await presetPreferences(page, { language: 'en' });
  await syncFrom(page, 'withRules');
  expect(recordIds('withRules').sort()).toEqual(['kg-1', 'kg-2', 'park-7']);

  await page.goto('/service/kg-1');
  await expect(page.getByTestId('detail-name')).toHaveText('Test Humen Kindergarten (test data)');
  await expect(page.getByTestId('detail-source')).toHaveText(`Source: Dongguan Education Bureau (test) · updated ${PUBLISHED_DAY}`);
  const report = page.getByRole('link', { name: 'Report a problem' });
  const href = (await report.getAttribute('href'))!;
  expect(href.startsWith('mailto:kg-data@example.org?subject=')).toBe(true);
  const draft = new URLSearchParams(href.split('?')[1]);
  expect(draft.get('subject')).toBe('Problem with 测试虎门幼儿园（测试数据） / Test Humen Kindergarten (test data) (kg-1)');
  expect(draft.get('body')).toContain('Id: kg-1');

  await page.goto('/service/park-7');
  await expect(page.getByTestId('detail-source')).toHaveText(`Source: Example car park company (test) · updated ${PUBLISHED_DAY}`);
  await expect(page.getByTestId('report-problem')).toHaveAttribute('href', 'tel:12345');

  // The same line in Chinese, and a 60 px target in elder mode.
  await presetPreferences(page, { language: 'zh-Hans', elder: true });
  await page.goto('/service/kg-1');
  await expect(page.getByTestId('detail-source')).toHaveText(`信息来源：东莞市教育局（测试） · 更新于 ${PUBLISHED_DAY}`);
  const box = await page.getByRole('link', { name: '信息有误？' }).boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(60);
  expect(box!.width).toBeGreaterThanOrEqual(60);

  if (SHOTS) {
    for (const [language, elder, suffix] of SCREEN_VARIANTS) {
      await presetPreferences(page, { language, elder });
      await page.goto('/service/kg-1');
      await page.getByTestId('record-owner').scrollIntoViewIfNeeded();
      await shoot(page, `detail-owner-${suffix}`);
    }
  }
});

test('the enrolment page answers with the published 2027 rules and names their publisher; without them, the embedded rules', async ({
  page,
}) => {
  await page.clock.setFixedTime(TODAY);
  await presetPreferences(page, { language: 'en' });
  await syncFrom(page, 'withRules');
  await presetPreferences(page, { language: 'zh-Hans' });
  await page.goto('/enrolment');
  const provenance = page.getByTestId('enrolment-rules-provenance');
  await expect(provenance).toHaveText(`2027 年招生规则：东莞市教育局（测试） 发布于 ${PUBLISHED_DAY}`);
  await expect(provenance).toHaveAttribute('data-published', 'feed');
  const age = page.getByTestId('enrolment-quick-answer').locator('[data-line="age"]');
  const openPrimary1InHumen = async () => {
    await page.getByRole('button', { name: '小学一年级' }).click();
    await page.getByTestId('enrolment-town-grid').locator('[data-town="441900121"]').click();
  };
  await openPrimary1InHumen();
  // The one changed value: born on or before 30 Sep 2021 (the embedded rules say 31 Aug), cited as official.
  await expect(age).toContainText('2021-09-30');
  await expect(age).toContainText('2027年招生工作通知（测试数据）');
  await expect(age.locator('.enr-source')).toHaveAttribute('data-quality', 'official');

  if (SHOTS) {
    for (const [language, elder, suffix] of SCREEN_VARIANTS) {
      await presetPreferences(page, { language, elder });
      await page.goto('/enrolment');
      await expect(provenance).toHaveAttribute('data-published', 'feed');
      await shoot(page, `enrolment-publisher-${suffix}`);
    }
    await presetPreferences(page, { language: 'zh-Hans', elder: false });
  }

  // A feed without rules: the embedded copy answers, and says so.
  await presetPreferences(page, { language: 'en' });
  await syncFrom(page, 'withoutRules');
  await presetPreferences(page, { language: 'zh-Hans' });
  await page.goto('/enrolment');
  await expect(provenance).toHaveText('2027 年招生规则：应用内置资料，整理于 2026-11-30');
  await expect(provenance).toHaveAttribute('data-published', 'embedded');
  await openPrimary1InHumen();
  await expect(age).toContainText('2021-08-31');
  await expect(age).not.toContainText('测试数据');
  await shoot(page, 'enrolment-embedded-zh-Hans');
});

test('the youth page shows the programmes the youth affairs office published, and says so; without them, the embedded list', async ({
  page,
}) => {
  await page.clock.setFixedTime(TODAY);
  await presetPreferences(page, { language: 'en' });
  await syncFrom(page, 'withRules');
  await presetPreferences(page, { language: 'zh-Hans' });
  await page.goto('/youth');
  const provenance = page.getByTestId('youth-provenance');
  await expect(provenance).toHaveText(`港澳青年事务办（测试） 发布于 ${PUBLISHED_DAY}`);
  await expect(page.getByRole('heading', { name: '测试发布的青年计划（测试数据）' })).toBeVisible();
  await presetPreferences(page, { language: 'en' });
  await page.goto('/youth');
  await expect(provenance).toHaveText(`Published by Youth affairs office (test) on ${PUBLISHED_DAY}`);

  await syncFrom(page, 'withoutRules');
  await page.goto('/youth');
  await expect(provenance).toHaveText('Built into the app, compiled on 2026-11-30');
  await expect(page.getByRole('heading', { name: 'Programme published by the test feed (test data)' })).toHaveCount(0);
});
