/** The call button at the end of a result row, when the service has a phone: calling takes one tap from the list. */
import { useTranslation } from 'react-i18next';
import type { ServiceRecord } from '../../../data/feed-schema';
import { pickText, type Language } from '../../../i18n/languages';
import { ViaHost, useViaHostLabel } from '../common/via-host';

/** tel: dials the main number only (extensions are on the service page). */
export function rowTelHref(record: Pick<ServiceRecord, 'phone' | 'phones'>): string | null {
  const digits = (record.phone ?? record.phones?.[0]?.number)?.replace(/[^\d+]/g, '') ?? '';
  return digits ? `tel:${digits}` : null;
}

export function RowCallButton({ record, lang }: { record: ServiceRecord; lang: Language }) {
  const { t } = useTranslation('finder');
  const href = rowTelHref(record);
  const via = useViaHostLabel();
  if (!href) return null;
  return (
    <a
      href={href}
      className="finder-btn finder-btn-primary finder-row-call"
      aria-label={t('list.callName', { name: pickText(record.name, lang) }) + via}
      data-testid="row-call"
    >
      {t('detail.callAction')}
      <ViaHost />
    </a>
  );
}
