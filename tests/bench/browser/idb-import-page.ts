/// <reference types="vite/client" />
/**
 * In-page half of the IndexedDB bench (bundled by Vite into node_modules/.cache/bench/page, never into
 * the app). It imports the real modules: the app's sync path (sync.ts → sync.worker.ts → sync-engine.ts,
 * Dexie db.ts) and the spatial/search index builders. Driven from Node by idb-import-bench.ts through
 * `window.bench`.
 */
import { Dexie } from 'dexie';
import { DB_NAME, createDb } from '../../../src/data/db.ts';
import type { ServiceRecord } from '../../../src/data/feed-schema.ts';
import { startSync } from '../../../src/data/sync.ts';
import { buildSpatialIndex } from '../../../src/geo/spatial-index.ts';
import { TOWNS } from '../../../src/geo/towns.ts';
import { buildSearchIndex } from '../../../src/features/finder/search-index.ts';

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
      const handle = startSync({ feedUrl, force: true, firstRun: true });
      // when each phase began (ms after start): where the time goes
      const phases: Record<string, number> = {};
      handle.progress.subscribe((p) => {
        const key = p.phase === 'write' && p.done === 1 ? 'writeDone' : p.phase;
        phases[key] ??= performance.now() - t0;
      });
      const result = await handle.done;
      return { wallMs: performance.now() - t0, result, phases };
    });
    const r = value.result;
    if (r.status !== 'updated') throw new Error(`sync did not update: ${JSON.stringify(r)}`);
    return { wallMs: value.wallMs, phases: value.phases, engineMs: r.durationMs, records: r.totalRecords, skipped: r.skipped, pagePeakHeapMB: peakMB, pageBaseHeapMB: baseMB };
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

  /** Start-up as the app does it: open IndexedDB → read every chunk row → kdbush ready (→ search index ready). */
  async appStartup() {
    const { value, peakMB, baseMB } = await withHeapPeak(async () => {
      const t0 = performance.now();
      const db = createDb();
      const rows = await db.serviceChunks.orderBy('town').toArray();
      const records = rows.flatMap((r) => r.records);
      const tRead = performance.now();
      const spatial = buildSpatialIndex(records);
      const tKd = performance.now();
      const search = buildSearchIndex(records, TOWNS, (lat, lon, n, pred) => spatial.nearest(lat, lon, n, (_r, i) => pred(i)));
      const tSearch = performance.now();
      db.close();
      // keep the indexes alive until the heap is read
      (globalThis as { keep?: unknown }).keep = { spatial, search };
      return { records: records.length, rows: rows.length, readMs: tRead - t0, kdbushReadyMs: tKd - t0, searchReadyMs: tSearch - t0 };
    });
    gc();
    const retainedMB = (heapNow() - baseMB * 2 ** 20) / 2 ** 20;
    (globalThis as { keep?: unknown }).keep = undefined;
    return { ...value, peakHeapMB: peakMB, retainedHeapMB: retainedMB };
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
