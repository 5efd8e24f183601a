/** The controls inside the filter sheet: loaded the first time the sheet opens (the first screen does not need them). */
import { useTranslation } from 'react-i18next';
import { CATEGORIES, type Category } from '../../../data/categories';
import { ageLabel } from '../common/age-label';
import { setFilters } from '../common/finder-store';
import type { FinderFilters } from '../common/service-filter';

const AGES_MONTHS = [6, 12, 18, 24, 36, 48, 60, 72];

export default function FilterSheetBody({ filters }: { filters: FinderFilters }) {
  const { t } = useTranslation(['finder', 'common']);
  const toggleCategory = (c: Category) =>
    setFilters({ categories: filters.categories.includes(c) ? filters.categories.filter((x) => x !== c) : [...filters.categories, c] });
  const flag = (key: 'openNow' | 'hasAvailability' | 'freeOrLow' | 'ev' | 'accessible') => (
    <label className="finder-check">
      <input
        type="checkbox"
        checked={filters[key]}
        onChange={(e) =>
          setFilters(key === 'hasAvailability' ? { hasAvailability: e.target.checked, includeStale: false } : { [key]: e.target.checked })
        }
        data-filter={key}
      />
      {t(`filters.${key}`)}
    </label>
  );
  return (
    <>
      <fieldset className="finder-chips">
        <legend>{t('filters.categories')}</legend>
        {CATEGORIES.map((c) => (
          <button
            key={c}
            type="button"
            className="finder-chip"
            aria-pressed={filters.categories.includes(c)}
            onClick={() => toggleCategory(c)}
            data-category={c}
          >
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
                {ageLabel(m, t)}
              </option>
            ))}
          </select>
        </label>
        {flag('freeOrLow')}
        {flag('ev')}
        {flag('accessible')}
      </div>
    </>
  );
}
