/**
 * Row 7: offline repeat visit. Chromium opens the production build (vite preview), the service worker
 * takes control and the sample feed is synced into IndexedDB; a place is preset the way the finder
 * remembers it (settings row "finder.lastPlace"). Then the browser goes offline and `/` is loaded 5 times:
 * the figure is the `first-results` performance mark the finder sets when the first non-empty list renders
 * (ms since navigation start). Repeated with the 100k feed stored (synced through the `feedUrl` setting).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { TOWNS } from '../../src/geo/towns';
import { APP_DIST, ensureAppBuild, ensureFeed, launchChromium, median, round, startPreview } from './bench-common';
import { ms, type BenchModule, type BenchRow } from './bench-row';

const DONGCHENG = TOWNS.find((t) => t.code === '441900003') ?? TOWNS.find((t) => t.label)!;
const PLACE = { lat: DONGCHENG.label![1], lon: DONGCHENG.label![0], source: 'town', townCode: DONGCHENG.code };

/** Reads or writes one row of the app's IndexedDB with the raw API (the app's own Dexie stays untouched). */
function idb(page: Page, op: 'get' | 'put', store: string, value: unknown) {
  return page.evaluate(
    ([o, s, v]) =>
      new Promise<unknown>((resolve, reject) => {
        const req = indexedDB.open('dg-nearby');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains(s as string)) {
            db.close();
            resolve(undefined);
            return;
          }
          const tx = db.transaction(s as string, o === 'get' ? 'readonly' : 'readwrite');
          const r = o === 'get' ? tx.objectStore(s as string).get(v as IDBValidKey) : tx.objectStore(s as string).put(v);
          r.onsuccess = () => {
            db.close();
            resolve(r.result);
          };
          r.onerror = () => reject(r.error);
        };
      }),
    [op, store, value] as const,
  );
}

async function waitForFeed(page: Page, minRecords: number, feedUrl: string | null, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const meta = (await idb(page, 'get', 'feedMeta', 'meta')) as { version?: string; totalRecords?: number; feedUrl?: string } | undefined;
    if (meta?.version && (meta.totalRecords ?? 0) >= minRecords && (!feedUrl || meta.feedUrl === feedUrl)) return meta.totalRecords ?? 0;
    await page.waitForTimeout(500);
  }
  throw new Error(`feed with ≥ ${minRecords} records not stored within ${timeoutMs / 1000} s`);
}

interface Visit {
  firstResultsMs: number;
  fcpMs: number;
  domContentLoadedMs: number;
}

async function offlineVisits(page: Page, origin: string, visits: number): Promise<Visit[]> {
  const marks: Visit[] = [];
  for (let i = 0; i < visits; i++) {
    await page.goto(`${origin}/`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => performance.getEntriesByName('first-results')[0]?.startTime ?? false, undefined, {
      timeout: 120_000,
      polling: 50,
    });
    const firstResultsMs = (await handle.jsonValue()) as number;
    // where the time goes: first paint of the shell, and DOMContentLoaded
    const other = await page.evaluate(() => ({
      fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      domContentLoadedMs:
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? NaN,
    }));
    marks.push({ firstResultsMs, ...other });
  }
  return marks;
}

export const runOfflineVisitBench: BenchModule = async ({ quick, log }) => {
  ensureAppBuild(log);
  const feed100k = ensureFeed(100_000, log);
  // the 100k feed is served by the same preview server, outside the SW precache (added after the build)
  const served = path.join(APP_DIST, 'bench-feed-100k');
  // Every file of the feed: the app's sync checks every file the manifest lists (a missing one refuses the version).
  fs.rmSync(served, { recursive: true, force: true });
  fs.cpSync(feed100k, served, { recursive: true });
  const preview = await startPreview();
  const browser = await launchChromium();
  const visits = quick ? 3 : 5;
  const rows: BenchRow[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    log('offline: first visit online (SW install + sample feed sync) …');
    await page.goto(`${preview.origin}/`);
    await page.waitForFunction(() => navigator.serviceWorker?.ready.then(() => true), undefined, { timeout: 60_000 });
    const sampleCount = await waitForFeed(page, 1, null, 120_000);
    await idb(page, 'put', 'settings', { key: 'finder.lastPlace', value: PLACE });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    const results: Record<string, { records: number; marks: Visit[] }> = {};
    log(`offline: ${visits} offline visits, sample feed …`);
    await context.setOffline(true);
    results.sample = { records: sampleCount, marks: await offlineVisits(page, preview.origin, visits) };
    await context.setOffline(false);

    log('offline: storing the 100k feed (app sync via the feedUrl setting) …');
    const url100k = `${preview.origin}/bench-feed-100k/`;
    await idb(page, 'put', 'settings', { key: 'feedUrl', value: url100k });
    await page.reload();
    const bigCount = await waitForFeed(page, 100_000, url100k, 300_000);
    await context.setOffline(true);
    log(`offline: ${visits} offline visits, 100k stored …`);
    results.big = { records: bigCount, marks: await offlineVisits(page, preview.origin, visits) };
    await context.close();

    for (const [key, r] of Object.entries(results)) {
      const first = r.marks.map((m) => m.firstResultsMs);
      const med = median(first);
      const isSample = key === 'sample';
      // 100k: issue 13’s target (≤ 0.6 s to the first list); the sample feed keeps issue 8’s
      const target = isSample ? 500 : 600;
      rows.push({
        id: `offline-visit-${isSample ? 'sample' : '100k'}`,
        name: `7. Offline repeat visit, ${isSample ? `sample feed (${r.records})` : '100k stored'}`,
        what: 'navigation start → first non-empty result list (performance mark "first-results"), SW active, offline, place remembered',
        runs: `${r.marks.length} visits (median)`,
        project: `${ms(med)} (min ${ms(Math.min(...first))}, max ${ms(Math.max(...first))}); shell first paint ${ms(median(r.marks.map((m) => m.fcpMs)))}`,
        baseline: 'browser metric (no baseline)',
        ratio: 'browser metric',
        target: `≤ ${target} ms`,
        met: med <= target,
        data: {
          records: r.records,
          medianMs: round(med, 1),
          visits: r.marks.map((m) => ({
            firstResultsMs: round(m.firstResultsMs, 1),
            fcpMs: round(m.fcpMs, 1),
            domContentLoadedMs: round(m.domContentLoadedMs, 1),
          })),
        },
      });
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  return rows;
};
