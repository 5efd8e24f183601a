/**
 * Shared finder state: the contract between the list (finder), the map and availability.
 * A tiny external store (useSyncExternalStore) so the map chunk and the list read the same place,
 * filters, query and selection without a provider.
 */
import { createStore, useStore } from '../../../lib/create-store';
import { CATEGORIES, type Category } from '../../../data/categories';
import { loadRememberedPlace, rememberPlace } from './finder-data-source';
import type { Place } from './finder-types';
import { DEFAULT_FILTERS, type FinderFilters } from './service-filter';

interface FinderState {
  place: Place | null;
  filters: FinderFilters;
  query: string;
  selectedId: string | null;
}

/*
 * Filters and the search text survive a reload (on this device only, in localStorage). What is read
 * back is checked field by field: anything unexpected falls back to the default for that field.
 */
const SAVED_KEY = 'dg-nearby:finder-filters';

export function parseSavedFilters(raw: string | null): { filters: FinderFilters; query: string } {
  const fallback = { filters: DEFAULT_FILTERS, query: '' };
  if (!raw) return fallback;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fallback;
  }
  if (typeof data !== 'object' || data === null) return fallback;
  const d = data as { filters?: Record<string, unknown>; query?: unknown };
  const f = typeof d.filters === 'object' && d.filters !== null ? d.filters : {};
  const bool = (k: keyof FinderFilters) => (typeof f[k] === 'boolean' ? (f[k] as boolean) : (DEFAULT_FILTERS[k] as boolean));
  const age = f.childAgeMonths;
  return {
    filters: {
      categories: Array.isArray(f.categories)
        ? (f.categories.filter((c) => (CATEGORIES as readonly unknown[]).includes(c)) as Category[])
        : [],
      openNow: bool('openNow'),
      hasAvailability: bool('hasAvailability'),
      childAgeMonths: typeof age === 'number' && Number.isInteger(age) && age >= 0 && age <= 120 ? age : null,
      freeOrLow: bool('freeOrLow'),
      ev: bool('ev'),
      accessible: bool('accessible'),
      includeStale: bool('includeStale'),
    },
    query: typeof d.query === 'string' ? d.query.slice(0, 200) : '',
  };
}

function readSaved(): { filters: FinderFilters; query: string } {
  try {
    return parseSavedFilters(typeof localStorage === 'undefined' ? null : localStorage.getItem(SAVED_KEY));
  } catch {
    return { filters: DEFAULT_FILTERS, query: '' }; // storage blocked: start clean
  }
}

function save(): void {
  try {
    const { filters, query } = store.get();
    localStorage.setItem(SAVED_KEY, JSON.stringify({ filters, query }));
  } catch {
    // storage full or blocked: the filters still work for this visit
  }
}

const store = createStore<FinderState>({ place: null, ...readSaved(), selectedId: null });

function update(patch: Partial<FinderState>): void {
  store.set((state) => ({ ...state, ...patch }));
}

export function useFinderState(): { place: Place | null; filters: FinderFilters; query: string; selectedId: string | null } {
  return useStore(store);
}

/** Non-React read (map event handlers, tests). */
export function getFinderState(): Readonly<FinderState> {
  return store.get();
}

/** Sets the place and remembers it on the device (settings table). */
export function setPlace(place: Place): void {
  update({ place });
  void rememberPlace(place);
}

let remembered: Promise<Place | null> | null = null;

/**
 * The place remembered on this device, read from the database once per visit (the list, the map and the index
 * loader all ask) and put into the store unless a place was chosen meanwhile; it is not written back.
 */
export function restoreRememberedPlace(): Promise<Place | null> {
  remembered ??= loadRememberedPlace().then((place) => {
    if (place && !store.get().place) update({ place });
    return place;
  });
  return remembered;
}

export function setFilters(patch: Partial<FinderFilters>): void {
  update({ filters: { ...store.get().filters, ...patch } });
  save();
}

export function clearFilters(): void {
  update({ filters: DEFAULT_FILTERS, query: '' });
  save();
}

export function setQuery(q: string): void {
  if (q === store.get().query) return;
  update({ query: q });
  save();
}

export function setSelected(id: string | null): void {
  if (id !== store.get().selectedId) update({ selectedId: id });
}

/** Tests only. */
export function resetFinderStateForTests(): void {
  store.set({ place: null, filters: DEFAULT_FILTERS, query: '', selectedId: null });
}

export function hasActiveFilters(f: FinderFilters): boolean {
  return f.categories.length > 0 || f.openNow || f.hasAvailability || f.childAgeMonths !== null || f.freeOrLow || f.ev || f.accessible;
}

/** How many filters are on (the filter button's count). */
export function activeFilterCount(f: FinderFilters): number {
  return (
    f.categories.length + [f.openNow, f.hasAvailability, f.childAgeMonths !== null, f.freeOrLow, f.ev, f.accessible].filter(Boolean).length
  );
}
