/**
 * The list room (src/features/finder/list/): the finder's first screen — this page, its rows
 * (service-list.tsx, row-call-button.tsx), the search bar and filter sheet (finder-filters.tsx,
 * filter-sheet-body.tsx), task presets, the place line and town picker (where-am-i.tsx, town-picker.tsx), the
 * 10-minute strip, and the saved services shown in settings (saved-services.tsx). It may import the common/,
 * index/, search/ and detail/ rooms and the availability feature's public files; never map/ (the map is a
 * route of its own).
 *
 * Route "/": results first. One line for the place, one bar for search and filters, then the nearest
 * services (a bounded page with "show more"); the 10-minute circle is a one-line strip. Kept light (no map libs).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFirstDownloadRunning } from '../../../data/use-sync-status';
import { useLanguage } from '../../../i18n/use-language';
import { useElderChoice } from '../../../ui/display-preferences';
import { whenFirstPainted } from '../../../lib/first-paint';
import { FinderBar } from './finder-filters';
import { clearFilters, hasActiveFilters, restoreRememberedPlace, setFilters } from '../common/finder-store';
import { ServiceList } from './service-list';
import { TaskPresets } from './task-presets';
import { TenMinuteCircle } from './ten-minute-circle';
import { NEARBY_METRES, PAGE_SIZE, SEARCH_LIMIT } from '../common/finder-limits';
import type { Results } from '../common/finder-types';
import { useFinderResults } from './use-finder-results';
import { SearchFailedNotice } from '../search/search-failed-notice';
import { useMinuteClock } from '../common/use-minute-clock';
import { WhereAmI } from './where-am-i';
import '../common/finder.css';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The list's one-line states (loading, nothing stored yet, no place yet) share one paragraph, so a change of state
 * rewrites its text instead of replacing the element: the page does not count as drawn anew (largest contentful
 * paint) each time. It follows the first download itself, so the download starting or ending re-renders only it.
 */
function ListMessage({ kind }: { kind: 'loading' | 'empty-store' | 'no-place' }) {
  const { t } = useTranslation('finder');
  const downloading = useFirstDownloadRunning();
  const text =
    kind === 'loading' ? t('list.loading') : kind === 'no-place' ? t('list.noPlace') : t(downloading ? 'list.downloading' : 'list.noData');
  return <p className={kind === 'loading' ? 'finder-muted' : undefined}>{text}</p>;
}

/** What the count means: "12 within 5 km", "the nearest 50 of 1,204 within 5 km", "none within 5 km: the nearest 50". */
export function countText(scope: Results['scope'], total: number, shown: number, t: Translate): string {
  const km = NEARBY_METRES / 1000;
  if (scope === 'search')
    return total >= SEARCH_LIMIT ? t('list.countSearchCapped', { count: total }) : t('list.countSearch', { count: total });
  if (scope === 'beyond') return t('list.countBeyond', { count: shown, km });
  return shown < total ? t('list.countNearest', { count: total, shown, km }) : t('list.countWithin', { count: total, km });
}

