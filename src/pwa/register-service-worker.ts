/**
 * Registers the service worker with workbox-window and turns its life cycle into a small store the shell renders:
 * "new version — reload", "ready to work offline", and an hourly update check.
 */
import { Workbox } from 'workbox-window';

export interface PwaState {
  needRefresh: boolean;
  offlineReady: boolean;
}

const UPDATE_CHECK_MS = 60 * 60 * 1000;
let state: PwaState = { needRefresh: false, offlineReady: false };
const listeners = new Set<() => void>();
let workbox: Workbox | null = null;

function set(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  listeners.forEach((listener) => listener());
}

export const pwaStore = {
  get: (): PwaState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  dismiss(): void {
    set({ needRefresh: false, offlineReady: false });
  },
  /** Tell the waiting worker to take over, then reload once it controls the page. */
  applyUpdate(): void {
    if (!workbox) return;
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  },
};

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js', { scope: '/', type: 'classic' });
  workbox.addEventListener('waiting', () => set({ needRefresh: true }));
  workbox.addEventListener('activated', (event) => {
    if (!event.isUpdate) set({ offlineReady: true });
  });
  void workbox.register().then((registration) => {
    if (!registration) return;
    window.setInterval(() => {
      if (navigator.onLine) void registration.update();
    }, UPDATE_CHECK_MS);
  });
}
