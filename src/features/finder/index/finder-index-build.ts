/**
 * Builds the finder's index objects. A chunk of its own (kdbush, geokdbush and the start-up form code),
 * loaded while IndexedDB is read: the first paint needs none of it.
 */
import type { ServiceRecord } from '../../../data/feed-schema';
import { buildStartupChunk, type StartupChunkRow } from '../../../data/startup-form';
import { buildCompactIndex, type CompactIndex } from './compact-index';
import * as query from './finder-query';
import { createRecordCache, type ChunkReader, type RecordCache } from './record-cache';

export interface BuiltIndex {
  compact: CompactIndex;
  records: RecordCache;
  query: typeof query;
}

export function buildFromStartupRows(rows: readonly StartupChunkRow[], readChunk: ChunkReader): BuiltIndex {
  const compact = buildCompactIndex(rows);
  return { compact, records: createRecordCache(compact, readChunk), query };
}

/**
 * The same index from records in memory, grouped into one chunk per town in first-seen order, as
 * the sync stores them (tests, and the fallback when a start-up row cannot be rebuilt).
 */
export function buildFromRecords(records: readonly ServiceRecord[]): BuiltIndex {
  const byTown = new Map<string, ServiceRecord[]>();
  for (const r of records) {
    let list = byTown.get(r.town);
    if (!list) byTown.set(r.town, (list = []));
    list.push(r);
  }
  const chunks = [...byTown].map(([town, list]) => ({ path: `memory/${town}.json`, town, sha256: `memory-${town}`, records: list }));
  const byPath = new Map(chunks.map((c) => [c.path, c]));
  return buildFromStartupRows(chunks.map(buildStartupChunk), async (path) => byPath.get(path));
}

export { buildStartupChunk };
