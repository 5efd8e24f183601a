/**
 * 十分钟服务圈 as a one-line strip ("within a 10-minute walk: 4 services"), opened for the per-category
 * detail, so it never pushes the results off the first screen.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { pickText, type Language } from '../../../i18n/languages';
import { formatDistance } from '../common/format-distance';
import type { CircleEntry } from '../common/finder-types';

export function TenMinuteCircle({ circle, lang }: { circle: CircleEntry[]; lang: Language }) {
  const { t } = useTranslation(['finder', 'common']);
  const total = circle.reduce((sum, c) => sum + c.count, 0);
  return (
    <details className="finder-circle" data-testid="ten-minute-circle">
      <summary>
        <span className="finder-circle-title">{t('circle.heading')}</span>
        <span className="finder-circle-total">{t('circle.total', { count: total })}</span>
      </summary>
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
    </details>
  );
}
