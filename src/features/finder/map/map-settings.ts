/**
 * The map's persisted choices (settings table, key `mapTiles`) and its boundary data, read through
 * the data layer's repository (src/data/services-repository.ts).
 */
import { onFeedChanged } from '../../../data/feed-events';
import { setSetting } from '../../../data/services-repository';
import { getSetting, loadTownBoundaries as loadStoredBoundaries } from '../../../data/stored-read';
import type { TownBoundaries } from '../../../geo/town-of-point';
import { isTileProvider, type TileProvider } from './display-datum';

export const MAP_TILES_KEY = 'mapTiles';

export interface MapTileSettings {
  provider: TileProvider;
  /** Tianditu developer key (tk); stays on the device, sent only to Tianditu when that layer is on. */
  tiandituKey: string;
}

export const DEFAULT_TILE_SETTINGS: MapTileSettings = { provider: 'offline', tiandituKey: '' };

/** Anything odd in storage falls back to the offline default: never an online layer by accident. */
export function parseTileSettings(value: unknown): MapTileSettings {
  if (!value || typeof value !== 'object') return DEFAULT_TILE_SETTINGS;
  const v = value as Record<string, unknown>;
  const key = typeof v.tiandituKey === 'string' ? v.tiandituKey.slice(0, 64) : '';
  return { provider: isTileProvider(v.provider) ? v.provider : 'offline', tiandituKey: key };
}

export async function loadTileSettings(): Promise<MapTileSettings> {
  try {
    return parseTileSettings(await getSetting(MAP_TILES_KEY));
  } catch {
    return DEFAULT_TILE_SETTINGS;
  }
}

export async function saveTileSettings(settings: MapTileSettings): Promise<void> {
  try {
    await setSetting(MAP_TILES_KEY, settings);
  } catch {
    /* private mode / quota: the choice still applies for this visit */
  }
}

/** The feed's towns.geojson, checked to be a FeatureCollection (it is feed data: trust its shape only after a look). */
export function asTownBoundaries(g: unknown): TownBoundaries | null {
  const fc = g as TownBoundaries | null | undefined;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) return null;
  const features = fc.features.filter(
    (f) =>
      f && f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') && Array.isArray(f.geometry.coordinates),
  );
  return { ...fc, features };
}

export async function loadTownBoundaries(): Promise<TownBoundaries | null> {
  try {
    return asTownBoundaries(await loadStoredBoundaries());
  } catch {
    return null;
  }
}

/** Calls back with the stored boundaries now and whenever a new feed lands. */
export function watchTownBoundaries(onChange: (b: TownBoundaries | null) => void): () => void {
  let alive = true;
  const load = () =>
    void loadTownBoundaries().then((b) => {
      if (alive) onChange(b);
    });
  const off = onFeedChanged(load);
  load();
  return () => {
    alive = false;
    off();
  };
}
