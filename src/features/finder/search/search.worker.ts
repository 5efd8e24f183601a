/**
 * Module worker holding the finder's search index. It reads the records itself from IndexedDB (one
 * chunk at a time), so nothing but the query and the answer crosses the thread boundary.
 */
import { isCurrentStartupRow, type StartupChunkRow } from '../../../data/startup-form';
import { readChunk, readStartupRows } from '../../../data/stored-read';
import { serveWorkerApi } from '../../../lib/worker-bridge';
import { loadFeedHolidays } from '../index/feed-holidays';
import { buildFromStartupRows } from '../index/finder-index-build';
import { installFeedHolidays } from '../common/open-now';
import { createSearchApi } from './search-worker-api';

serveWorkerApi(
  createSearchApi(async (parts) => {
    const [rows, holidays] = await Promise.all([readStartupRows(parts.map((p) => p.path)), loadFeedHolidays().catch(() => null)]);
    // "open now" inside the worker needs the same holiday table as the page
    installFeedHolidays(holidays);
    rows.forEach((row, i) => {
      if (!isCurrentStartupRow(row, parts[i]!)) throw new Error(`start-up row of ${parts[i]!.path} is not current`);
    });
    const built = buildFromStartupRows(rows as StartupChunkRow[], readChunk);
    return { compact: built.compact, records: await built.records.loadAll() };
  }),
);
