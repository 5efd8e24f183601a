/** The honesty block both town pages carry: sample label, feed date, census year, coverage method, targets and source. */
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language';
import { numberLocale } from './town-format';
import type { TownReportDocument } from './town-report-document';
import { CENSUS, COVERAGE_CELL_METRES, PLAN_2020_46 } from './town-targets';

export function SampleBanner({ doc }: { doc: TownReportDocument }) {
  const { t } = useTranslation(['towns', 'common']);
  if (!doc.feed.sample) return null;
  return (
    <p className="towns-sample" data-testid="towns-sample">
      <span className="badge">{t('common:sample.badge')}</span> {t('sampleBanner')}
    </p>
  );
}

export function ReportFacts({ doc }: { doc: TownReportDocument }) {
  const { t } = useTranslation(['towns', 'common']);
  const lang = useLanguage();
  const date = new Intl.DateTimeFormat(numberLocale(lang), { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(
    new Date(doc.feed.generatedAt),
  );
  return (
    <section aria-labelledby="towns-facts" className="towns-facts">
      <h2 id="towns-facts">{t('facts.heading')}</h2>
      <ul>
        <li data-testid="towns-feed-date">{t('facts.feed', { version: doc.feed.version, date })}</li>
        <li>{t('facts.census', { year: CENSUS.year })}</li>
        <li>{t('facts.method', { cell: doc.method.cellMetres ?? COVERAGE_CELL_METRES })}</li>
      </ul>
    </section>
  );
}

export function TargetsExplained() {
  const { t } = useTranslation('towns');
  return (
    <section aria-labelledby="towns-targets" className="towns-targets">
      <h2 id="towns-targets">{t('targets.heading')}</h2>
      <p>{t('targets.body')}</p>
      {!PLAN_2020_46.figuresVerified && (
        <p className="towns-unverified" data-testid="towns-unverified">
          {t('targets.unverified')}
        </p>
      )}
      <p className="towns-source">
        {t('targets.source', { document: PLAN_2020_46.document, issued: PLAN_2020_46.issued })} (
        <a href={PLAN_2020_46.url} rel="noopener noreferrer" target="_blank" lang="zh-Hans">
          {t('targets.link')}
        </a>
        ; {t('targets.checked', { date: PLAN_2020_46.lastChecked })}).
      </p>
    </section>
  );
}
