/** The results list and its rows. */
import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { pickText, type Language } from '../../../i18n/languages';
// A deliberate cross-feature link (docs/architecture.md): the availability badge composed into the finder.
import { AvailabilityBadge } from '../../availability/availability-badge';
import { formatDistance } from '../common/format-distance';
import { openStatus } from '../common/open-now';
import { openStatusText } from '../common/open-status-text';
import { RowCallButton } from './row-call-button';
import { setSelected } from '../common/finder-store';
import type { ResultRow } from '../common/finder-types';

let firstResultsMarked = false;

function ServiceRowView({ row, lang, now }: { row: ResultRow; lang: Language; now: Date }) {
  const { t } = useTranslation(['finder', 'common']);
  const r = row.record;
  const status = openStatus(r.hours, now);
  const isOpen = status !== 'unknown' && status.open;
  return (
    <div className="finder-row" data-testid="service-row" data-id={r.id} data-metres={row.metres ?? ''}>
      <Link href={`/service/${encodeURIComponent(r.id)}`} className="finder-row-link" onFocus={() => setSelected(r.id)}>
        <span className="finder-row-name">{pickText(r.name, lang)}</span>
      </Link>
      <RowCallButton record={r} lang={lang} />
      <div className="finder-row-meta">
        <span className="finder-row-cat">{t(`common:category.${r.category}`)}</span>
        {row.metres !== null && (
          <span className="finder-row-dist" data-testid="row-distance">
            {formatDistance(row.metres, t)}
          </span>
        )}
        <span className={`finder-row-status ${status === 'unknown' ? 'is-unknown' : isOpen ? 'is-open' : 'is-closed'}`}>
          {openStatusText(status, now, lang, t, r.hours !== undefined)}
        </span>
        {r.source.kind === 'sample' && <span className="finder-sample-badge">{t('common:sample.badge')}</span>}
        {r.location && (
          <span className="finder-approx" data-testid="approximate-badge">
            {t('finder:approximateBadge')}
          </span>
        )}
      </div>
      <AvailabilityBadge service={r} />
    </div>
  );
}

/**
 * A row re-renders only when what it shows changes: the list is recomputed (new row objects) whenever
 * the index, the live figures or a filter moves, and fifty rows re-rendered for nothing were most of
 * the first visit's main-thread time.
 */
export const ServiceRow = memo(
  ServiceRowView,
  (a, b) => a.row.record === b.row.record && a.row.metres === b.row.metres && a.lang === b.lang && a.now === b.now,
);

/**
 * The results list. It is bounded (a page of PAGE_SIZE, "show more" adds a page), so every row is in
 * the DOM: no virtualiser, and find-in-page, screen-reader browse mode and printing see every row.
 */
export function ServiceList({ rows, lang, now, label }: { rows: ResultRow[]; lang: Language; now: Date; label: string }) {
  useEffect(() => {
    if (!firstResultsMarked && rows.length > 0 && typeof performance !== 'undefined') {
      firstResultsMarked = true;
      performance.mark('first-results');
    }
  }, [rows.length]);

  return (
    <ul aria-label={label} className="finder-list">
      {rows.map((row, i) => (
        <li key={row.record.id} aria-setsize={rows.length} aria-posinset={i + 1} className="finder-list-item">
          <ServiceRow row={row} lang={lang} now={now} />
        </li>
      ))}
    </ul>
  );
}
