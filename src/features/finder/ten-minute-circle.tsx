/** 十分钟服务圈: per category, how many within an 800 m walk and the nearest one. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { pickText, type Language } from '../../i18n/languages';
import { formatDistance } from './format-distance';
import type { CircleEntry } from './use-finder-results';

export function TenMinuteCircle({ circle, lang }: { circle: CircleEntry[]; lang: Language }) {
  const { t } = useTranslation(['finder', 'common']);
  return (
    <section className="finder-circle" aria-labelledby="finder-circle-h" data-testid="ten-minute-circle">
      <h2 id="finder-circle-h">{t('circle.heading')}</h2>
      <p className="finder-muted">{t('circle.explain')}</p>
      <ul className="finder-circle-grid">
        {circle.map((c) => (
          <li key={c.category} className="finder-circle-cell" data-category={c.category} data-count={c.count}>
            <strong>{t(`common:category.${c.category}`)}</strong>
            <span>{c.count > 0 ? t('circle.count', { count: c.count }) : t('circle.noneNear')}</span>
            {c.nearest && (
              <Link href={`/service/${encodeURIComponent(c.nearest.record.id)}`}>
                {t('circle.nearest', { name: pickText(c.nearest.record.name, lang), distance: formatDistance(c.nearest.metres, t) })}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
