/**
 * Online base layers the user may opt into. Pure data (no Leaflet) so the service-worker caching
 * rule and the tests can read it. Every provider here is off by default: the offline vector map
 * makes no network requests at all.
 */
import type { TileProvider } from './display-datum';
import { TILE_HOST_PATTERNS } from './tile-cache-rule';

export interface TileLayerSpec {
  /** Leaflet URL template; `{tk}` is the Tianditu key. */
  url: string;
  subdomains: string;
}

export interface OnlineProvider {
  id: Exclude<TileProvider, 'offline'>;
  layers: TileLayerSpec[];
  maxNativeZoom: number;
  /**
   * Request tiles with CORS. Only where the server is known to send Access-Control-Allow-Origin:
   * an image requested with CORS from a server without it does not display at all.
   */
  cors: boolean;
  needsKey: boolean;
  /** Hosts the tiles come from (for the SW rule and the "no tile requests by default" e2e). */
  hosts: RegExp;
}

const TIANDITU = (layer: 'vec' | 'cva'): TileLayerSpec => ({
  url:
    `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
    '&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}',
  subdomains: '01234567',
});

export const ONLINE_PROVIDERS: Readonly<Record<OnlineProvider['id'], OnlineProvider>> = {
  osm: {
    id: 'osm',
    layers: [{ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', subdomains: '' }],
    maxNativeZoom: 19,
    cors: true,
    needsKey: false,
    hosts: TILE_HOST_PATTERNS.osm,
  },
  tianditu: {
    id: 'tianditu',
    // vec_w = roads and areas, cva_w = Chinese annotation on top (both Web Mercator, CGCS2000).
    layers: [TIANDITU('vec'), TIANDITU('cva')],
    maxNativeZoom: 18,
    cors: false,
    needsKey: true,
    hosts: TILE_HOST_PATTERNS.tianditu,
  },
  amap: {
    id: 'amap',
    layers: [
      { url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}', subdomains: '1234' },
    ],
    maxNativeZoom: 18,
    cors: false,
    needsKey: false,
    hosts: TILE_HOST_PATTERNS.amap,
  },
};

/** A Tianditu key is a 32-character hex token; anything else is refused before it reaches a URL. */
export function isPlausibleTiandituKey(key: string): boolean {
  return /^[0-9a-f]{32}$/i.test(key.trim());
}
