/**
 * The map room (src/features/finder/map/): the map page, the Leaflet view (map-view.ts), marker clustering in a
 * worker (cluster-*.ts), base-map settings and tile providers, and the tile-cache rule the service worker
 * shares. It may import the common/ and index/ rooms; never list/ or detail/ (it shares the list's place,
 * filters and selection through common/finder-store.ts).
 *
 * /map — a lazily loaded chunk (Leaflet never reaches the first screen). The list stays the primary
 * view; the map shares the finder's state: same filters, same selection, same place.
 * Default base layer is the offline vector town map: no tile request unless the user opts in.
 * Pins come from the compact start-up form (use-matching-services.ts); full records are read only for
 * the pins drawn, the selected card and a co-located list (never for every service).
 */
import 'leaflet/dist/leaflet.css';
import './map.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { useElderChoice } from '../../../ui/display-preferences';
import { Link } from 'wouter';
import { CATEGORIES, type Category } from '../../../data/categories';
import type { ServiceRecord } from '../../../data/feed-schema';
import { pickText, type Language } from '../../../i18n/languages';
import { createTownLookup, type TownBoundaries } from '../../../geo/town-of-point';
import { TOWN_BY_CODE, isTownCode, townName } from '../../../geo/towns';
import { restoreRememberedPlace, setPlace, setSelected, useFinderState } from '../common/finder-store';
import { matchedNumber, useMatchingServices } from './use-matching-services';
import { useSearchFailed } from '../index/finder-index-store';
import { SearchFailedNotice } from '../search/search-failed-notice';
import { useRecordsAt } from './use-records-at';
import type { TileProvider } from './display-datum';
import { DEFAULT_TILE_SETTINGS, loadTileSettings, saveTileSettings, watchTownBoundaries, type MapTileSettings } from './map-settings';
import { MapView, type MapViewText } from './map-view';
import { isPlausibleTiandituKey } from './tile-providers';
import { TileLayerPanel } from './tile-layer-panel';

function townLabel(code: string | null, lang: Language, fallback?: { zh?: string | undefined; en?: string | undefined }): string | null {
  if (code && isTownCode(code)) return townName(code, lang);
  if (fallback?.zh || fallback?.en) return lang === 'en' ? (fallback.en ?? fallback.zh ?? '') : (fallback.zh ?? fallback.en ?? '');
  return null;
}

/** The provider actually drawn: Tianditu without a usable key stays on the offline map. */
function effectiveProvider(s: MapTileSettings): TileProvider {
  return s.provider === 'tianditu' && !isPlausibleTiandituKey(s.tiandituKey) ? 'offline' : s.provider;
}

