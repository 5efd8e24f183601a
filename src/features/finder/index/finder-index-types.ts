/**
 * The finder's index as the views hold it: the compact start-up index, the record cache and the list's
 * queries over them (they arrive with the index code).
 */
import type { Category } from '../../../data/categories';
import type { EmptyHits, Place, ResultHit, ResultRow, Results } from '../common/finder-types';
import type { FinderFilters } from '../common/service-filter';
import type { CompactIndex, IndexHit } from './compact-index';
import type { RecordCache } from './record-cache';

/** The list's and the map's queries over an index (finder-query.ts); they arrive with the index code. */
export interface FinderQueries {
  allMatching(index: FinderIndex, accept: (i: number) => boolean): Uint32Array;
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
  /** The list's and the map's queries over this index (they arrive with the index code). */
  query: FinderQueries;
  /** False while only the towns near the place are in (the rest are being read). */
  complete: boolean;
}
