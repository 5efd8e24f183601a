/**
 * The feed sync's second thread (issue 26): the sync worker hands it some of the downloaded chunk files and
 * it inflates (gzip copies), verifies, parses and checks them (chunk-check.ts) while the sync worker does the
 * others. An exact chunk's records stay here: the verified file goes back (moved, not copied) to be stored.
 */
import { moving, serveWorkerApi } from '../lib/worker-bridge.ts';
import { openChunk } from './chunk-check.ts';
import { fastValidateServiceRecord } from './fast-record-check.ts';
import type { ChunkHelper } from './sync-engine.ts';
import type { StartupChunkRow } from './startup-form.ts';

const startupBuffers = (row: StartupChunkRow): ArrayBufferLike[] => {
  const buffers: ArrayBufferLike[] = [row.coords, row.category, row.flags, row.fee, row.ageMin, row.ageMax, row.hoursRef].map((a) => a.buffer);
  if (row.kdbush) buffers.push(row.kdbush);
  return buffers;
};

const api: ChunkHelper = {
  async check(entry, at, downloaded) {
    // the same record check as the sync worker's (sync-api.ts)
    const opened = await openChunk(entry, at, downloaded, fastValidateServiceRecord, { keepExactRecords: false });
    if (!opened.ok) return opened;
    const file = opened.file.gzipBytes ?? opened.file.fileBytes;
    return moving(opened, [...startupBuffers(opened.startup), file.buffer]);
  },
};

serveWorkerApi(api);
