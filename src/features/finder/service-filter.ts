/**
 * The finder's filters as one predicate (list, map and search all use it).
 *
 * Category-specific filters narrow to their category: "EV charging" and "accessible bays" mean car
 * parks that have them, "free or low-cost" means sports venues that are, and a child's age means
 * kindergartens/nurseries whose age range includes it. With several on, a service passes if its
 * category's filters all pass (so "EV" + "free sports" lists both kinds). Category chips then
 * intersect with that. Unknown data (no hours, no age range) does not pass a filter that needs it.
 */
import type { AvailabilityItem, Category, ServiceRecord } from '../../data/feed-schema';
import { isOpenAt, type WeeklyHours } from './open-now';

export type AvailabilityLookup = ReadonlyMap<string, AvailabilityItem>;
export type HasFreeCapacity = (
  item: AvailabilityItem | undefined,
  now: Date,
  options?: { ageMonths?: number | null; allowStale?: boolean },
) => boolean;

/** What the user has filtered on. Plain data: the store, the CLIs and the benchmarks share it. */
export interface FinderFilters {
  categories: Category[];
  openNow: boolean;
  hasAvailability: boolean;
  childAgeMonths: number | null;
  freeOrLow: boolean;
  ev: boolean;
  accessible: boolean;
  /** "Show with older figures": the availability filter also counts stale figures (the badges still say they are old). */
  includeStale: boolean;
}

export const DEFAULT_FILTERS: FinderFilters = {
  categories: [],
  openNow: false,
  hasAvailability: false,
  childAgeMonths: null,
  freeOrLow: false,
  ev: false,
  accessible: false,
  includeStale: false,
};

type Check = (r: ServiceRecord) => boolean;

function scopedChecks(f: FinderFilters): Map<Category, Check[]> {
  const scoped = new Map<Category, Check[]>();
  const add = (c: Category, check: Check) => scoped.set(c, [...(scoped.get(c) ?? []), check]);
  if (f.childAgeMonths !== null) {
    const age = f.childAgeMonths;
    const fits: Check = (r) => !!r.ageMonths && r.ageMonths[0] <= age && age <= r.ageMonths[1];
    add('kindergarten', fits);
    add('nursery', fits);
  }
  if (f.freeOrLow) add('sports_venue', (r) => r.fee === 'free' || r.fee === 'low');
  if (f.ev) add('parking', (r) => !!r.features?.includes('ev'));
  if (f.accessible) add('parking', (r) => !!r.features?.includes('accessible'));
  return scoped;
}

/**
 * "Open at `now`" for one filter instance (the finder makes one per minute tick), computed lazily and
 * memoised: first by the hours object (records decoded from one chunk often share it), then by the
 * hours' content, since most of 100k records share a few hundred distinct schedules. The key holds
 * exactly what isOpenAt reads (weekly + publicHolidays; `osm` is kept for reference only), so the
 * answers are the ones isOpenAt gives record by record.
 */
function openAtMemo(now: Date): (hours: WeeklyHours | undefined) => boolean {
  const byObject = new WeakMap<WeeklyHours, boolean>();
  const byContent = new Map<string, boolean>();
  return (hours) => {
    if (!hours) return false; // unknown hours never pass "open now"
    let open = byObject.get(hours);
    if (open !== undefined) return open;
    // '\n' cannot occur inside a day's spans (the feed schema's regex), so the key is unambiguous.
    const key = `${hours.publicHolidays}\n${hours.weekly.join('\n')}`;
    open = byContent.get(key);
    if (open === undefined) {
      open = isOpenAt(hours, now);
      byContent.set(key, open);
    }
    byObject.set(hours, open);
    return open;
  };
}

export function createServiceFilter(
  f: FinderFilters,
  availability: AvailabilityLookup,
  now: Date,
  hasFreeCapacity: HasFreeCapacity,
): (r: ServiceRecord) => boolean {
  const cats = f.categories.length > 0 ? new Set<Category>(f.categories) : null;
  const scoped = scopedChecks(f);
  const openNow = f.openNow ? openAtMemo(now) : null;
  // With a child's age chosen, "has places" means places in the class (or band) for that age.
  const capacityOptions = { ageMonths: f.childAgeMonths, allowStale: f.includeStale };
  return (r) => {
    if (cats && !cats.has(r.category)) return false;
    if (scoped.size > 0) {
      const checks = scoped.get(r.category);
      if (!checks) return false;
      for (const c of checks) if (!c(r)) return false;
    }
    if (openNow && !openNow(r.hours)) return false;
    if (f.hasAvailability && !hasFreeCapacity(availability.get(r.id), now, capacityOptions)) return false;
    return true;
  };
}