export default function MapPage() {
  const { t } = useTranslation('map');
  const { t: tc } = useTranslation('common');
  const lang = useLanguage();
  const { place, selectedId, query } = useFinderState();
  const { matches, ready } = useMatchingServices();
  const searchFailed = useSearchFailed() && query.trim() !== '';
  const count = matches?.numbers.length ?? 0;
  const elder = useElderChoice() === 'on';

  const containerRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<MapView | null>(null);
  const [boundaries, setBoundaries] = useState<TownBoundaries | null | undefined>(undefined);
  const [settings, setSettings] = useState<MapTileSettings>(DEFAULT_TILE_SETTINGS);
  const [keyDraft, setKeyDraft] = useState('');
  const [drawn, setDrawn] = useState({ clusters: 0, pins: 0 });
  const [coLocated, setCoLocated] = useState<string[] | null>(null);
  const [tapped, setTapped] = useState<{ lat: number; lon: number } | null>(null);
  const [placeNote, setPlaceNote] = useState<string | null>(null);
  const colocatedHeading = useRef<HTMLHeadingElement>(null);
  // Selections made on the map itself should not re-pan the map; those from the list should.
  const selectedFromMap = useRef<string | null>(null);
  // A choice made before the stored settings finished loading must not be overwritten by them.
  const settingsTouched = useRef(false);

  const showsSample = useMemo(() => matches?.numbers.some((n) => matches.index.compact.isSample(n)) ?? false, [matches]);
  const townLookup = useMemo(() => (boundaries ? createTownLookup(boundaries) : null), [boundaries]);
  const provider = effectiveProvider(settings);

  const text = useMemo<MapViewText>(
    () => ({
      pinLabel: (name, category) => t('pin', { name, category: tc(`category.${category}`) }),
      categoryShort: (category) => t(`categoryShort.${category}`),
      clusterLabel: (count, one) => t(one ? 'clusterPlace' : 'cluster', { count }),
      tappedPlace: t('tapped'),
      yourPlace: t('yourPlace'),
      zoomIn: t('zoomIn'),
      zoomOut: t('zoomOut'),
      // English labels drop "Town"/"Subdistrict" so 35 names fit at city zoom.
      townLabel: (code, fallback) => {
        const name = townLabel(code, lang, fallback) ?? code;
        return lang === 'en' ? name.replace(/ (Town|Subdistrict)$/, '') : name;
      },
      townLabelPoint: (code) => TOWN_BY_CODE.get(code)?.label ?? null,
      serviceName: (s) => pickText(s.name, lang),
    }),
    [t, tc, lang],
  );

  // Create the Leaflet map once; everything else is pushed into it by the effects below.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const view = new MapView(
      container,
      text,
      {
        selectService: (id) => {
          selectedFromMap.current = id;
          setSelected(id);
          setTapped(null);
        },
        openCoLocated: (ids) => setCoLocated(ids),
        tap: (lat, lon) => {
          setTapped({ lat, lon });
          setPlaceNote(null);
        },
        rendered: setDrawn,
      },
      place,
    );
    viewRef.current = view;
    const onResize = () => view.invalidateSize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      view.destroy();
      viewRef.current = null;
    };
    // Created once on purpose: later changes reach the map through the setters in the effects below.
  }, []);

  useEffect(() => viewRef.current?.setText(text), [text]);
  useEffect(() => viewRef.current?.setElder(elder), [elder]);
  useEffect(() => viewRef.current?.setMatches(matches), [matches]);
  useEffect(() => viewRef.current?.setBoundaries(boundaries ?? null), [boundaries]);
  useEffect(() => viewRef.current?.setProvider(provider, settings.tiandituKey), [provider, settings.tiandituKey]);
  useEffect(() => viewRef.current?.setTapped(tapped), [tapped]);
  // A remembered place that arrives after the map opened: go there once (not for places picked on the map).
  const pannedToPlace = useRef(place !== null);
  useEffect(() => {
    const pan = !pannedToPlace.current && place !== null && place.source !== 'map';
    if (place) pannedToPlace.current = true;
    viewRef.current?.setPlace(place, pan);
  }, [place]);
  // Pan only when the selection itself changes (not when a filter change rebuilds the pins).
  // A pan that could not happen yet (matches still loading) waits for them.
  const lastSelected = useRef<string | null | undefined>(undefined);
  const pendingPan = useRef(false);
  useEffect(() => {
    if (lastSelected.current !== selectedId) {
      pendingPan.current = selectedFromMap.current !== selectedId;
      lastSelected.current = selectedId;
    }
    selectedFromMap.current = null;
    const panned = viewRef.current?.setSelected(selectedId, pendingPan.current) ?? false;
    if (panned) pendingPan.current = false;
  }, [selectedId, matches]);

  useEffect(() => watchTownBoundaries(setBoundaries), []);
  useEffect(() => {
    let alive = true;
    void loadTileSettings().then((s) => {
      if (!alive || settingsTouched.current) return;
      setSettings(s);
      setKeyDraft(s.tiandituKey);
    });
    void restoreRememberedPlace();
    return () => {
      alive = false;
    };
  }, []);
  useEffect(() => {
    if (coLocated) colocatedHeading.current?.focus();
  }, [coLocated]);

  const chooseProvider = (p: TileProvider) => {
    settingsTouched.current = true;
    const next = { ...settings, provider: p };
    setSettings(next);
    void saveTileSettings(next);
  };
  const commitKey = () => {
    const key = keyDraft.trim();
    if (key === settings.tiandituKey) return;
    settingsTouched.current = true;
    const next = { ...settings, tiandituKey: key };
    setSettings(next);
    void saveTileSettings(next);
  };

  const tappedTown = tapped && townLookup ? townLookup(tapped.lat, tapped.lon) : null;
  const applyTapped = (point: { lat: number; lon: number }) => {
    const townCode = townLookup ? townLookup(point.lat, point.lon) : null;
    setPlace({ lat: point.lat, lon: point.lon, source: 'map', townCode });
    setTapped(null);
    setPlaceNote(t('tap.done', { town: townLabel(townCode, lang) ?? t('tap.outside') }));
  };

  const index = matches?.index ?? null;
  const selectedNumber = matches && selectedId ? matchedNumber(matches, selectedId) : undefined;
  const [selected] = useRecordsAt(index, selectedNumber === undefined ? [] : [selectedNumber]);
  const coLocatedNumbers = useMemo(
    () => (coLocated && index ? coLocated.flatMap((id) => index.compact.indexOfId(id) ?? []) : []),
    [coLocated, index],
  );
  const coLocatedRecords = useRecordsAt(index, coLocatedNumbers);

  return (
    <section className="map-page" aria-labelledby="map-title">
      <div className="map-head">
        <h1 id="map-title">{t('title')}</h1>
        {showsSample && (
          <span className="map-sample-badge" title={tc('sample.explain')}>
            {tc('sample.badge')}
          </span>
        )}
      </div>
      <p className="map-list-note">
        {t('listNote')} <Link href="/">{t('toList')}</Link>
      </p>

      <div className="map-frame" role="region" aria-label={t('regionLabel')}>
        <div ref={containerRef} className="map-canvas" data-provider={provider} data-testid="map-canvas" />
        <p className="map-attribution" aria-label={t('attribution.label')}>
          {provider === 'osm' && (
            <>
              {t('attribution.osm')} (
              <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener noreferrer">
                {t('attribution.osmLink')}
              </a>
              ) ·{' '}
            </>
          )}
          {provider === 'tianditu' && <>{t('attribution.tianditu')} · </>}
          {provider === 'amap' && <>{t('attribution.amap')} · </>}
          {t('attribution.boundaries')}
        </p>
      </div>

      <p className="map-status">
        {/* Only the count is announced: the on-screen tally changes with every pan. */}
        {/* A failed search says so below: no "loading" for good, no count of pins that answer an older query. */}
        <span aria-live="polite">{searchFailed ? '' : !ready ? t('loading') : t('count', { count })}</span>
        {ready && !searchFailed && count > 0 && <span className="map-drawn"> · {t('drawn', drawn)}</span>}
      </p>
      {searchFailed && <SearchFailedNotice className="map-note" testId="map-search-failed" />}
      {boundaries === null && <p className="map-note">{t('noBoundaries')}</p>}
      {ready && count === 0 && (
        <p className="map-note">
          {t('empty')} <Link href="/">{t('changeFilters')}</Link>
        </p>
      )}

      <div aria-live="polite">
        {selected && <SelectedCard service={selected} language={lang} />}
        {placeNote && <p className="map-note">{placeNote}</p>}
      </div>

      {tapped && (
        <div className="map-panel map-tap" role="group" aria-labelledby="map-tap-q">
          <p id="map-tap-q" className="map-panel-title">
            {t('tap.question')}
          </p>
          <p>
            {townLabel(tappedTown, lang) ?? t('tap.outside')} ·{' '}
            {t('tap.coords', { lat: tapped.lat.toFixed(5), lon: tapped.lon.toFixed(5) })}
          </p>
          <div className="map-actions">
            <button type="button" className="map-button map-button-primary" onClick={() => applyTapped(tapped)}>
              {t('tap.use')}
            </button>
            <button type="button" className="map-button" onClick={() => setTapped(null)}>
              {t('tap.cancel')}
            </button>
          </div>
        </div>
      )}

      {coLocated && (
        <div className="map-panel map-colocated">
          <h2 ref={colocatedHeading} tabIndex={-1}>
            {t('colocated.heading', { count: coLocated.length })}
          </h2>
          <ul className="map-colocated-list">
            {coLocatedRecords.map((s) => {
              if (!s) return null;
              const id = s.id;
              return (
                <li key={id}>
                  <CategoryMark category={s.category} />
                  <Link href={`/service/${encodeURIComponent(id)}`}>{pickText(s.name, lang)}</Link>
                  <span className="map-muted"> · {tc(`category.${s.category}`)}</span>
                  <button type="button" className="map-button map-button-small" onClick={() => setSelected(id)}>
                    {t('colocated.select')}
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" className="map-button" onClick={() => setCoLocated(null)}>
            {t('colocated.close')}
          </button>
        </div>
      )}

      <p className="map-hint">{t('hint')}</p>
      <button
        type="button"
        className="map-button"
        onClick={() => {
          const c = viewRef.current?.centre();
          if (c) setTapped(c);
        }}
      >
        {t('centre')}
      </button>

      <TileLayerPanel
        settings={settings}
        keyDraft={keyDraft}
        onKeyDraft={setKeyDraft}
        onCommitKey={commitKey}
        onChooseProvider={chooseProvider}
      />

      <details className="map-legend">
        <summary>{t('legend')}</summary>
        <ul>
          {CATEGORIES.map((c) => (
            <li key={c}>
              <CategoryMark category={c} /> {tc(`category.${c}`)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function CategoryMark({ category }: { category: Category }) {
  const { t } = useTranslation('map');
  return (
    <span className={`map-pin map-pin-${category} map-pin-inline`} aria-hidden="true">
      <span className="map-pin-glyph">{t(`categoryShort.${category}`)}</span>
    </span>
  );
}

function SelectedCard({ service, language }: { service: ServiceRecord; language: Language }) {
  const { t } = useTranslation(['map', 'finder']);
  const { t: tc } = useTranslation('common');
  const town = townLabel(service.town, language);
  return (
    <article className="map-panel map-selected" aria-labelledby="map-selected-name">
      <h2 id="map-selected-name" className="map-panel-title">
        <CategoryMark category={service.category} /> {pickText(service.name, language)}
      </h2>
      <p className="map-muted">
        {tc(`category.${service.category}`)}
        {town && <> · {t('selected.town', { town })}</>}
        {service.source.kind === 'sample' && <span className="map-sample-badge">{tc('sample.badge')}</span>}
        {service.location === 'approximate' && (
          <span className="finder-approx" data-testid="approximate-badge">
            {t('finder:approximateBadge')}
          </span>
        )}
      </p>
      <div className="map-actions">
        <Link className="map-button map-button-primary" href={`/service/${encodeURIComponent(service.id)}`}>
          {t('selected.details')}
        </Link>
        <button type="button" className="map-button" onClick={() => setSelected(null)}>
          {t('selected.close')}
        </button>
      </div>
    </article>
  );
}
