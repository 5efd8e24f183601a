/**
 * Registers the service worker with workbox-window and feeds its life cycle into the PWA store: "new version —
 * reload", "ready to work offline", and an hourly update check. Loaded after the first screen is drawn.
 */
import { Workbox } from 'workbox-window';
import { pwaStore } from './pwa-store';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const workbox = new Workbox('/sw.js', { scope: '/', type: 'classic' });
  workbox.addEventListener('waiting', () => pwaStore.set({ needRefresh: true }));
  workbox.addEventListener('activated', (event) => {
    if (!event.isUpdate) pwaStore.set({ offlineReady: true });
  });
  pwaStore.onApplyUpdate(() => {
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  });
  void workbox.register().then((registration) => {
    if (!registration) return;
    window.setInterval(() => {
      if (navigator.onLine) void registration.update();
    }, UPDATE_CHECK_MS);
  });
}