export default function FinderPage() {
  // 'availability' is loaded with the page (the rows' badges use it): loading it later would suspend
  // the page just as the first results appear, hiding it for a moment and dropping keyboard focus.
  const { t } = useTranslation(['finder', 'common', 'availability']);
  const lang = useLanguage();
  const now = useMinuteClock();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const {
    rows,
    count: matches,
    scope,
    emptyReason,
    circle,
    loaded,
    complete,
    total,
    place,
    filters,
    query,
    stale,
    searchFailed,
  } = useFinderResults(limit);
  const heading = useRef<HTMLHeadingElement>(null);
  const [focusResults, setFocusResults] = useState(false);
  // Bumped when a task preset needs a place: WhereAmI then asks for the location.
  const [locateAsk, setLocateAsk] = useState(0);
  // Stable callbacks, so the memoised bar, presets and place picker skip the page's re-renders.
  const onPlaced = useCallback(() => setFocusResults(true), []);
  const onNeedPlace = useCallback(() => setLocateAsk((n) => n + 1), []);

  // Read from the store once the first screen is painted (the index load reads it then too; it is read once).
  useEffect(() => void whenFirstPainted().then(restoreRememberedPlace), []);

  // A new place, filter or search starts again from the first page.
  useEffect(() => setLimit(PAGE_SIZE), [place, filters, query]);

  // After "use my location" / a town pick, keyboard and screen-reader users land on the results.
  useEffect(() => {
    if (focusResults && loaded && place) {
      heading.current?.focus();
      setFocusResults(false);
    }
  }, [focusResults, loaded, place, rows]);

  const searching = query.trim() !== '';
  const filtered = hasActiveFilters(filters) || searching;
  const shownRows = rows.slice(0, limit);
  const count = countText(scope, matches, shownRows.length, t);

  let body: React.ReactNode;
  if (!loaded) body = <ListMessage kind="loading" />;
  else if (total === 0) body = <ListMessage kind="empty-store" />;
  else if (!place && !searching) body = <ListMessage kind="no-place" />;
  else if (searchFailed) body = <SearchFailedNotice className="finder-empty" testId="search-failed" />;
  else if (rows.length === 0 && (!complete || stale) && !emptyReason) body = <ListMessage kind="loading" />;
  else if (rows.length === 0 && !stale && emptyReason?.kind === 'allStale')
    body = (
      <div className="finder-empty" data-testid="finder-empty-stale">
        <p>{t('list.allStale')}</p>
        <button
          type="button"
          className="finder-btn finder-btn-primary"
          onClick={() => setFilters({ includeStale: true })}
          data-testid="show-older"
        >
          {t('list.showOlder', { count: emptyReason.count })}
        </button>
      </div>
    );
  else if (rows.length === 0 && !stale && emptyReason?.kind === 'allClosed')
    body = (
      <div data-testid="finder-opening-later">
        <p className="finder-notice">{t('list.allClosed')}</p>
        <ServiceList rows={emptyReason.opening} lang={lang} now={now} label={t('list.openingLabel')} />
      </div>
    );
  else if (rows.length === 0 && !stale)
    body = (
      <div className="finder-empty" data-testid="finder-empty">
        <p>{t('list.empty')}</p>
        {filtered && (
          <button type="button" className="finder-btn finder-btn-primary" onClick={clearFilters}>
            {t('filters.clear')}
          </button>
        )}
      </div>
    );
  else
    body = (
      <>
        {filters.hasAvailability && filters.includeStale && (
          <p className="finder-notice" data-testid="older-figures-note">
            {t('list.olderIncluded')}
          </p>
        )}
        <ServiceList rows={shownRows} lang={lang} now={now} label={t('list.label')} />
        {shownRows.length < matches && (
          <button type="button" className="finder-btn finder-more" onClick={() => setLimit((n) => n + PAGE_SIZE)} data-testid="show-more">
            {t('list.showMore', { count: Math.min(PAGE_SIZE, matches - shownRows.length) })}
          </button>
        )}
      </>
    );

  const hasResults = loaded && total > 0 && (place || searching) && rows.length > 0;
  // Elder mode's larger type leaves no room for the 10-minute strip above the first result: it follows the list.
  const elder = useElderChoice() === 'on';
  const circleStrip = circle && !searching && <TenMinuteCircle circle={circle} lang={lang} />;
  return (
    <div className="finder-page">
      <h1 className="finder-title">{t('title')}</h1>
      <WhereAmI place={place} lang={lang} onPlaced={onPlaced} locateAsk={locateAsk} />
      <FinderBar
        filters={filters}
        query={query}
        resultCount={hasResults ? t('filters.showResults', { count: matches }) : t('filters.done')}
      />
      {/* A search is its own task: the tasks step aside so its results stay on the first screen. */}
      {!searching && <TaskPresets filters={filters} hasPlace={place !== null} onNeedPlace={onNeedPlace} />}
      {!elder && circleStrip}
      <section aria-labelledby="finder-list-h" className={stale ? 'finder-results is-updating' : 'finder-results'}>
        <div className="finder-results-head">
          <h2 id="finder-list-h" ref={heading} tabIndex={-1}>
            {searching ? t('list.searchHeading') : t('list.heading')}
          </h2>
          {hasResults && (
            <p className="finder-muted finder-count" aria-live="polite" data-testid="result-count">
              {count}
              {/* Until every town is indexed the count says so (a partial "nearest" is never passed off as complete)
                  without growing: a longer line would wrap and move the first row when the rest arrives. */}
              {!complete && (
                <>
                  <span aria-hidden="true">…</span>
                  <span className="visually-hidden" data-testid="count-completing">
                    {t('list.completing')}
                  </span>
                </>
              )}
            </p>
          )}
        </div>
        {body}
      </section>
      {elder && circleStrip}
    </div>
  );
}
