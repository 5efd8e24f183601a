/**
 * Full service records for a compact index, read from IndexedDB one town chunk at a time and only
 * when something needs them: the visible rows, the detail page, the search index, the map.
 */
import type { ServiceChunkRow } from '../../../data/db';
import type { ServiceRecord } from '../../../data/feed-schema';
import type { CompactIndex } from './compact-index';

export type ChunkReader = (path: string) => Promise<Pick<ServiceChunkRow, 'sha256' | 'records'> | undefined>;

/** The stored chunk no longer matches the index (a sync committed in between): rebuild the index. */
export class StaleChunkError extends Error {
  constructor(path: string) {
    super(`chunk ${path} changed since the index was built`);
    this.name = 'StaleChunkError';
  }
}

export interface RecordCache {
  /** The record of service `i` if its chunk is loaded. */
  recordAt(i: number): ServiceRecord | undefined;
  /** Loads the chunks holding these services (each chunk once). */
  load(indices: Iterable<number>): Promise<void>;
  /** Every record, in index order (loads every chunk; the array is built once). */
  loadAll(): Promise<readonly ServiceRecord[]>;
}

export function createRecordCache(index: CompactIndex, readChunk: ChunkReader): RecordCache {
  const loaded: (readonly ServiceRecord[] | undefined)[] = index.parts.map(() => undefined);
  const pending = new Map<number, Promise<void>>();
  let all: Promise<readonly ServiceRecord[]> | null = null;

  const loadPart = (p: number): Promise<void> => {
    if (loaded[p]) return Promise.resolve();
    let job = pending.get(p);
    if (!job) {
      const part = index.parts[p]!;
      job = readChunk(part.path).then((row) => {
        if (!row || row.sha256 !== part.sha256 || row.records.length !== part.count) throw new StaleChunkError(part.path);
        loaded[p] = row.records;
      });
      job.catch(() => pending.delete(p)); // a later call retries (and sees the error again if it persists)
      pending.set(p, job);
    }
    return job;
  };

  return {
    recordAt(i) {
      const p = index.partOf[i];
      if (p === undefined) return undefined;
      return loaded[p]?.[i - index.parts[p]!.base];
    },
    async load(indices) {
      const parts = new Set<number>();
      for (const i of indices) {
        const p = index.partOf[i];
        if (p !== undefined && !loaded[p]) parts.add(p);
      }
      await Promise.all([...parts].map(loadPart));
    },
    loadAll() {
      all ??= Promise.all(index.parts.map((_, p) => loadPart(p))).then(() => loaded.flatMap((records) => records ?? []));
      all.catch(() => {
        all = null;
      });
      return all;
    },
  };
}
