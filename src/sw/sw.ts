/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell and every locale chunk, answers deep links offline with the shell,
 * caches the operator page's import tools when that page first loads them, and (only when the user has turned on
 * an online map) keeps map tiles in a bounded cache.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
// The map feature owns which tile hosts exist; its rule file is import-free so the worker can share it.
import { TILE_CACHE_EXPIRATION, TILE_CACHE_NAME, isTileUrl } from '../features/finder/map/tile-cache-rule';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Client-side routes (/service/:id, /enrolment …) are all served by the shell, online or not.
// The feed is data, not a page: its requests must reach the network (the app keeps its own copy in IndexedDB).
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/feed\//, /\/[^/?]+\.[a-z0-9]+$/i] }));

// Only status-200 (CORS) tiles are kept: opaque responses would count ~7 MB each against the quota.
registerRoute(
  ({ url }) => isTileUrl(url),
  new CacheFirst({
    cacheName: TILE_CACHE_NAME,
    plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ ...TILE_CACHE_EXPIRATION })],
  }),
);

// The operator page's import core and dictionaries are not precached (every resident would download them):
// a data owner's first visit to /operator caches them, so the page works offline after that. Hashed names: a
// file never changes under its name, and old versions fall out of the bounded cache.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && /^\/assets\/(opencc|pinyin|import-api|import\.worker)-[\w-]+\.js$/.test(url.pathname),
  new CacheFirst({
    cacheName: 'operator-tools',
    plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 12 })],
  }),
);

// The first install takes control at once so the first visit already works offline; later versions wait until
// the user presses "Reload" in the update prompt (workbox-window sends SKIP_WAITING).
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
