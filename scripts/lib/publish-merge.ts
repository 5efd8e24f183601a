/**
 * The same place listed by two owners becomes one record. Two records are the same place when they are of the
 * same category, their names are equal after normalising (full/half width, the city and town prefix such as
 * "东莞市虎门镇", brackets and what is inside them, spaces and punctuation, letter case) and they are within
 * 60 m of each other. The record of the higher-priority source is kept (ties: the source listed first in the
 * config); its id is the one the previous feed already had for that place, so favourites survive the merge.
 */
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import { TOWNS } from '../../src/geo/towns.ts';

export const MERGE_DISTANCE_M = 60;

export interface SourcedRecord {
  record: ServiceRecord;
  sourceId: string;
  priority: number;
  /** The source's position in the config. */
  order: number;
}

export interface Merge {
  kept: { id: string; source: string };
  dropped: { id: string; source: string };
  metres: number;
}

/** Town names longest first, so "东城街道" is removed whole and never leaves "街道" behind. */
const TOWN_NAMES = [...new Set(TOWNS.flatMap((t) => [t.zh, t.zh.replace(/(镇|街道)$/, '')]))]
  .filter((n) => n.length >= 2)
  .sort((a, b) => b.length - a.length);
const CITY_PREFIX = /^(广东省)?(东莞市|东莞)?/;
const BRACKETS = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|<[^<>]*>|《[^《》]*》/g;

/** A name as compared for duplicates (see the module comment). */
export function normaliseName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  for (let i = 0; i < 3; i++) s = s.replace(BRACKETS, ''); // nested brackets
  s = s.replace(CITY_PREFIX, '');
  let rest = s;
  for (const town of TOWN_NAMES)
    if (rest.startsWith(town)) {
      rest = rest.slice(town.length).replace(/^(镇|街道)/, '');
      break;
    }
  const strip = (x: string) => x.replace(/[\p{P}\p{S}]/gu, '');
  // A name that is only a town name stays that name.
  return strip(rest) || strip(s);
}

/** Great-circle distance in metres (haversine; exact enough at 60 m). */
export function metresApart(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Grid cells of about 110 m (latitude) by 100 m (longitude at Dongguan): a 60 m neighbour is in the 3×3 block.
const CELL_DEG = 0.001;
const cellKey = (x: number, y: number) => `${x}:${y}`;

/** Higher priority first, then config order, then id: the order in which records claim a place. */
export function claimOrder(a: SourcedRecord, b: SourcedRecord): number {
  return b.priority - a.priority || a.order - b.order || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0);
}

/**
 * Merges duplicates across sources. `previousIds`: ids of the previous feed (a merged place keeps the id it had).
 * Returns the kept records (in claim order) and every merge.
 */
export function mergeDuplicates(
  records: readonly SourcedRecord[],
  previousIds: ReadonlySet<string> = new Set(),
): { kept: SourcedRecord[]; merges: Merge[] } {
  const sorted = [...records].sort(claimOrder);
  const grid = new Map<string, number[]>();
  const kept: SourcedRecord[] = [];
  const keys: string[] = [];
  const merged: SourcedRecord[][] = [];
  const found: { k: number; dropped: SourcedRecord; metres: number }[] = [];
  for (const candidate of sorted) {
    const r = candidate.record;
    const key = `${r.category}|${normaliseName(r.name.zh)}`;
    const cx = Math.floor(r.lon / CELL_DEG);
    const cy = Math.floor(r.lat / CELL_DEG);
    let match = -1;
    let best = Infinity;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const k of grid.get(cellKey(cx + dx, cy + dy)) ?? []) {
          const other = kept[k]!;
          if (keys[k] !== key || merged[k]!.some((m) => m.sourceId === candidate.sourceId)) continue;
          const d = metresApart(other.record, r);
          if (d <= MERGE_DISTANCE_M && (d < best || (d === best && k < match))) {
            best = d;
            match = k;
          }
        }
    if (match >= 0) {
      merged[match]!.push(candidate);
      found.push({ k: match, dropped: candidate, metres: Math.round(best * 10) / 10 });
      continue;
    }
    const index = kept.length;
    kept.push(candidate);
    keys.push(key);
    merged.push([candidate]);
    const cell = cellKey(cx, cy);
    const list = grid.get(cell);
    if (list) list.push(index);
    else grid.set(cell, [index]);
  }
  // A merged place keeps the id the previous feed had for it (the winner's own id when it had one).
  for (let k = 0; k < kept.length; k++) {
    const group = merged[k]!;
    if (group.length < 2 || previousIds.has(group[0]!.record.id)) continue;
    const earlier = group.find((m) => previousIds.has(m.record.id));
    if (earlier) kept[k] = { ...kept[k]!, record: { ...kept[k]!.record, id: earlier.record.id } };
  }
  const merges = found.map(({ k, dropped, metres }) => ({
    kept: { id: kept[k]!.record.id, source: kept[k]!.sourceId },
    dropped: { id: dropped.record.id, source: dropped.sourceId },
    metres,
  }));
  return { kept, merges };
}
