/**
 * The finder's queries over its index: nearest within a radius, "opens next" ordering, the
 * 10-minute circle, why a list is empty, and every match at any distance (the map's pins). Pure
 * functions; a chunk of their own that arrives with the index code (finder-index-build.ts hands them over as `index.query`), so the first screen's
 * script carries only the hook that calls them.
 */
import { CATEGORIES, type Category } from '../../../data/categories';
import type { IndexHit } from './compact-index';
import type { EmptyHits, Place, ResultHit, ResultRow, Results } from '../common/finder-types';
import type { FinderIndex } from './finder-index-types';
import type { FinderFilters } from '../common/service-filter';
import { placeApproximate } from './approximate-order';
import { openStatus } from '../common/open-now';
import { NEARBY_METRES, PAGE_SIZE, WALK_METRES } from '../common/finder-limits';

/** The hits near a place (no query): within NEARBY_METRES, else the nearest at any distance. */
export function computeResults(
  index: FinderIndex,
  place: Place | null,
  accept: (i: number) => boolean,
  limit: number = PAGE_SIZE,
): Results {
  if (!place) return { hits: [], scope: 'nearby' };
  const { compact } = index;
  const order = (hits: IndexHit[]) =>
    placeApproximate<ResultHit>(
      hits,
      (h) => compact.isApproximate(h.index),
      (h) => compact.townOf(h.index),
    );
  const near = compact.withinRadius(place.lat, place.lon, NEARBY_METRES, accept);
  if (near.length > 0) return { hits: order(near), scope: 'nearby' };
  return { hits: order(compact.nearest(place.lat, place.lon, limit, accept)), scope: 'beyond' };
}

/**
 * Every service passing `accept`, at any distance, in service-number order: the map clusters these.
 * The same predicate the list walks nearest-first, over the compact form only (no record is read).
 */
export function allMatching(index: FinderIndex, accept: (i: number) => boolean): Uint32Array {
  const { size } = index.compact;
  const out = new Uint32Array(size);
  let n = 0;
  for (let i = 0; i < size; i++) if (accept(i)) out[n++] = i;
  return out.slice(0, n);
}

/**
 * "Open now" found nothing (at night, say): the same services ordered by when they next open, then
 * by distance, so the list answers "where can I go first?" instead of going blank.
 */
export function orderByOpening(index: FinderIndex, hits: readonly ResultHit[], now: Date, limit: number = PAGE_SIZE): ResultHit[] {
  const withTime: { hit: ResultHit; at: number }[] = [];
  for (const hit of hits) {
    const s = openStatus(index.compact.hoursOf(hit.index), now);
    if (s === 'unknown' || s.open || !s.nextChange) continue;
    withTime.push({ hit, at: s.nextChange.getTime() });
  }
  withTime.sort((a, b) => a.at - b.at || (a.hit.metres ?? 0) - (b.hit.metres ?? 0));
  return withTime.slice(0, limit).map((w) => w.hit);
}

/** 十分钟服务圈 in service numbers: per category, how many lie within an 800 m walk and the nearest one (any distance). */
export function computeCircleHits(index: FinderIndex, place: Place): { category: Category; count: number; nearest: IndexHit | null }[] {
  const { compact } = index;
  const within = compact.withinRadius(place.lat, place.lon, WALK_METRES);
  return CATEGORIES.map((category) => {
    const inCat = within.filter((h) => compact.categoryOf(h.index) === category);
    const first = inCat[0] ?? compact.nearest(place.lat, place.lon, 1, (i) => compact.categoryOf(i) === category)[0];
    return { category, count: inCat.length, nearest: first ?? null };
  });
}

/** The rows of these hits if every record is in memory; otherwise null (and the missing chunks are being read). */
export function rowsOf(index: FinderIndex, hits: readonly ResultHit[]): ResultRow[] | null {
  const rows: ResultRow[] = [];
  for (const h of hits) {
    const record = index.records.recordAt(h.index);
    if (!record) return null;
    rows.push({ record, metres: h.metres });
  }
  return rows;
}

/**
 * When a list comes out empty, the filters to try it again with, each relaxing one filter that may
 * have emptied it: availability with older figures too, then "open now" off. Empty when not empty.
 */
export function relaxationsFor(results: Results, f: FinderFilters, asked: boolean): FinderFilters[] {
  if (results.hits.length > 0 || !asked) return [];
  const out: FinderFilters[] = [];
  if (f.hasAvailability && !f.includeStale) out.push({ ...f, includeStale: true });
  if (f.openNow) out.push({ ...f, openNow: false });
  return out;
}

/** The reason, from the relaxed lists in relaxationsFor's order (older figures first). */
export function emptyReasonOf(relaxed: readonly (Results | null)[], f: FinderFilters, index: FinderIndex, now: Date): EmptyHits {
  let k = 0;
  if (f.hasAvailability && !f.includeStale) {
    const withOld = relaxed[k++];
    if (withOld && withOld.hits.length > 0) return { kind: 'allStale', count: withOld.hits.length };
  }
  if (f.openNow) {
    const any = relaxed[k];
    const opening = any ? orderByOpening(index, any.hits, now) : [];
    if (opening.length > 0) return { kind: 'allClosed', opening };
  }
  return null;
}
