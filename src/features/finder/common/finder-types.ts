/**
 * The common room (src/features/finder/common/): the small pieces every other finder room uses — these result
 * types, the list limits (finder-limits.ts), opening hours (open-now.ts, open-status-text.ts, the embedded
 * china-holidays.json), the filters and their predicate (service-filter.ts, age-label.ts), the place, filter
 * and selection store shared by the list and the map (finder-store.ts, finder-data-source.ts), formatting
 * (format-distance.ts, normalize-query.ts, via-host.tsx), the minute clock and the finder's CSS. It imports
 * only src/lib, src/data, src/geo, src/i18n, src/ui and itself: no other finder room.
 *
 * This module: the finder's shared result types (a place, hits, rows, what the list holds), in a leaf module so the
 * store, the index, its queries and the views can all name them without importing one another. The index's
 * own shape is in index/finder-index-types.ts.
 */
import type { Category } from '../../../data/categories';
import type { ServiceRecord } from '../../../data/feed-schema';

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
