/**
 * The finder's filters as one predicate (list, map and search all use it).
 *
 * Category-specific filters narrow to their category: "EV charging" and "accessible bays" mean car
 * parks that have them, "free or low-cost" means sports venues that are, and a child's age means
 * kindergartens/nurseries whose age range includes it. With several on, a service passes if its
 * category's filters all pass (so "EV" + "free sports" lists both kinds). Category chips then
 * intersect with that. Unknown data (no hours, no age range) does not pass a filter that needs it.
 */
import type { AvailabilityItem, ServiceRecord } from '../../../data/feed-schema';
import type { Category } from '../../../data/categories';
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

/**
 * What a filter reads of service number `i`: the finder reads it from the compact index's typed
 * arrays, the CLIs, tests and benchmarks from record objects (recordFields below). One predicate
 * serves both, so they cannot disagree.
 */
export interface FilterFields {
  category(i: number): Category;
  fee(i: number): ServiceRecord['fee'];
  hasFeature(i: number, feature: 'ev' | 'accessible'): boolean;
  /** NaN (or undefined) when the age range is not stated. */
  ageMin(i: number): number | undefined;
  ageMax(i: number): number | undefined;
  hours(i: number): WeeklyHours | undefined;
  id(i: number): string;
}

type Check = (i: number) => boolean;

function scopedChecks(f: FinderFilters, d: FilterFields): Map<Category, Check[]> {
  const scoped = new Map<Category, Check[]>();
  const add = (c: Category, check: Check) => scoped.set(c, [...(scoped.get(c) ?? []), check]);
  if (f.childAgeMonths !== null) {
    const age = f.childAgeMonths;
    // Comparisons with NaN/undefined are false: an unstated range never fits.
    const fits: Check = (i) => (d.ageMin(i) as number) <= age && age <= (d.ageMax(i) as number);
    add('kindergarten', fits);
    add('nursery', fits);
  }
  if (f.freeOrLow) add('sports_venue', (i) => d.fee(i) === 'free' || d.fee(i) === 'low');
  if (f.ev) add('parking', (i) => d.hasFeature(i, 'ev'));
  if (f.accessible) add('parking', (i) => d.hasFeature(i, 'accessible'));
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

/** The finder's filters as a predicate over service numbers of `fields`. */
export function createFilter(
  f: FinderFilters,
  fields: FilterFields,
  availability: AvailabilityLookup,
  now: Date,
  hasFreeCapacity: HasFreeCapacity,
): (i: number) => boolean {
  const cats = f.categories.length > 0 ? new Set<Category>(f.categories) : null;
  const scoped = scopedChecks(f, fields);
  const openNow = f.openNow ? openAtMemo(now) : null;
  // With a child's age chosen, "has places" means places in the class (or band) for that age.
  const capacityOptions = { ageMonths: f.childAgeMonths, allowStale: f.includeStale };
  return (i) => {
    const category = fields.category(i);
    if (cats && !cats.has(category)) return false;
    if (scoped.size > 0) {
      const checks = scoped.get(category);
      if (!checks) return false;
      for (const c of checks) if (!c(i)) return false;
    }
    if (openNow && !openNow(fields.hours(i))) return false;
    if (f.hasAvailability && !hasFreeCapacity(availability.get(fields.id(i)), now, capacityOptions)) return false;
    return true;
  };
}

/** FilterFields over an array of records. */
export function recordFields(records: readonly ServiceRecord[]): FilterFields {
  return {
    category: (i) => records[i]!.category,
    fee: (i) => records[i]!.fee,
    hasFeature: (i, feature) => !!records[i]!.features?.includes(feature),
    ageMin: (i) => records[i]!.ageMonths?.[0],
    ageMax: (i) => records[i]!.ageMonths?.[1],
    hours: (i) => records[i]!.hours,
    id: (i) => records[i]!.id,
  };
}

/** The same predicate over one record at a time (CLIs, tests, benchmarks). */
export function createServiceFilter(
  f: FinderFilters,
  availability: AvailabilityLookup,
  now: Date,
  hasFreeCapacity: HasFreeCapacity,
): (r: ServiceRecord) => boolean {
  const one: ServiceRecord[] = [];
  const accept = createFilter(f, recordFields(one), availability, now, hasFreeCapacity);
  return (r) => {
    one[0] = r;
    return accept(0);
  };
}
