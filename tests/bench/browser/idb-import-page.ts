/// <reference types="vite/client" />
/**
 * In-page half of the IndexedDB bench (bundled by Vite into node_modules/.cache/bench/page, never into
 * the app). It imports the real modules: the app's sync path (sync.ts → sync.worker.ts → sync-engine.ts,
 * Dexie db.ts) and the spatial/search index builders. Driven from Node by idb-import-bench.ts through
 * `window.bench`.
 */
import { Dexie } from 'dexie';
import { createDb } from '../../../src/data/db.ts';
import { listStoredChunks, readChunk, readStartupRows, recordsOf } from '../../../src/data/stored-read.ts';
import { DB_NAME } from '../../../src/data/store-exists.ts';
import type { ServiceRecord } from '../../../src/data/feed-schema.ts';
import type { StartupChunkRow } from '../../../src/data/startup-form.ts';
import { startSync } from '../../../src/data/sync.ts';
import { buildSpatialIndex } from '../../unit/spatial-index.ts';
import { TOWNS } from '../../../src/geo/towns.ts';
import { buildFromStartupRows } from '../../../src/features/finder/index/finder-index-build.ts';
import { buildSearchIndex } from '../../../src/features/finder/search/search-index.ts';

/** Where the start-up lists from: central 莞城 (the densest part of the generated feed). */
const PLACE = { lat: 23.0461, lon: 113.745 };

/** Longest main-thread task (PerformanceObserver 'longtask', > 50 ms) while `fn` runs; 0 if none. */
async function withLongestTask<T>(fn: () => Promise<T>): Promise<{ value: T; longestTaskMs: number; longTasks: number }> {
  let longest = 0;
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longest = Math.max(longest, e.duration);
      count++;
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  const value = await fn();
  // entries are delivered after the task: give the observer a turn
  await new Promise((r) => setTimeout(r, 50));
  for (const e of observer.takeRecords()) {
    longest = Math.max(longest, e.duration);
    count++;
  }
  observer.disconnect();
  return { value, longestTaskMs: longest, longTasks: count };
}

const PER_RECORD_DB = 'bench-per-record';
const BULK_DB = 'bench-bulk-per-record';

