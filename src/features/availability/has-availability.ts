/**
 * Availability lookups for the finder's filters and badges: a live map of the stored figures
 * (re-renders when the poller writes) and "is there room right now?".
 */
import { useSyncExternalStore } from 'react';
import { createStore } from '../../lib/create-store.ts';
import type { AvailabilityRow } from '../../data/db.ts';
import { AVAILABILITY_FAULTS_KEY } from '../../data/stored-read.ts';
import type { AvailabilityItem } from '../../data/feed-schema.ts';
import { cstDayKey, freshnessOf } from './freshness.ts';

const EMPTY: ReadonlyMap<string, AvailabilityRow> = new Map();

/** Sports slots that have not ended yet and still have room. */
export function openSlots(item: AvailabilityItem, now: Date) {
  if (item.figures.kind !== 'sports_venue') return [];
  const t = now.getTime();
  return item.figures.slots.filter((s) => s.remaining > 0 && Date.parse(s.start) + s.durationMinutes * 60_000 > t);
}

/** Bookable slots left today (China Standard Time). */
export function openSlotsToday(item: AvailabilityItem, now: Date) {
  const today = cstDayKey(now);
  return openSlots(item, now).filter((s) => cstDayKey(new Date(s.start)) === today);
}

/** Headline free count per category (places, spaces, appointments, slots in the next 7 days). */
export function freeCount(item: AvailabilityItem, now: Date): number {
  const f = item.figures;
  switch (f.kind) {
    case 'parking':
      return f.free;
    case 'clinic':
      return f.appointmentsFree;
    case 'elderly_daycare':
      return f.places.free;
    case 'kindergarten':
      return Object.values(f.classes).reduce((sum, p) => sum + (p?.free ?? 0), 0);
    case 'nursery':
      return f.bands.reduce((sum, b) => sum + b.free, 0);
    case 'sports_venue':
      return openSlots(item, now).length;
  }
}

/** Kindergarten class a child of this age joins (托班 under 3, then one class a year). */
export function kindergartenClassFor(ageMonths: number): 'tuoban' | 'xiaoban' | 'zhongban' | 'daban' {
  if (ageMonths < 36) return 'tuoban';
  if (ageMonths < 48) return 'xiaoban';
  if (ageMonths < 60) return 'zhongban';
  return 'daban';
}

/**
 * Free places for a child of `ageMonths`: the kindergarten class for that age, or the nursery bands
 * that include it. Null for other categories (the age does not apply).
 */
export function freeForAge(item: AvailabilityItem, ageMonths: number): number | null {
  const f = item.figures;
  if (f.kind === 'kindergarten') return f.classes[kindergartenClassFor(ageMonths)]?.free ?? 0;
  if (f.kind === 'nursery')
    return f.bands.filter((b) => b.fromMonths <= ageMonths && ageMonths <= b.toMonths).reduce((s, b) => s + b.free, 0);
  return null;
}

export interface CapacityOptions {
  /** Only places for a child of this age count (kindergartens and nurseries). */
  ageMonths?: number | null;
  /** Count stale figures too: only when the user asked for "show with older figures". */
  allowStale?: boolean;
}

/**
 * True when fresh figures show room now. Stale figures don't count unless asked for: a car park full
 * ten minutes ago is not "available", and the badge says so.
 */
export function hasFreeCapacity(item: AvailabilityItem | undefined, now: Date, options: CapacityOptions = {}): boolean {
  if (!item) return false;
  if (!options.allowStale && freshnessOf(item, item.figures.kind, now) !== 'fresh') return false;
  if (options.ageMonths !== undefined && options.ageMonths !== null) {
    const forAge = freeForAge(item, options.ageMonths);
    if (forAge !== null) return forAge > 0;
  }
  return freeCount(item, now) > 0;
}

type DbModule = typeof import('../../data/db.ts');
interface Subscription {
  unsubscribe(): void;
}

/**
 * A Dexie live query whose code (Dexie and the database module) is fetched on first use, so that nothing of it is on
 * the first screen. Unsubscribing before the code has arrived cancels the start; a failed load counts as an error.
 */
function lazyLiveQuery<T>(query: (db: DbModule) => Promise<T>, next: (value: T) => void, error: () => void): Subscription {
  let live: Subscription | null = null;
  let cancelled = false;
  Promise.all([import('dexie'), import('../../data/db.ts')]).then(
    ([{ liveQuery }, dbModule]) => {
      if (!cancelled) live = liveQuery(() => query(dbModule)).subscribe({ next, error });
    },
    () => !cancelled && error(),
  );
  return {
    unsubscribe() {
      cancelled = true;
      live?.unsubscribe();
    },
  };
}

/*
 * One shared live query over the availability table for every component that needs the whole map
 * (the list's and the map's "has availability" filter), started on first demand and dropped when
 * nobody listens: nothing reads 3,000+ rows at start-up unless that filter is on.
 */
const shared = createStore<ReadonlyMap<string, AvailabilityRow> | null>(null);
let sharedSub: Subscription | null = null;
let subscribers = 0;

function subscribeShared(listener: () => void): () => void {
  const off = shared.subscribe(listener);
  if (subscribers++ === 0) {
    sharedSub = lazyLiveQuery(
      (db) => db.getDb().availability.toArray(),
      (rows) => shared.set(new Map(rows.map((r) => [r.serviceId, r]))),
      // a broken store must not leave the filter waiting forever
      () => shared.set((previous) => previous ?? EMPTY),
    );
  }
  return () => {
    off();
    if (--subscribers === 0) {
      sharedSub?.unsubscribe();
      sharedSub = null;
      shared.set(null);
    }
  };
}

const noSubscribe = () => () => {};
const getShared = shared.get;
const getEmpty = () => EMPTY;

/**
 * The availability map only when `enabled` (e.g. the "has availability" filter is on): EMPTY when
 * not, null while the first read is pending (callers keep their previous results meanwhile).
 */
export function useAvailabilityLookup(enabled: boolean): ReadonlyMap<string, AvailabilityRow> | null {
  return useSyncExternalStore(enabled ? subscribeShared : noSubscribe, enabled ? getShared : getEmpty, enabled ? getShared : getEmpty);
}

/**
 * One service's stored row (undefined while loading or when there is none). Read from the one shared
 * live query: fifty badges in a list are one IndexedDB read, not fifty.
 */
export function useAvailability(serviceId: string): AvailabilityRow | undefined {
  return useAvailabilityLookup(true)?.get(serviceId);
}

/*
 * Whether the last live file failed its signature check (issue 23): one shared live query of the
 * poller's fault row, so every badge can say its figures are the last verified ones.
 */
const unverified = createStore<boolean>(false);
let unverifiedSub: Subscription | null = null;
let unverifiedListeners = 0;

function subscribeUnverified(listener: () => void): () => void {
  const off = unverified.subscribe(listener);
  if (unverifiedListeners++ === 0) {
    unverifiedSub = lazyLiveQuery(
      (db) => db.getDb().settings.get(AVAILABILITY_FAULTS_KEY),
      (row) => unverified.set(typeof (row?.value as { unverifiedSince?: unknown } | undefined)?.unverifiedSince === 'string'),
      () => unverified.set(false),
    );
  }
  return () => {
    off();
    if (--unverifiedListeners === 0) {
      unverifiedSub?.unsubscribe();
      unverifiedSub = null;
    }
  };
}

/** True while the newest live figures on offer could not be verified (the stored ones are older, verified ones). */
export function useLiveFiguresUnverified(): boolean {
  return useSyncExternalStore(subscribeUnverified, unverified.get, unverified.get);
}
