import { describe, expect, it } from 'vitest';
import { isTileUrl, TILE_CACHE_EXPIRATION, tileCacheRule } from './tile-cache-rule';
import { ONLINE_PROVIDERS } from './tile-providers';

describe('tile cache rule', () => {
  it.each([
    ['https://tile.openstreetmap.org/12/3340/1780.png', true],
    ['https://t3.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&TILEMATRIX=12&tk=abc', true],
    ['https://webrd02.is.autonavi.com/appmaptile?lang=zh_cn&x=1&y=2&z=3', true],
    ['https://tile.openstreetmap.org.evil.example/1/1/1.png', false],
    ['http://127.0.0.1:4173/feed/manifest.json', false],
    ['https://t9.tianditu.gov.cn/vec_w/wmts', false],
  ])('%s → %s', (url, expected) => {
    expect(isTileUrl(url)).toBe(expected);
    expect(tileCacheRule().urlPattern({ url: new URL(url) })).toBe(expected);
  });

  it('caps entries and age and never caches opaque responses', () => {
    const rule = tileCacheRule();
    expect(rule.handler).toBe('CacheFirst');
    expect(rule.options.expiration).toEqual({ maxEntries: 2000, maxAgeSeconds: 2_592_000, purgeOnQuotaError: true });
    expect(TILE_CACHE_EXPIRATION.maxAgeSeconds).toBe(30 * 86400);
    expect(rule.options.cacheableResponse.statuses).not.toContain(0);
  });
});

describe('tile providers', () => {
  // Fill a Leaflet URL template the way TileLayer does, for every subdomain.
  const expand = (url: string, subdomains: string) =>
    (subdomains || 'x')
      .split('')
      .map((s) => url.replace('{s}', s).replace('{z}', '12').replace('{x}', '3340').replace('{y}', '1780').replace('{tk}', 'k'));

  it.each(Object.values(ONLINE_PROVIDERS))('every $id tile URL is https, on its host, and covered by the cache rule', (p) => {
    for (const layer of p.layers) {
      for (const url of expand(layer.url, layer.subdomains)) {
        expect(url).toMatch(/^https:\/\//);
        expect(url).not.toMatch(/[{}]/);
        expect(p.hosts.test(url)).toBe(true);
        expect(isTileUrl(url)).toBe(true);
      }
    }
  });

  it('uses vec_w + cva_w for Tianditu, with the key', () => {
    const urls = ONLINE_PROVIDERS.tianditu.layers.map((l) => l.url);
    expect(urls[0]).toContain('/vec_w/');
    expect(urls[1]).toContain('/cva_w/');
    for (const u of urls) expect(u).toContain('tk={tk}');
  });
});