type Mem = { usedJSHeapSize: number };
const heapNow = (): number => (performance as unknown as { memory?: Mem }).memory?.usedJSHeapSize ?? NaN;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Samples the page's JS heap every 20 ms while `fn` runs (the samples land between awaits). */
async function withHeapPeak<T>(fn: () => Promise<T>): Promise<{ value: T; peakMB: number; baseMB: number }> {
  gc();
  const base = heapNow();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, heapNow())), 20);
  try {
    const value = await fn();
    peak = Math.max(peak, heapNow());
    return { value, peakMB: peak / 2 ** 20, baseMB: base / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function fetchRecords(feedUrl: string): Promise<ServiceRecord[]> {
  const manifest = (await (await fetch(new URL('manifest.json', feedUrl))).json()) as { chunks: { path: string }[] };
  const chunks = await Promise.all(
    manifest.chunks.map(async (c) => ((await (await fetch(new URL(c.path, feedUrl))).json()) as { services: ServiceRecord[] }).services),
  );
  return chunks.flat();
}

function perRecordDb(name: string) {
  const db = new Dexie(name);
  db.version(1).stores({ services: 'id' });
  return db;
}

const bench = {
  async clear(): Promise<void> {
    for (const name of [DB_NAME, PER_RECORD_DB, BULK_DB]) await Dexie.delete(name);
  },

  /** (a) The app's sync path, exactly as the shell starts it (module worker, one transaction). */
  async appSync(feedUrl: string) {
    const { value, peakMB, baseMB } = await withHeapPeak(async () => {
      const t0 = performance.now();
      const result = await startSync({ feedUrl, force: true, firstRun: true }).done;
      return { wallMs: performance.now() - t0, result };
    });
    const r = value.result;
    if (r.status !== 'updated') throw new Error(`sync did not update: ${JSON.stringify(r)}`);
    // what the stored feed takes on the device (the bench clears every database before a sync)
    const storedBytes = (await navigator.storage.estimate()).usage ?? NaN;
    return {
      wallMs: value.wallMs,
      storedMB: storedBytes / 2 ** 20,
      engineMs: r.durationMs,
      timings: r.timings,
      records: r.totalRecords,
      skipped: r.skipped,
      pagePeakHeapMB: peakMB,
      pageBaseHeapMB: baseMB,
    };
  },

  /** (b) One put per record (each its own transaction), on the first `sample` records, from memory. */
  async perRecordPuts(feedUrl: string, sample: number) {
    const records = await fetchRecords(feedUrl);
    const db = perRecordDb(PER_RECORD_DB);
    await db.open();
    const table = db.table('services');
    const n = Math.min(sample, records.length);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await table.put(records[i]);
    const ms = performance.now() - t0;
    db.close();
    return { sample: n, total: records.length, sampleMs: ms, extrapolatedMs: (ms / n) * records.length };
  },

  /** (c) Dexie bulkPut of per-record rows in chunks of 1,000 (one transaction per chunk), from memory. */
  async chunkedBulkPut(feedUrl: string) {
    const records = await fetchRecords(feedUrl);
    const db = perRecordDb(BULK_DB);
    await db.open();
    const table = db.table('services');
    const { value: ms, peakMB } = await withHeapPeak(async () => {
      const t0 = performance.now();
      for (let i = 0; i < records.length; i += 1000) await table.bulkPut(records.slice(i, i + 1000));
      return performance.now() - t0;
    });
    db.close();
    return { records: records.length, ms, pagePeakHeapMB: peakMB };
  },

  /**
   * Start-up as the app does it (finder-index-store.ts, place unknown so every chunk at once): list
   * the stored chunks → read the compact start-up rows → index (stored k-d trees) → nearest 50 →
   * read the chunks holding those 50 (the rows on screen). Then, apart: the search index over every record.
   */
  async appStartup() {
    const { value, peakMB, baseMB } = await withHeapPeak(() =>
      withLongestTask(async () => {
        const t0 = performance.now();
        const chunks = (await listStoredChunks()) ?? [];
        const rows = (await readStartupRows(chunks.map((c) => c.path))) as StartupChunkRow[];
        const tRead = performance.now();
        const built = buildFromStartupRows(rows, readChunk);
        const nearest = built.compact.nearest(PLACE.lat, PLACE.lon, 50);
        const tIndex = performance.now();
        await built.records.load(nearest.map((h) => h.index));
        const tRows = performance.now();
        (globalThis as { keep?: unknown }).keep = built;
        return {
          records: built.compact.size,
          rows: rows.length,
          readMs: tRead - t0,
          indexReadyMs: tIndex - t0,
          firstRowsMs: tRows - t0,
          hits: nearest.length,
        };
      }),
    );
    gc();
    const retainedMB = (heapNow() - baseMB * 2 ** 20) / 2 ** 20;
    const built = (globalThis as { keep?: ReturnType<typeof buildFromStartupRows> }).keep!;
    (globalThis as { keep?: unknown }).keep = undefined;
    // The search index is built on the first query, not at start-up: measured after, on its own.
    const tSearch0 = performance.now();
    const records = await built.records.loadAll();
    const searchReadMs = performance.now() - tSearch0;
    const search = buildSearchIndex(records, TOWNS, (lat, lon, n, pred) => built.compact.nearest(lat, lon, n, pred));
    const searchMs = performance.now() - tSearch0;
    void search;
    return {
      ...value.value,
      longestTaskMs: value.longestTaskMs,
      longTasks: value.longTasks,
      peakHeapMB: peakMB,
      retainedHeapMB: retainedMB,
      searchBuildMs: searchMs,
      searchReadMs,
    };
  },

  /** The start-up before the compact form (same run, same store): read every full record → kdbush → nearest 50. */
  async fullRecordStartup() {
    const { value, peakMB } = await withHeapPeak(() =>
      withLongestTask(async () => {
        const t0 = performance.now();
        const db = createDb();
        const rows = await db.serviceChunks.orderBy('town').toArray();
        const records = (await Promise.all(rows.map(recordsOf))).flat();
        const tRead = performance.now();
        const spatial = buildSpatialIndex(records);
        const nearest = spatial.nearest(PLACE.lat, PLACE.lon, 50);
        const tKd = performance.now();
        db.close();
        (globalThis as { keep?: unknown }).keep = spatial;
        return { records: records.length, readMs: tRead - t0, indexReadyMs: tKd - t0, hits: nearest.length };
      }),
    );
    (globalThis as { keep?: unknown }).keep = undefined;
    return { ...value.value, longestTaskMs: value.longestTaskMs, peakHeapMB: peakMB };
  },

  /** Baseline start-up: the same, reading the per-record rows written by chunkedBulkPut. */
  async perRecordStartup() {
    const t0 = performance.now();
    const db = perRecordDb(BULK_DB);
    await db.open();
    const records = (await db.table('services').toArray()) as ServiceRecord[];
    const tRead = performance.now();
    const spatial = buildSpatialIndex(records);
    const tKd = performance.now();
    db.close();
    return { records: spatial.items.length, readMs: tRead - t0, kdbushReadyMs: tKd - t0 };
  },
};

(globalThis as { bench?: typeof bench }).bench = bench;
document.title = 'bench ready';
