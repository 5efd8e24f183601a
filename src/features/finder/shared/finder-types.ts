/**
 * The finder's shared types, in a leaf module so the store, the index, its queries and the views can
 * all name them without importing one another.
 */
import type { Category } from '../../../data/categories';
import type { ServiceRecord } from '../../../data/feed-schema';
import type { CompactIndex, IndexHit } from '../index/compact-index';
import type { RecordCache } from '../index/record-cache';
import type { FinderFilters } from './service-filter';

/** Where the lists are measured from. */
export interface Place {
  lat: number;
  lon: number;
  source: 'gps' | 'town' | 'map';
  townCode: string | null;
}

export interface ResultRow {
  record: ServiceRecord;
  metres: number | null;
}

/** A row before its record is read: the service number and its distance (null: approximate location). */
export interface ResultHit {
  index: number;
  metres: number | null;
}

export interface CircleEntry {
  category: Category;
  count: number;
  nearest: { record: ServiceRecord; metres: number } | null;
}

/**
 * What the list holds: every match (up to `limit`) and what the count means. `nearby`: the matches
 * within NEARBY_METRES of the place; `beyond`: none that close, so the nearest at any distance;
 * `search`: search hits, best first.
 */
export interface Results {
  hits: ResultHit[];
  scope: 'nearby' | 'beyond' | 'search';
}

/** Why the list is empty when it would not be without one filter (so the page can offer a way out). */
export type EmptyReason = { kind: 'allStale'; count: number } | { kind: 'allClosed'; opening: ResultRow[] } | null;
export type EmptyHits = { kind: 'allStale'; count: number } | { kind: 'allClosed'; opening: ResultHit[] } | null;

/** The list's queries over an index (finder-query.ts); they arrive with the index code. */
export interface FinderQueries {
  computeResults(index: FinderIndex, place: Place | null, accept: (i: number) => boolean, limit?: number): Results;
  orderByOpening(index: FinderIndex, hits: readonly ResultHit[], now: Date, limit?: number): ResultHit[];
  computeCircleHits(index: FinderIndex, place: Place): { category: Category; count: number; nearest: IndexHit | null }[];
  rowsOf(index: FinderIndex, hits: readonly ResultHit[]): ResultRow[] | null;
  relaxationsFor(results: Results, f: FinderFilters, asked: boolean): FinderFilters[];
  emptyReasonOf(relaxed: readonly (Results | null)[], f: FinderFilters, index: FinderIndex, now: Date): EmptyHits;
}

export interface FinderIndex {
  compact: CompactIndex;
  records: RecordCache;
  /** The list's queries over this index (they arrive with the index code). */
  query: FinderQueries;
  /** False while only the towns near the place are in (the rest are being read). */
  complete: boolean;
}
