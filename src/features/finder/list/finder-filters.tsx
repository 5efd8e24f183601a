/**
 * The finder's compact bar (search box + "Filters (n)" + a one-line summary of what is on) and the
 * filter sheet it opens: a modal <dialog>, so focus stays inside, Esc closes it and focus returns to
 * the button. Every control applies at once; the sheet's last button shows the results.
 */
import { Suspense, lazy, memo, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prefetchSearchIndex } from '../index/finder-index-store';
import { activeFilterCount, clearFilters, hasActiveFilters, setFilters, setQuery } from '../common/finder-store';
import { ageLabel } from '../common/age-label';
import { DEFAULT_FILTERS, type FinderFilters } from '../common/service-filter';

const FilterSheetBody = lazy(() => import('./filter-sheet-body'));

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "幼儿园 · 3 岁 · 现在有空位": what is filtered, in words, for the bar. */
export function filterSummary(f: FinderFilters, t: Translate): string {
  const parts: string[] = f.categories.map((c) => t(`common:category.${c}`));
  if (f.childAgeMonths !== null) parts.push(ageLabel(f.childAgeMonths, t));
  if (f.openNow) parts.push(t('finder:filters.openNow'));
  if (f.hasAvailability) parts.push(f.includeStale ? t('finder:filters.hasAvailabilityWithOld') : t('finder:filters.hasAvailability'));
  if (f.freeOrLow) parts.push(t('finder:filters.freeOrLow'));
  if (f.ev) parts.push(t('finder:filters.ev'));
  if (f.accessible) parts.push(t('finder:filters.accessible'));
  return parts.join(t('finder:filters.separator'));
}

export const FinderBar = memo(function FinderBar({
  filters,
  query,
  resultCount,
}: {
  filters: FinderFilters;
  query: string;
  resultCount: string;
}) {
  const { t } = useTranslation(['finder', 'common']);
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false); // the sheet's controls load on first open
  const count = activeFilterCount(filters);
  const summary = filterSummary(filters, t);
  const close = () => dialog.current?.close();
  return (
    <section className="finder-bar" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="visually-hidden">
        {t('filters.heading')}
      </h2>
      <div className="finder-bar-row">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id={`${id}-q`}
          className="finder-bar-search"
          type="search"
          value={query}
          placeholder={t('search.placeholder')}
          onChange={(e) => setQuery(e.target.value)}
          onFocus={prefetchSearchIndex}
          autoComplete="off"
          enterKeyHint="search"
          data-testid="finder-search"
        />
        <button
          type="button"
          className="finder-btn finder-bar-filters"
          aria-haspopup="dialog"
          onClick={() => {
            setOpened(true);
            dialog.current?.showModal();
          }}
          data-testid="open-filters"
        >
          {count > 0 ? t('filters.buttonCount', { count }) : t('filters.button')}
        </button>
      </div>
      {(summary || query) && (
        <p className="finder-bar-summary" data-testid="filter-summary">
          {summary && <span>{summary}</span>}
          <button type="button" className="finder-link-btn" onClick={clearFilters}>
            {t('filters.clear')}
          </button>
        </p>
      )}
      <dialog ref={dialog} className="finder-sheet" aria-labelledby={`${id}-sheet-h`} data-testid="filter-sheet">
        <div className="finder-sheet-head">
          <h2 id={`${id}-sheet-h`}>{t('filters.heading')}</h2>
          <button type="button" className="finder-btn" onClick={close}>
            {t('filters.close')}
          </button>
        </div>
        {opened && (
          <Suspense fallback={<p className="finder-muted">{t('common:app.loading')}</p>}>
            <FilterSheetBody filters={filters} />
          </Suspense>
        )}
        <div className="finder-sheet-foot">
          {hasActiveFilters(filters) && (
            <button
              type="button"
              className="finder-btn"
              onClick={() => setFilters({ ...DEFAULT_FILTERS }) /* keeps the search text; the bar's "clear" drops both */}
            >
              {t('filters.clearFilters')}
            </button>
          )}
          <button type="button" className="finder-btn finder-btn-primary" onClick={close} data-testid="show-results">
            {resultCount}
          </button>
        </div>
      </dialog>
    </section>
  );
});
