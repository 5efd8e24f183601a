/**
 * /towns: the city-wide ranking of the 36 town units for one category, as a sortable table (the numbers)
 * and a small shaded map (lazy, after the table). Figures come from the report worker.
 */
import { Suspense, lazy, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language';
import { Link } from 'wouter';
import { CATEGORIES, type Category } from '../../data/categories';
import { TOWN_BY_CODE, townName } from '../../geo/towns';
import type { Language } from '../../i18n/languages';
import { formatFigure, formatReported, formatVsTarget, measureLabel, numberLocale, townReportCsv } from './town-format';
import { MEASURES, type MeasureDef } from './town-measures';
import type { TownEntry, TownReportDocument } from './town-report-document';
import { ReportFacts, SampleBanner, TargetsExplained } from './town-report-facts';
import { useTownReport } from './use-town-report';
import './towns.css';

const TownMap = lazy(() => import('./town-map'));

type SortKey = 'town' | 'population' | string;
interface Sort {
  key: SortKey;
  descending: boolean;
}

const measuresOf = (category: Category) => MEASURES.filter((m) => m.category === category);

function sortValue(e: TownEntry, key: SortKey, lang: Language): number | string | null {
  if (key === 'town') {
    const town = TOWN_BY_CODE.get(e.code);
    return lang === 'en' ? (town?.en ?? e.en) : (town?.pinyin ?? e.code);
  }
  if (key === 'population') return e.population2020;
  return e.figures[key]?.value ?? null;
}

/** Sorted copy; towns without a figure always come last, ties break by town code. */
export function sortTowns(towns: readonly TownEntry[], sort: Sort, lang: Language): TownEntry[] {
  return [...towns].sort((a, b) => {
    const va = sortValue(a, sort.key, lang),
      vb = sortValue(b, sort.key, lang);
    if (va === null || vb === null) return va === vb ? a.code.localeCompare(b.code) : va === null ? 1 : -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return (sort.descending ? -c : c) || a.code.localeCompare(b.code);
  });
}

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function FigureCell({ def, e }: { def: MeasureDef; e: TownEntry }) {
  const { t } = useTranslation(['towns', 'common']);
  const lang = useLanguage();
  const f = e.figures[def.id];
  const missing = !f || f.value === null;
  const vs = formatVsTarget(def, f, lang, t);
  const reported = formatReported(f, t);
  return (
    <td className={missing ? 'towns-num towns-missing' : 'towns-num'} data-measure={def.id}>
      {formatFigure(def, f, lang, t)}
      {vs && <span className="towns-sub">{vs}</span>}
      {reported && <span className="towns-sub">{reported}</span>}
    </td>
  );
}

function RankingTable({ doc, category }: { doc: TownReportDocument; category: Category }) {
  const { t } = useTranslation(['towns', 'common']);
  const lang = useLanguage();
  const measures = measuresOf(category);
  const [sort, setSort] = useState<Sort>({ key: `${category}.coverage`, descending: true });
  const key = sort.key.includes('.') && !sort.key.startsWith(`${category}.`) ? `${category}.coverage` : sort.key;
  const rows = useMemo(() => sortTowns(doc.towns, { ...sort, key }, lang), [doc, sort, key, lang]);
  const columns: { key: SortKey; label: string }[] = [
    { key: 'town', label: t('table.town') },
    { key: 'population', label: t('table.population') },
    ...measures.map((m) => ({ key: m.id, label: measureLabel(m, t) })),
  ];
  const sortedLabel = columns.find((c) => c.key === key)?.label ?? '';
  const fmt = new Intl.NumberFormat(numberLocale(lang));
  return (
    <div className="towns-table-wrap" tabIndex={0} role="region" aria-labelledby="towns-caption">
      <table className="towns-table" data-testid="towns-table">
        <caption id="towns-caption">{t('table.caption', { category: t(`common:category.${category}`), measure: sortedLabel })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.rank')}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" aria-sort={c.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button
                  type="button"
                  className="towns-sort"
                  aria-label={t('sortBy', { column: c.label })}
                  onClick={() => setSort((s) => ({ key: c.key, descending: c.key === key ? !s.descending : c.key !== 'town' }))}
                >
                  {c.label}
                  <span aria-hidden="true">{c.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((e, i) => {
            return (
              <tr key={e.code} data-town={e.code}>
                <td className="towns-num">{e.figures[key]?.value === null ? '–' : i + 1}</td>
                <th scope="row">
                  <Link href={`/towns/${e.code}`}>{townName(e.code, lang)}</Link>
                </th>
                <td className={e.population2020 === null ? 'towns-num towns-missing' : 'towns-num'}>
                  {e.population2020 === null ? t('missing.no-census') : fmt.format(e.population2020)}
                </td>
                {measures.map((m) => (
                  <FigureCell key={m.id} def={m} e={e} />
                ))}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-town="city">
            <td />
            <th scope="row">{t('table.city')}</th>
            <td className="towns-num">{doc.city.population2020 === null ? t('missing.no-census') : fmt.format(doc.city.population2020)}</td>
            {measures.map((m) => (
              <FigureCell key={m.id} def={m} e={doc.city} />
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export default function TownsPage() {
  const { t } = useTranslation(['towns', 'common']);
  const lang = useLanguage();
  const state = useTownReport();
  const [category, setCategory] = useState<Category>('kindergarten');
  const [mapMeasureId, setMapMeasureId] = useState<string>('kindergarten.coverage');
  const mapMeasure =
    MEASURES.find((m) => m.id === mapMeasureId && m.category === category) ?? MEASURES.find((m) => m.id === `${category}.coverage`)!;
  const doc = state.status === 'ready' ? state.document : null;
  const kgPlaces = doc?.city.kindergartenPlaces;
  return (
    <div className="page towns">
      <h1>{t('title')}</h1>
      {doc && <SampleBanner doc={doc} />}
      <p>{t('intro')}</p>
      {state.status === 'loading' && (
        <p className="page-loading" role="status">
          {t('computing')}
        </p>
      )}
      {state.status === 'no-feed' && <p role="status">{t('noFeed')}</p>}
      {state.status === 'error' && <p role="alert">{t('error', { message: state.message })}</p>}
      {doc && (
        <>
          <fieldset className="towns-categories">
            <legend>{t('category')}</legend>
            {CATEGORIES.map((c) => (
              <button
                key={c}
                type="button"
                className="towns-chip"
                aria-pressed={c === category}
                onClick={() => setCategory(c)}
                data-category={c}
              >
                {t(`common:category.${c}`)}
              </button>
            ))}
          </fieldset>
          <RankingTable key={category} doc={doc} category={category} />
          <div className="button-row towns-csv">
            <button
              type="button"
              className="button"
              data-testid="towns-csv"
              onClick={() => download(townReportCsv(doc, MEASURES, lang, t), `dg-towns-${doc.feed.version}.csv`)}
            >
              {t('csv.button')}
            </button>
            <p className="towns-sub">{t('csv.hint')}</p>
          </div>
          <section aria-labelledby="towns-map-h">
            <h2 id="towns-map-h">{t('map.shadeBy')}</h2>
            <label className="towns-map-choice">
              <span className="visually-hidden">{t('map.shadeBy')}</span>
              <select value={mapMeasure.id} onChange={(e) => setMapMeasureId(e.target.value)} data-testid="towns-map-measure">
                {measuresOf(category).map((m) => (
                  <option key={m.id} value={m.id}>
                    {t(`common:category.${category}`)}: {measureLabel(m, t)}
                  </option>
                ))}
              </select>
            </label>
            <Suspense fallback={<p className="page-loading">{t('map.loading')}</p>}>
              <TownMap towns={doc.towns} measure={mapMeasure} />
            </Suspense>
          </section>
          {kgPlaces && kgPlaces.value !== null && kgPlaces.target !== undefined && (
            <p data-testid="towns-city-kindergarten">
              {t('targets.cityKindergarten', {
                places: new Intl.NumberFormat(numberLocale(lang)).format(kgPlaces.value),
                target: new Intl.NumberFormat(numberLocale(lang)).format(kgPlaces.target),
                percent: new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(
                  kgPlaces.value / kgPlaces.target,
                ),
              })}
            </p>
          )}
          <ReportFacts doc={doc} />
        </>
      )}
      <TargetsExplained />
    </div>
  );
}
