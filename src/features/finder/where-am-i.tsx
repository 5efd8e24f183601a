/**
 * "Where am I": GPS only when tapped (WGS-84 straight from the browser), or a searchable town picker.
 * Any geolocation failure explains itself and opens the picker: never a dead end.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useFeedRevision } from '../../data/use-feed-meta';
import { TOWNS, TOWN_BY_CODE, townName, type Town } from '../../geo/towns';
import { pickText, type Language } from '../../i18n/languages';
import { loadTownBoundaries } from './finder-data-source';
import { setPlace, type Place } from './finder-store';
import { normalizeQuery } from './normalize-query';

type GeoError = 'denied' | 'timeout' | 'unavailable' | 'unsupported';

/** The town of a point, or null while the boundaries are not stored yet (or the point is outside Dongguan). */
async function townOfPoint(lat: number, lon: number): Promise<string | null> {
  try {
    // Point-in-polygon code (turf) loads only when needed: the first screen doesn't need it.
    const [fc, { createTownLookup }] = await Promise.all([loadTownBoundaries(), import('../../geo/town-of-point')]);
    return fc ? createTownLookup(fc)(lat, lon) : null;
  } catch {
    return null; // the place works without a town
  }
}

function townMatches(t: Town, q: string): boolean {
  if (!q) return true;
  const compact = q.replace(/ /g, '');
  return (
    t.zh.includes(q) || t.zhHant.includes(q) || t.en.toLowerCase().includes(q) ||
    t.pinyin.replace(/ /g, '').startsWith(compact) || t.initials.startsWith(compact)
  );
}

export function placeLabel(place: Place, lang: Language, t: (k: string, o?: Record<string, string>) => string): string {
  const town = place.townCode ? TOWN_BY_CODE.get(place.townCode) : undefined;
  const townName = town ? pickText(town, lang) : null;
  if (place.source === 'town' && townName) return townName;
  if (place.source === 'gps') return townName ? t('where.gpsPlaceInTown', { town: townName }) : t('where.gpsPlace');
  return townName ?? t('where.mapPlace');
}

export function WhereAmI({ place, lang, onPlaced }: { place: Place | null; lang: Language; onPlaced?: () => void }) {
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
  const [filter, setFilter] = useState('');
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (pickerOpen) inputRef.current?.focus();
  }, [pickerOpen]);

  const towns = useMemo(() => {
    const q = normalizeQuery(filter);
    return TOWNS.filter((tw) => tw.label && townMatches(tw, q));
  }, [filter]);

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

  const chooseTown = (tw: Town) => {
    if (!tw.label) return;
    setPlace({ lat: tw.label[1], lon: tw.label[0], source: 'town', townCode: tw.code });
    setPickerOpen(false);
    setExpanded(false);
    setError(null);
    setFilter('');
    onPlaced?.();
  };

  if (place && !expanded && !pickerOpen && !error && !locating) {
    return (
      <section className="finder-where is-compact" aria-labelledby="finder-where-h">
        <h2 id="finder-where-h" className="visually-hidden">{t('where.heading')}</h2>
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
        <button type="button" className="finder-btn" aria-expanded={pickerOpen} aria-controls={`${inputId}-panel`} onClick={() => setPickerOpen((o) => !o)}>
          {t('where.pickTown')}
        </button>
      </div>
      {error && (
        <p className="finder-geo-error" role="alert" data-testid="geo-error">
          {t(`where.${error}`)}
        </p>
      )}
      <p className="finder-muted">{t('where.privacy')}</p>
      {pickerOpen && (
        <div className="finder-town-picker" id={`${inputId}-panel`} data-testid="town-picker">
          <label htmlFor={inputId}>{t('townPicker.label')}</label>
          <input
            id={inputId}
            ref={inputRef}
            type="search"
            value={filter}
            placeholder={t('townPicker.placeholder')}
            onChange={(e) => setFilter(e.target.value)}
            autoComplete="off"
          />
          {towns.length === 0 ? (
            <p>{t('townPicker.none')}</p>
          ) : (
            <ul className="finder-town-list">
              {towns.map((tw) => (
                <li key={tw.code}>
                  <button type="button" className="finder-town" onClick={() => chooseTown(tw)} data-town={tw.code}>
                    <span lang="zh-Hans">{lang === 'zh-Hant' ? tw.zhHant : tw.zh}</span>{' '}
                    <span className="finder-muted" lang="en">{tw.en}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="finder-btn" onClick={() => setPickerOpen(false)}>
            {t('townPicker.close')}
          </button>
        </div>
      )}
    </section>
  );
}
