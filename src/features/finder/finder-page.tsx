/** Route "/": where am I → 10-minute circle → filters and search → the nearest services. Kept light (no map libs). */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { loadRememberedPlace } from './finder-data-source';
import { FinderFiltersPanel } from './finder-filters';
import { clearFilters, hasActiveFilters, restorePlace } from './finder-store';
import { ServiceList } from './service-list';
import { TenMinuteCircle } from './ten-minute-circle';
import { useFinderResults, LIST_LIMIT } from './use-finder-results';
import { useMinuteClock } from './use-minute-clock';
import { WhereAmI } from './where-am-i';
import './finder.css';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const l = i18n.resolvedLanguage ?? i18n.language;
  return (LANGUAGES as readonly string[]).includes(l) ? (l as Language) : 'zh-Hans';
}

export default function FinderPage() {
  const { t } = useTranslation(['finder', 'common']);
  const lang = useLanguage();
  const now = useMinuteClock();
  const { rows, circle, loaded, total, place, filters, query, stale } = useFinderResults();

  useEffect(() => {
    let live = true;
    void loadRememberedPlace().then((p) => {
      if (live && p) restorePlace(p);
    });
    return () => {
      live = false;
    };
  }, []);

  const searching = query.trim() !== '';
  const filtered = hasActiveFilters(filters) || searching;

  let body: React.ReactNode;
  if (!loaded) body = <p className="finder-muted">{t('list.loading')}</p>;
  else if (total === 0) body = <p>{t('list.noData')}</p>;
  else if (!place && !searching) body = <p>{t('list.noPlace')}</p>;
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
        <p className="finder-muted" aria-live="polite">
          {rows.length >= LIST_LIMIT ? t('list.countCapped', { count: rows.length }) : t('list.count', { count: rows.length })}
        </p>
        <ServiceList rows={rows} lang={lang} now={now} label={t('list.label')} />
      </>
    );

  return (
    <div className="finder-page">
      <h1>{t('title')}</h1>
      <WhereAmI place={place} lang={lang} />
      {circle && <TenMinuteCircle circle={circle} lang={lang} />}
      <FinderFiltersPanel filters={filters} query={query} />
      <section aria-labelledby="finder-list-h" className={stale ? 'finder-results is-updating' : 'finder-results'}>
        <h2 id="finder-list-h">{searching ? t('list.searchHeading') : t('list.heading')}</h2>
        {body}
      </section>
    </div>
  );
}
