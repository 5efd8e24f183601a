/**
 * Module worker holding the finder's search index. It reads the records itself from IndexedDB (one
 * chunk at a time), so nothing but the query and the answer crosses the thread boundary. Through Dexie: off the
 * page, Dexie costs the main thread nothing, and the plain-IndexedDB reader (stored-read.ts) left a search
 * unanswered here in about 1 run in 20 of an e2e under CPU load (issue 26, not yet understood); with Dexie, 0 in 20.
 */
import { isCurrentStartupRow, type StartupChunkRow } from '../../../data/startup-form';
import { getDb } from '../../../data/db';
import { readableChunk } from '../../../data/stored-read';
import { serveWorkerApi } from '../../../lib/worker-bridge';
import { loadFeedHolidays } from '../index/feed-holidays';
import { buildFromStartupRows } from '../index/finder-index-build';
import { installFeedHolidays } from '../common/open-now';
import { createSearchApi } from './search-worker-api';

serveWorkerApi(
  createSearchApi(async (parts) => {
    const [rows, holidays] = await Promise.all([
      getDb().startupChunks.bulkGet(parts.map((p) => p.path)),
      loadFeedHolidays().catch(() => null),
    ]);
    // "open now" inside the worker needs the same holiday table as the page
    installFeedHolidays(holidays);
    rows.forEach((row, i) => {
      if (!isCurrentStartupRow(row, parts[i]!)) throw new Error(`start-up row of ${parts[i]!.path} is not current`);
    });
    const readChunk = async (path: string) => {
      const row = await getDb().serviceChunks.get(path);
      return row && (await readableChunk(row));
    };
    const built = buildFromStartupRows(rows as StartupChunkRow[], readChunk);
    return { compact: built.compact, records: await built.records.loadAll() };
  }),
);
