/**
 * Elder mode (长辈模式) lives in localStorage, not IndexedDB: it must apply synchronously before the first paint.
 * 'on' | 'off' once chosen; null means the first-run offer has not been answered yet.
 */
import { createStore, useStore } from '../lib/create-store';

const KEY = 'dg-nearby:elder-mode';
type ElderChoice = 'on' | 'off' | null;
/** Read from localStorage on every get; the store only says when to read again. */
const changes = createStore<null>(null);

function read(): ElderChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'on' || value === 'off' ? value : null;
  } catch {
    return null;
  }
}

export function applyElderMode(choice: ElderChoice = read()): void {
  document.documentElement.classList.toggle('elder', choice === 'on');
}

export function setElderMode(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    /* still applied for this visit */
  }
  applyElderMode(on ? 'on' : 'off');
  changes.notify();
}

export function useElderChoice(): ElderChoice {
  return useStore({ get: read, subscribe: changes.subscribe }, () => null);
}
