/**
 * The one small store the app uses for shared state outside React (finder state, sync status, PWA
 * and install state, display preferences, feed revision): a value, a setter and change listeners,
 * read in components through useSyncExternalStore (useStore).
 */
import { useSyncExternalStore } from 'react';

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
