/**
 * "Where am I": GPS only when tapped (WGS-84 straight from the browser), or a searchable town picker.
 * Any geolocation failure explains itself and opens the picker: never a dead end.
 */
import { Suspense, lazy, memo, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useFeedRevision } from '../../../data/use-feed-revision';
import { TOWN_BY_CODE, townName, type Town } from '../../../geo/towns';
import { type Language } from '../../../i18n/languages';
import { loadTownBoundaries } from '../common/finder-data-source';
import { setPlace } from '../common/finder-store';
import type { Place } from '../common/finder-types';

const TownPicker = lazy(() => import('./town-picker'));

type GeoError = 'denied' | 'timeout' | 'unavailable' | 'unsupported';

/** The town of a point, or null while the boundaries are not stored yet (or the point is outside Dongguan). */
async function townOfPoint(lat: number, lon: number): Promise<string | null> {
  try {
    // Point-in-polygon code (turf) loads only when needed: the first screen doesn't need it.
    const [fc, { createTownLookup }] = await Promise.all([loadTownBoundaries(), import('../../../geo/town-of-point')]);
    return fc ? createTownLookup(fc)(lat, lon) : null;
  } catch {
    return null; // the place works without a town
  }
}

export function placeLabel(place: Place, lang: Language, t: (k: string, o?: Record<string, string>) => string): string {
  const name = place.townCode && TOWN_BY_CODE.has(place.townCode) ? townName(place.townCode, lang) : null;
  if (place.source === 'town' && name) return name;
  if (place.source === 'gps') return name ? t('where.gpsPlaceInTown', { town: name }) : t('where.gpsPlace');
  return name ?? t('where.mapPlace');
}

export const WhereAmI = memo(function WhereAmI({
  place,
  lang,
  onPlaced,
  locateAsk = 0,
}: {
  place: Place | null;
  lang: Language;
  onPlaced?: () => void;
  locateAsk?: number;
}) {
  const { t } = useTranslation('finder');
  const [locating, setLocating] = useState(false);
  // Once a place is known the section shrinks to one line ("near 虎门镇 · Change") so results come first.
  const [expanded, setExpanded] = useState(false);
  const feedRevision = useFeedRevision();
  // A place found before the first feed import landed has no town yet: name it once the boundaries are stored.
  useEffect(() => {
    if (!place || place.townCode !== null || place.source === 'town') return;
    let current = true;
    void townOfPoint(place.lat, place.lon).then((townCode) => {
      if (current && townCode) setPlace({ ...place, townCode });
    });
    return () => {
      current = false;
    };
  }, [place, feedRevision]);
  const [error, setError] = useState<GeoError | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const inputId = useId();

  const fail = (e: GeoError) => {
    setLocating(false);
    setError(e);
    setPickerOpen(true);
  };

  const locate = () => {
    setError(null);
    if (typeof navigator === 'undefined' || !navigator.geolocation) return fail('unsupported');
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      async (pos) => {
        const { latitude: lat, longitude: lon } = pos.coords;
        const townCode = await townOfPoint(lat, lon);
        setLocating(false);
        setPickerOpen(false);
        setExpanded(false);
        setPlace({ lat, lon, source: 'gps', townCode });
        onPlaced?.();
      },
      (err) => fail(err.code === err.PERMISSION_DENIED ? 'denied' : err.code === err.TIMEOUT ? 'timeout' : 'unavailable'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };

  // A task preset tapped before any place is known asks for the location (a denial opens the picker).
  const locateRef = useRef(locate);
  locateRef.current = locate;
  useEffect(() => {
    if (locateAsk > 0) locateRef.current();
  }, [locateAsk]);

  const chooseTown = (tw: Town) => {
    if (!tw.label) return;
    setPlace({ lat: tw.label[1], lon: tw.label[0], source: 'town', townCode: tw.code });
    setPickerOpen(false);
    setExpanded(false);
    setError(null);
    onPlaced?.();
  };

  if (place && !expanded && !pickerOpen && !error && !locating) {
    return (
      <section className="finder-where is-compact" aria-labelledby="finder-where-h">
        <h2 id="finder-where-h" className="visually-hidden">
          {t('where.heading')}
        </h2>
        <p className="finder-current" data-testid="current-place">
          {/* Short on screen (the place only); the full sentence for screen readers. */}
          <span className="visually-hidden">{t('where.current', { place: '' })}</span>
          {place.townCode && TOWN_BY_CODE.has(place.townCode) ? (
            // The place doubles as the link to its town's report card (no extra line on the first screen).
            <Link href={`/towns/${place.townCode}`}>
              {placeLabel(place, lang, t)}
              <span className="visually-hidden"> — {t('common:towns.linkFor', { town: townName(place.townCode, lang) })}</span>
            </Link>
          ) : (
            placeLabel(place, lang, t)
          )}
        </p>
        <button type="button" className="finder-btn finder-change-place" onClick={() => setExpanded(true)} data-testid="change-place">
          {t('where.change')}
        </button>
      </section>
    );
  }

  return (
    <section className="finder-where" aria-labelledby="finder-where-h">
      <h2 id="finder-where-h">{t('where.heading')}</h2>
      {place && (
        <p className="finder-current" data-testid="current-place">
          {t('where.current', { place: placeLabel(place, lang, t) })}
        </p>
      )}
      {place?.townCode && TOWN_BY_CODE.has(place.townCode) && (
        <p>
          <Link href={`/towns/${place.townCode}`}>{t('common:towns.linkFor', { town: townName(place.townCode, lang) })}</Link>
        </p>
      )}
      <div className="finder-where-actions">
        <button type="button" className="finder-btn finder-btn-primary" onClick={locate} disabled={locating} data-testid="use-location">
          {locating ? t('where.locating') : t('where.useLocation')}
        </button>
        <button
          type="button"
          className="finder-btn"
          aria-expanded={pickerOpen}
          aria-controls={`${inputId}-panel`}
          onClick={() => setPickerOpen((o) => !o)}
        >
          {t('where.pickTown')}
        </button>
      </div>
      {error && (
        <p className="finder-geo-error" role="alert" data-testid="geo-error">
          {t(`where.${error}`)}
        </p>
      )}
      {pickerOpen && (
        // The picker is its own chunk: most visits never open it.
        <Suspense fallback={null}>
          <TownPicker id={`${inputId}-panel`} lang={lang} onChoose={chooseTown} onClose={() => setPickerOpen(false)} />
        </Suspense>
      )}
      <p className="finder-muted">{t('where.privacy')}</p>
    </section>
  );
});
