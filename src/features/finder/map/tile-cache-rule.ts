/**
 * Service-worker runtime caching for opt-in map tiles.
 * CacheFirst with an entry cap and an expiry so the cache can never grow without bound, and
 * purge-on-quota so a full disk drops tiles rather than the app's own data (the service worker wires it in).
 *
 * Only CORS (status 200) responses are cached. Opaque (no-cors) responses count as ~7 MB each in
 * Chrome's quota accounting (padding that hides their real size), so 2,000 of them would crowd out IndexedDB.
 * Providers whose CORS headers are unverified (Tianditu, AMap) are therefore shown but not cached
 * until their `cors` flag in tile-providers.ts is switched on.
 */
// Deliberately import-free: the service worker (its own tsconfig, WebWorker lib) can include this one file.

export const TILE_CACHE_NAME = 'dg-nearby-map-tiles';

export const TILE_CACHE_EXPIRATION = {
  maxEntries: 2000,
  maxAgeSeconds: 30 * 24 * 60 * 60,
  purgeOnQuotaError: true,
} as const;

/** Where each opt-in provider's tiles come from (tile-providers.ts builds its URLs on these hosts). */
export const TILE_HOST_PATTERNS = {
  osm: /^https:\/\/tile\.openstreetmap\.org\//,
  tianditu: /^https:\/\/t[0-7]\.tianditu\.gov\.cn\//,
  amap: /^https:\/\/webrd0[1-4]\.is\.autonavi\.com\//,
} as const;

/** Every tile host we may request, CORS or not. */
export const TILE_URL_PATTERNS: readonly RegExp[] = Object.values(TILE_HOST_PATTERNS);

export function isTileUrl(url: string | URL): boolean {
  const href = typeof url === 'string' ? url : url.href;
  return TILE_URL_PATTERNS.some((re) => re.test(href));
}

/** Shape of a vite-plugin-pwa / workbox-build `runtimeCaching` entry (kept local: no build-tool types in src). */
export interface TileRuntimeCaching {
  urlPattern: (ctx: { url: URL }) => boolean;
  handler: 'CacheFirst';
  options: {
    cacheName: string;
    expiration: typeof TILE_CACHE_EXPIRATION;
    cacheableResponse: { statuses: number[] };
  };
}

/**
 * The runtime-caching rule for tiles, as a `workbox.runtimeCaching` entry (generateSW). With injectManifest:
 * registerRoute(({ url }) => isTileUrl(url), new CacheFirst({ cacheName: TILE_CACHE_NAME,
 *   plugins: [new ExpirationPlugin(TILE_CACHE_EXPIRATION)] })) — CacheFirst stores only status-200 responses
 * unless a plugin says otherwise, which is exactly the "no opaque tiles" rule above.
 */
export function tileCacheRule(): TileRuntimeCaching {
  return {
    urlPattern: ({ url }) => isTileUrl(url),
    handler: 'CacheFirst',
    options: {
      cacheName: TILE_CACHE_NAME,
      expiration: TILE_CACHE_EXPIRATION,
      cacheableResponse: { statuses: [200] },
    },
  };
}
