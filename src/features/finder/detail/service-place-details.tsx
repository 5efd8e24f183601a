/**
 * Small pieces of the service page for imported real data (issue 12): phones with extensions,
 * the approximate-location note and hours kept as written (the list badge is approximate-badge.tsx).
 * Each is inserted with one line where the page needs it.
 */
import { useTranslation } from 'react-i18next';
import type { ServiceRecord } from '../../../data/feed-schema';
import { townName } from '../../../geo/towns';
import type { Language } from '../../../i18n/languages';
import { ViaHost } from '../common/via-host';

/** tel: dials the main number only; the extension is shown beside it (phones cannot dial it reliably). */
const telHref = (number: string) => `tel:${number.replace(/[^\d+]/g, '')}`;

/** The phone rows of the detail list (dt/dd pairs): every number, each with its extension. */
export function ServicePhones({ service }: { service: ServiceRecord }) {
  const { t } = useTranslation(['place', 'finder']);
  const phones = service.phones ?? (service.phone ? [{ number: service.phone }] : []);
  if (!phones.length) return null;
  return (
    <>
      <dt>{t('finder:detail.phone')}</dt>
      <dd>
        <ul className="finder-phones">
          {phones.map((p, i) => (
            <li key={`${p.number}/${p.ext ?? ''}`}>
              <a href={telHref(p.number)} data-testid={i === 0 ? 'call-link' : 'call-link-more'}>
                {t('place:phones.call', { phone: p.number })}
                <ViaHost />
              </a>
              {p.ext && (
                <>
                  {' '}
                  <span className="finder-phone-ext" data-testid="phone-ext">
                    {t('place:phones.extension', { ext: p.ext })}
                  </span>
                  <span className="finder-muted finder-phone-hint"> {t('place:phones.extensionHint', { ext: p.ext })}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

/** Above the navigation links of an approximate record: why the point is not the place, and what the links do. */
export function ApproximateLocationNote({ service, lang }: { service: ServiceRecord; lang: Language }) {
  const { t } = useTranslation('place');
  if (service.location !== 'approximate') return null;
  return (
    <div className="finder-approx-note" role="note" data-testid="approximate-note">
      <p>
        <strong>{t('approximate.title')}</strong>
      </p>
      <p>{t('approximate.note', { town: townName(service.town, lang) })}</p>
      {!service.address && <p>{t('approximate.noAddress')}</p>}
    </div>
  );
}

/** Opening hours the importer could not read, shown exactly as the source wrote them. */
export function HoursAsWritten({ service }: { service: ServiceRecord }) {
  const { t } = useTranslation('place');
  if (!service.hoursAsWritten) return null;
  return (
    <div className="finder-hours-as-written" data-testid="hours-as-written">
      <p className="finder-muted">{t('hours.asWrittenTitle')}</p>
      <p lang="und">
        <code>{service.hoursAsWritten}</code>
      </p>
      <p className="finder-muted">{t('hours.asWrittenNote')}</p>
    </div>
  );
}
