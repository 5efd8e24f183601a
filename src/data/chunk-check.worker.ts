/**
 * The feed sync's second thread (issue 26): the sync worker hands it some of the downloaded, verified
 * chunks and it parses and checks them (chunk-check.ts) while the sync worker checks the others. An
 * exact chunk's records stay here: the sync worker stores the bytes it kept.
 */
import { moving, serveWorkerApi } from '../lib/worker-bridge.ts';
import { checkChunkBytes } from './chunk-check.ts';
import { fastValidateServiceRecord } from './fast-record-check.ts';
import type { ChunkHelper } from './sync-engine.ts';
import type { StartupChunkRow } from './startup-form.ts';

const startupBuffers = (row: StartupChunkRow): ArrayBufferLike[] => {
  const buffers: ArrayBufferLike[] = [row.coords, row.category, row.flags, row.fee, row.ageMin, row.ageMax, row.hoursRef].map((a) => a.buffer);
  if (row.kdbush) buffers.push(row.kdbush);
  return buffers;
};

const api: ChunkHelper = {
  async check(entry, at, bytes) {
    // the same record check as the sync worker's (sync-api.ts)
    const checked = checkChunkBytes(entry, at, bytes, fastValidateServiceRecord, { keepExactRecords: false });
    return checked.ok ? moving(checked, startupBuffers(checked.startup)) : checked;
  },
};

serveWorkerApi(api);
