/**
 * The host of an unofficial feed the resident accepted (issue 23), for the call and booking buttons
 * that must name it. Kept in localStorage so the first screen knows it before IndexedDB answers; the
 * shell's trust banner (src/app/feed-trust-banner.tsx) sets it from the stored feed's trust after
 * every sync. Tiny on purpose: it is part of the first screen.
 */
import { createStore, useStore } from '../lib/create-store.ts';

const KEY = 'dg-nearby.unofficialHost';

function read(): string | null {
  try {
    return localStorage.getItem(KEY) || null;
  } catch {
    return null;
  }
}

const host = createStore<string | null>(typeof localStorage === 'undefined' ? null : read());

export function setUnofficialHost(next: string | null): void {
  try {
    if (next) localStorage.setItem(KEY, next);
    else localStorage.removeItem(KEY);
  } catch {
    // private mode: the in-memory value still labels the buttons in this tab
  }
  host.set(next);
}

/** The unofficial feed's host while one is in use, else null. */
export function useUnofficialHost(): string | null {
  return useStore(host);
}
