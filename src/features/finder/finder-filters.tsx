/** Search box, category chips and the filters people use (all apply instantly; no spinner). */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, type Category } from '../../data/categories';
import { clearFilters, hasActiveFilters, setFilters, setQuery } from './finder-store';
import type { FinderFilters } from './service-filter';

const AGES_MONTHS = [6, 12, 18, 24, 36, 48, 60, 72];

export function FinderFiltersPanel({ filters, query }: { filters: FinderFilters; query: string }) {
  const { t } = useTranslation(['finder', 'common']);
  const id = useId();
  const toggleCategory = (c: Category) =>
    setFilters({ categories: filters.categories.includes(c) ? filters.categories.filter((x) => x !== c) : [...filters.categories, c] });
  const flag = (key: 'openNow' | 'hasAvailability' | 'freeOrLow' | 'ev' | 'accessible') => (
    <label className="finder-check">
      <input type="checkbox" checked={filters[key]} onChange={(e) => setFilters({ [key]: e.target.checked })} data-filter={key} />
      {t(`filters.${key}`)}
    </label>
  );
  return (
    <section className="finder-filters" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="visually-hidden">{t('filters.heading')}</h2>
      <div className="finder-search">
        <label htmlFor={`${id}-q`}>{t('search.label')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          placeholder={t('search.placeholder')}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          enterKeyHint="search"
          data-testid="finder-search"
        />
      </div>
      <fieldset className="finder-chips">
        <legend>{t('filters.categories')}</legend>
        {CATEGORIES.map((c) => (
          <button key={c} type="button" className="finder-chip" aria-pressed={filters.categories.includes(c)} onClick={() => toggleCategory(c)} data-category={c}>
            {t(`common:category.${c}`)}
          </button>
        ))}
      </fieldset>
      <div className="finder-flags">
        {flag('openNow')}
        {flag('hasAvailability')}
        <label className="finder-select">
          {t('filters.childAge')}
          <select
            value={filters.childAgeMonths ?? ''}
            onChange={(e) => setFilters({ childAgeMonths: e.target.value === '' ? null : Number(e.target.value) })}
            data-filter="childAgeMonths"
          >
            <option value="">{t('filters.anyAge')}</option>
            {AGES_MONTHS.map((m) => (
              <option key={m} value={m}>
                {m % 12 === 0 ? t('filters.ageYears', { count: m / 12 }) : t('filters.ageMonths', { count: m })}
              </option>
            ))}
          </select>
        </label>
        {flag('freeOrLow')}
        {flag('ev')}
        {flag('accessible')}
      </div>
      {(hasActiveFilters(filters) || query) && (
        <button type="button" className="finder-btn" onClick={clearFilters}>
          {t('filters.clear')}
        </button>
      )}
    </section>
  );
}
