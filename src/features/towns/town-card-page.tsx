/** /towns/<code>: one town's report card, every category, with the city figure and the target beside it. */
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language';
import { Link, useParams } from 'wouter';
import { CATEGORIES } from '../../data/categories';
import { TOWN_BY_CODE } from '../../geo/towns';
import { pickText } from '../../i18n/languages';
import { formatFigure, formatReported, formatValue, formatVsTarget, measureLabel, numberLocale } from './town-format';
import { MEASURES } from './town-measures';
import { ReportFacts, SampleBanner, TargetsExplained } from './town-report-facts';
import { useTownReport } from './use-town-report';
import './towns.css';

export default function TownCardPage() {
  const { t } = useTranslation(['towns', 'common']);
  const lang = useLanguage();
  const { code = '' } = useParams<{ code: string }>();
  const town = TOWN_BY_CODE.get(code);
  const state = useTownReport();
  const back = (
    <p>
      <Link href="/towns">{t('card.back')}</Link>
    </p>
  );
  if (!town) {
    return (
      <div className="page towns">
        <h1>{t('title')}</h1>
        <p role="alert">{t('card.notFound', { code })}</p>
        {back}
      </div>
    );
  }
  const name = pickText(town, lang);
  const doc = state.status === 'ready' ? state.document : null;
  const entry = doc?.towns.find((e) => e.code === code);
  const fmt = new Intl.NumberFormat(numberLocale(lang));
  return (
    <div className="page towns">
      {back}
      <h1>{t('card.title', { town: name })}</h1>
      {doc && <SampleBanner doc={doc} />}
      {state.status === 'loading' && (
        <p className="page-loading" role="status">
          {t('computing')}
        </p>
      )}
      {state.status === 'no-feed' && <p role="status">{t('noFeed')}</p>}
      {state.status === 'error' && <p role="alert">{t('error', { message: state.message })}</p>}
      {doc && entry && (
        <>
          <p data-testid="town-residents">
            {entry.population2020 === null ? t('card.noCensus') : t('card.residents', { population: fmt.format(entry.population2020) })}
          </p>
          {entry.gridAreaKm2 !== null && (
            <p>
              {t('card.area', { area: new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: 1 }).format(entry.gridAreaKm2) })}
            </p>
          )}
          {CATEGORIES.map((category) => (
            <section key={category} aria-labelledby={`town-${category}`} className="town-card-section">
              <h2 id={`town-${category}`}>{t(`common:category.${category}`)}</h2>
              <table className="towns-table town-card-table" data-category={category}>
                <thead>
                  <tr>
                    <th scope="col">{t('card.measure')}</th>
                    <th scope="col">{t('card.town')}</th>
                    <th scope="col">{t('card.city')}</th>
                    <th scope="col">{t('card.target')}</th>
                  </tr>
                </thead>
                <tbody>
                  {MEASURES.filter((m) => m.category === category).map((m) => {
                    const f = entry.figures[m.id];
                    const vs = formatVsTarget(m, f, lang, t);
                    const reported = formatReported(f, t);
                    return (
                      <tr key={m.id} data-measure={m.id}>
                        <th scope="row">{measureLabel(m, t)}</th>
                        <td className={!f || f.value === null ? 'towns-num towns-missing' : 'towns-num'}>
                          {formatFigure(m, f, lang, t)}
                          {vs && <span className="towns-sub">{vs}</span>}
                          {reported && <span className="towns-sub">{reported}</span>}
                        </td>
                        <td className="towns-num">{formatFigure(m, doc.city.figures[m.id], lang, t)}</td>
                        <td className="towns-num">{f?.target !== undefined ? formatValue(m, f.target, lang) : '–'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          ))}
          <ReportFacts doc={doc} />
        </>
      )}
      <TargetsExplained />
    </div>
  );
}
