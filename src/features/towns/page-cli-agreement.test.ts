/**
 * Issue 17's "done when": the page's computation (the report worker's code path: feed synced into IndexedDB
 * by the real sync engine, then storedTownReport) and `npm run report` agree on every figure for the sample feed.
 */
import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DgNearbyDb } from '../../data/db';
import { emitFeedChanged } from '../../data/feed-events';
import { getSetting } from '../../data/stored-read';
import { runSync } from '../../data/sync-engine';
import { validateServiceRecord } from '../../data/validate-feed';
import { REPORT_CACHE_KEY, storedTownReport } from './stored-town-report';
import type { TownReportDocument } from './town-report-document';
import { useFreshDb } from '../../../tests/unit/fresh-db.ts';

const root = join(import.meta.dirname, '../../..');
const feedDir = join(root, 'public/feed');
const FEED_URL = 'https://feed.test/feed/';

const fileFetch: typeof fetch = async (input) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const file = join(feedDir, decodeURIComponent(url.pathname.replace(/^\/feed\//, '')));
  if (!file.startsWith(feedDir) || !existsSync(file)) return new Response('not found', { status: 404 });
  return new Response(readFileSync(file), { status: 200, headers: { 'content-type': 'application/json' } });
};

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/report.ts'), ...args], {
    encoding: 'utf8',
    cwd: root,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let db: DgNearbyDb;
useFreshDb('towns-agreement', (opened) => (db = opened), { asAppDb: true, per: 'file' });
beforeAll(async () => {
  const result = await runSync({ feedUrl: FEED_URL, db, validateRecord: validateServiceRecord, fetch: fileFetch });
  expect(result.status, JSON.stringify(result)).toBe('updated');
  emitFeedChanged(null);
}, 60_000);

describe('town report: page and CLI', () => {
  it('agree on every figure of every town and the city for the sample feed', async () => {
    const page = await storedTownReport();
    expect(page.status).toBe('ready');
    const fromPage = (page as { document: TownReportDocument }).document;
    const r = cli([feedDir]);
    expect(r.code, r.stderr).toBe(0);
    const fromCli = JSON.parse(r.stdout) as TownReportDocument;
    expect(fromPage.towns).toHaveLength(36);
    expect(fromPage.feed.sample).toBe(true);
    // every figure, one by one (a clearer failure than one deep equal), then the whole document
    let compared = 0;
    for (const [i, town] of fromPage.towns.entries()) {
      for (const [id, figure] of Object.entries(town.figures)) {
        expect(fromCli.towns[i]!.figures[id], `${town.code} ${id}`).toEqual(figure);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(36 * 18);
    expect(fromCli).toEqual(JSON.parse(JSON.stringify(fromPage)));
  }, 60_000);

  it('caches the report per feed version and serves it from the cache the second time', async () => {
    const cached = await getSetting<{ version: string }>(REPORT_CACHE_KEY);
    expect(cached?.version).toMatch(/^sample-/);
    const again = await storedTownReport();
    expect(again).toMatchObject({ status: 'ready', cached: true });
  });

  it('--town prints one town; bad input is one line and exit 2', () => {
    const one = cli([feedDir, '--town', '441900121']);
    expect(one.code).toBe(0);
    const doc = JSON.parse(one.stdout) as TownReportDocument;
    expect(doc.towns.map((t) => t.code)).toEqual(['441900121']);
    expect(doc.towns[0]!.zh).toBe('虎门镇');
    const bad = cli([feedDir, '--town', '999']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli([join(root, 'no-such-folder')]).code).toBe(2);
    expect(cli([]).code).toBe(2);
  }, 60_000);
});
