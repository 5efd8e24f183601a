/** The virtualised results list (list semantics kept: role=list / listitem with set size and position). */
import { useEffect, useRef } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { pickText, type Language } from '../../i18n/languages';
// The one allowed cross-feature import: availability UI composed into the finder (documented in the brief).
import { AvailabilityBadge } from '../availability/availability-badge';
import { formatDistance } from './format-distance';
import { openStatus } from './open-now';
import { openStatusText } from './open-status-text';
import { setSelected } from './finder-store';
import type { ResultRow } from './use-finder-results';

let firstResultsMarked = false;

export function ServiceRow({ row, lang, now }: { row: ResultRow; lang: Language; now: Date }) {
  const { t } = useTranslation(['finder', 'common']);
  const r = row.record;
  const status = openStatus(r.hours, now);
  const isOpen = status !== 'unknown' && status.open;
  return (
    <div className="finder-row" data-testid="service-row" data-id={r.id} data-metres={row.metres ?? ''}>
      <Link href={`/service/${encodeURIComponent(r.id)}`} className="finder-row-link" onFocus={() => setSelected(r.id)}>
        <span className="finder-row-name">{pickText(r.name, lang)}</span>
      </Link>
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
        {r.location && <span className="finder-approx" data-testid="approximate-badge">{t('finder:approximateBadge')}</span>}
      </div>
      <AvailabilityBadge service={r} />
    </div>
  );
}

export function ServiceList({ rows, lang, now, label }: { rows: ResultRow[]; lang: Language; now: Date; label: string }) {
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 104,
    overscan: 6,
    scrollMargin: listRef.current?.offsetTop ?? 0,
    getItemKey: (i) => rows[i]?.record.id ?? i,
  });

  useEffect(() => {
    if (!firstResultsMarked && rows.length > 0 && typeof performance !== 'undefined') {
      firstResultsMarked = true;
      performance.mark('first-results');
    }
  }, [rows.length]);

  const items = virtualizer.getVirtualItems();
  const margin = virtualizer.options.scrollMargin;
  return (
    <div ref={listRef} role="list" aria-label={label} className="finder-list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {items.map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <div
            key={item.key}
            role="listitem"
            aria-setsize={rows.length}
            aria-posinset={item.index + 1}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="finder-list-item"
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start - margin}px)` }}
          >
            <ServiceRow row={row} lang={lang} now={now} />
          </div>
        );
      })}
    </div>
  );
}
