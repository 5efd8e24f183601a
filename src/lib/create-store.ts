/**
 * The one small store the app uses for shared state outside React (finder state, sync status, PWA
 * and install state, display preferences, feed revision): a value, a setter and change listeners,
 * read in components through useSyncExternalStore (useStore).
 */
import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';

export interface Store<T> {
  get(): T;
  /** Replaces the value (or derives it from the previous one) and tells every listener, unless it is the same value. */
  set(next: T | ((previous: T) => T)): void;
  /** Tells every listener without a new value (the value is read fresh from elsewhere, e.g. localStorage). */
  notify(): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const notify = () => {
    // a copy: a listener may unsubscribe (or subscribe another) while we call them
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => value,
    set(next) {
      const resolved = typeof next === 'function' ? (next as (previous: T) => T)(value) : next;
      if (Object.is(resolved, value)) return;
      value = resolved;
      notify();
    },
    notify,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store's value in a component (re-renders on change). */
export function useStore<T>(store: Pick<Store<T>, 'get' | 'subscribe'>, serverValue: () => T = store.get): T {
  return useSyncExternalStore(store.subscribe, store.get, serverValue);
}

/**
 * Like useStore, but a change re-renders in a React transition: React renders in slices of a few milliseconds and
 * lets input and paint in between, where useSyncExternalStore would render in one task (on a slow phone, one long
 * task per change). For values a render may show a moment late: sync progress, a rebuilt index. `store` must be
 * a stable object (module level), or every render subscribes anew.
 */
export function useStoreInTransition<T>(store: Pick<Store<T>, 'get' | 'subscribe'>): T {
  const [value, setValue] = useState(store.get);
  useEffect(() => {
    const update = () => startTransition(() => setValue(() => store.get()));
    update(); // a change between this component's render and this effect
    return store.subscribe(update);
  }, [store]);
  return value;
}
