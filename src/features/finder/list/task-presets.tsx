/**
 * One-tap tasks above the results ("kindergartens with places", "elder canteens", "EV charging spaces"):
 * each sets the category and the filters that task needs in one tap; the kindergarten one then asks the
 * child's age as its second tap. With no place yet, a task also asks for the location (a denial opens the
 * town picker), so a first visit reaches results in two or three taps.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ageLabel } from '../common/age-label';
import { clearFilters, setFilters, setQuery } from '../common/finder-store';
import { DEFAULT_FILTERS, type FinderFilters } from '../common/service-filter';

const PRESETS = {
  kindergartenPlaces: { categories: ['kindergarten'], hasAvailability: true },
  elderCanteen: { categories: ['elderly_daycare'] },
  evParking: { categories: ['parking'], ev: true, hasAvailability: true },
} as const satisfies Record<string, Partial<FinderFilters>>;
type PresetId = keyof typeof PRESETS;
const PRESET_IDS = Object.keys(PRESETS) as PresetId[];
/** Kindergartens take children from 3 to 6. */
const KINDERGARTEN_AGES = [36, 48, 60];

/** The task the filters amount to (the child's age and "older figures" aside), or null. */
export function activePreset(f: FinderFilters): PresetId | null {
  for (const id of PRESET_IDS) {
    const want: FinderFilters = { ...DEFAULT_FILTERS, ...PRESETS[id], categories: [...PRESETS[id].categories] };
    const same = (Object.keys(want) as (keyof FinderFilters)[]).every(
      (k) => k === 'childAgeMonths' || k === 'includeStale' || JSON.stringify(want[k]) === JSON.stringify(f[k]),
    );
    if (same && (id === 'kindergartenPlaces' || f.childAgeMonths === null)) return id;
  }
  return null;
}

export const TaskPresets = memo(function TaskPresets({
  filters,
  hasPlace,
  onNeedPlace,
}: {
  filters: FinderFilters;
  hasPlace: boolean;
  onNeedPlace: () => void;
}) {
  const { t } = useTranslation(['finder', 'common']);
  const active = activePreset(filters);
  const pick = (id: PresetId) => {
    if (active === id) {
      clearFilters(); // a second tap turns the task off
      return;
    }
    setQuery('');
    setFilters({ ...DEFAULT_FILTERS, ...PRESETS[id], categories: [...PRESETS[id].categories] });
    if (!hasPlace) onNeedPlace();
  };
  return (
    <div className="finder-presets" data-testid="task-presets">
      <div role="group" aria-label={t('presets.label')} className="finder-preset-row">
        {PRESET_IDS.map((id) => (
          <button
            key={id}
            type="button"
            className="finder-chip finder-preset"
            aria-pressed={active === id}
            onClick={() => pick(id)}
            data-preset={id}
          >
            {t(`presets.${id}`)}
          </button>
        ))}
      </div>
      {active === 'kindergartenPlaces' && (
        <div role="group" aria-label={t('presets.childAge')} className="finder-preset-row" data-testid="preset-age">
          <span className="finder-preset-ask">{t('presets.childAge')}</span>
          {KINDERGARTEN_AGES.map((m) => (
            <button
              key={m}
              type="button"
              className="finder-chip"
              aria-pressed={filters.childAgeMonths === m}
              onClick={() => setFilters({ childAgeMonths: filters.childAgeMonths === m ? null : m })}
              data-age={m}
            >
              {ageLabel(m, t)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
});
