/**
 * The packed copy of a service chunk (manifest `packedPath` + `packedSha256`, issue 26 part 4): the chunk's records
 * with what repeats across a town said once. A town's records share a few sources (one per owner) and a few
 * opening-hours patterns; the packed file lists each once (`sources`, `hours`) and a record names its entry by
 * index. A record's `town` is left out when it is the chunk's. For the 100k bench feed that is 39 MB of JSON where
 * the chunk is 64 MB, and JSON.parse builds two objects fewer per record: an import's CPU is mostly decoding and
 * parsing (docs/data-store.md).
 *
 * `unpackChunk(packChunk(chunk))` gives the chunk's records back (equal but for key order); data:validate checks
 * that of every packed copy a feed lists. A chunk without tables unpacks to itself, so a reader of stored chunks
 * need not know which form it holds.
 */
import type { ServiceRecord } from './feed-schema.ts';

/** The JSON a packed copy holds. */
export interface PackedChunkFile {
  town: string;
  /** Every distinct `source` of the chunk's records, in first-use order. */
  sources: ServiceRecord['source'][];
  /** Every distinct `hours` of the chunk's records, in first-use order. */
  hours: NonNullable<ServiceRecord['hours']>[];
  /** The records; `source` and `hours` are indices into the tables above, `town` only when not the chunk's. */
  services: Record<string, unknown>[];
}

/** A chunk as the feed's JSON file holds it. */
export interface ChunkFile {
  town: string;
  services: readonly ServiceRecord[];
}

/** Where a chunk's packed copy goes: "services/441900121.json" → "services/441900121-packed.json.gz". */
export const packedPathOf = (chunkPath: string): string => chunkPath.replace(/\.json$/, '-packed.json.gz');

/** Table entries are compared as their JSON text: the same source written twice is one entry. */
function tableOf<T>() {
  const index = new Map<string, number>();
  const entries: T[] = [];
  return {
    entries,
    indexOf(value: T): number {
      const key = JSON.stringify(value);
      let at = index.get(key);
      if (at === undefined) {
        at = entries.length;
        index.set(key, at);
        entries.push(value);
      }
      return at;
    },
  };
}

export function packChunk(chunk: ChunkFile): PackedChunkFile {
  const sources = tableOf<ServiceRecord['source']>();
  const hours = tableOf<NonNullable<ServiceRecord['hours']>>();
  const services = chunk.services.map((record) => {
    const packed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === 'town' && value === chunk.town) continue;
      if (key === 'source') packed.source = sources.indexOf(value as ServiceRecord['source']);
      else if (key === 'hours' && value !== undefined) packed.hours = hours.indexOf(value as NonNullable<ServiceRecord['hours']>);
      else packed[key] = value;
    }
    return packed;
  });
  return { town: chunk.town, sources: sources.entries, hours: hours.entries, services };
}

/** The decoded JSON of a chunk file, packed or not. */
type ChunkLike = { town?: unknown; services?: unknown; sources?: unknown; hours?: unknown };

/**
 * The chunk's records with every table reference resolved, in place: the object given, with its tables taken off.
 * Only what the packed form defines is touched — a whole-number `source` or `hours` within its table, a missing
 * `town` — so a chunk without tables, or a record the check will refuse anyway, comes out as it went in. Table
 * entries are frozen: records share them, and none may change another's.
 */
export function unpackChunk<T>(decoded: T): T {
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return decoded;
  const chunk = decoded as ChunkLike;
  const sources = tableEntries(chunk.sources);
  const hours = tableEntries(chunk.hours);
  if (!sources && !hours) return decoded;
  delete chunk.sources;
  delete chunk.hours;
  const { town, services } = chunk;
  if (!Array.isArray(services)) return decoded;
  for (const record of services) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) continue;
    const r = record as Record<string, unknown>;
    if (sources && isIndexInto(r.source, sources)) r.source = sources[r.source];
    if (hours && isIndexInto(r.hours, hours)) r.hours = hours[r.hours];
    if (!('town' in r) && typeof town === 'string') r.town = town;
  }
  return decoded;
}

function tableEntries(table: unknown): unknown[] | null {
  if (!Array.isArray(table)) return null;
  for (const entry of table) deepFreeze(entry);
  return table;
}

const isIndexInto = (ref: unknown, table: unknown[]): ref is number => typeof ref === 'number' && Number.isInteger(ref) && ref >= 0 && ref < table.length;

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
