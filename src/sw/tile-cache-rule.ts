/** Which map-tile requests the service worker caches, and how much. Tiles are only requested when the user opts in. */
export const TILE_CACHE = { name: 'map-tiles', maxEntries: 2000, maxAgeSeconds: 30 * 24 * 60 * 60 } as const;

const TILE_HOSTS = [/\.tile\.openstreetmap\.org$/, /\.tianditu\.gov\.cn$/, /\.is\.autonavi\.com$/];

export function isTileRequest(url: URL): boolean {
  return url.protocol === 'https:' && TILE_HOSTS.some((host) => host.test(url.hostname));
}
