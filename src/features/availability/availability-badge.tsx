/**
 * Compact live-availability badge for list rows and map popups:
 * "23 free / 120 · as of 14:05", greyed "may be out of date" when stale, "no live data" when missing.
 */
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import type { ServiceRecord } from '../../data/feed-schema.ts';
import { formatObservedTime } from './freshness.ts';
import { ageText, headlineText, NS } from './availability-text.ts';
import { useServiceAvailability } from './use-service-availability.ts';
import { useLiveFiguresUnverified } from './has-availability.ts';
import './availability.css';

export function AvailabilityBadge({ service }: { service: ServiceRecord }) {
  const { t } = useTranslation(NS);
  const lang = useLanguage();
  const { now, online, item, freshness } = useServiceAvailability(service);
  const unverified = useLiveFiguresUnverified();
  const unverifiedNote = unverified && <span className="avail-unverified-note"> · {t('unverified')}</span>;

  if (!item || freshness === 'missing') {
    return (
      <span
        className="avail-badge avail-missing"
        data-freshness="missing"
        data-testid="availability-badge"
        data-unverified={unverified || undefined}
      >
        {t('missing')}
        {unverifiedNote}
      </span>
    );
  }
  const stale = freshness === 'stale';
  return (
    <span
      className={`avail-badge avail-${freshness}`}
      data-freshness={freshness}
      data-testid="availability-badge"
      data-observed-at={item.observedAt}
      data-unverified={unverified || undefined}
    >
      <span className="avail-figure">{headlineText(t, item, now)}</span>{' '}
      <span className="avail-asof">{t('asOf', { time: formatObservedTime(item.observedAt, lang, now) })}</span>
      {(stale || !online) && <span className="avail-age"> · {ageText(t, item.observedAt, now)}</span>}
      {stale && <span className="avail-stale-note"> · {t('stale')}</span>}
      {unverifiedNote}
    </span>
  );
}
