/**
 * The finder's data access, over the data layer's reads (src/data/stored-read.ts, no Dexie) and its repository
 * (src/data/services-repository.ts, for writes). Thin: it only adds place validation and the favourite toggle.
 * The repository (and Dexie under it) is imported on first use: the first screen draws without it.
 */
import { onFeedChanged } from '../../../data/feed-events';
import { REMEMBERED_PLACE_KEY, getSetting, loadTownBoundaries as loadStoredBoundaries } from '../../../data/stored-read';
import type { TownBoundaries } from '../../../geo/town-of-point';
import type { Place } from './finder-types';

const repository = () => import('../../../data/services-repository');

export async function isFavourite(id: string): Promise<boolean> {
  return (await repository()).isFavourite(id);
}

export async function loadTownBoundaries(): Promise<TownBoundaries | null> {
  const g = (await loadStoredBoundaries()) as TownBoundaries | null;
  return g && g.type === 'FeatureCollection' && Array.isArray(g.features) ? g : null;
}

/** Calls `onChange` whenever a new feed is committed (this tab or another). */
export function watchFeed(onChange: () => void): () => void {
  return onFeedChanged(() => onChange());
}

function isPlace(v: unknown): v is Place {
  if (!v || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.lat === 'number' &&
    Number.isFinite(p.lat) &&
    typeof p.lon === 'number' &&
    Number.isFinite(p.lon) &&
    (p.source === 'gps' || p.source === 'town' || p.source === 'map') &&
    (p.townCode === null || typeof p.townCode === 'string')
  );
}

export async function rememberPlace(place: Place): Promise<void> {
  try {
    const { setSetting } = await repository();
    await setSetting(REMEMBERED_PLACE_KEY, place);
  } catch {
    /* private mode / quota: the place still applies for this visit */
  }
}

export async function loadRememberedPlace(): Promise<Place | null> {
  try {
    const v = await getSetting(REMEMBERED_PLACE_KEY);
    return isPlace(v) ? v : null;
  } catch {
    return null;
  }
}

/** Returns the new state (true = now a favourite). */
export async function toggleFavourite(id: string): Promise<boolean> {
  const { addFavourite, isFavourite, removeFavourite } = await repository();
  if (await isFavourite(id)) {
    await removeFavourite(id);
    return false;
  }
  await addFavourite(id);
  return true;
}

export async function recordRecentView(id: string): Promise<void> {
  try {
    await (await repository()).addRecent(id);
  } catch {
    /* a full disk must not break the detail page */
  }
}
