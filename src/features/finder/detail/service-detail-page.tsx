/**
 * The detail room (src/features/finder/detail/): one service's page — this page, its place details and phones
 * (service-place-details.tsx), who publishes the record (record-owner.ts, record-owner-line.tsx), the
 * navigation links (navigation-links.ts, navigation-search-links.ts) and the record lookup by id
 * (use-service.ts). It may import the common/ and index/ rooms and the availability panel; never list/ or map/
 * (both open it by route).
 *
 * Route "/service/:id": everything about one service, from IndexedDB (works offline from a deep link).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import type { ServiceRecord } from '../../../data/feed-schema';
import { SAFE_URL } from '../../../data/safe-url';
import { TOWN_BY_CODE } from '../../../geo/towns';
import { pickText, type Language } from '../../../i18n/languages';
// The one allowed cross-feature import: availability UI composed into the finder (documented in the brief).
import { AvailabilityPanel } from '../../availability/availability-panel';
import { isFavourite, recordRecentView, toggleFavourite } from '../common/finder-data-source';
import { useLanguage } from '../../../i18n/use-language';
import { useElderChoice } from '../../../ui/display-preferences';
import { navigationLinks } from './navigation-links';
import { navigationSearchLinks } from './navigation-search-links';
import { openStatus, parseDaySpans } from '../common/open-now';
import { openStatusText } from '../common/open-status-text';
import { RecordOwnerLine } from './record-owner-line';
import { ApproximateLocationNote, HoursAsWritten, ServicePhones } from './service-place-details';
import { useMinuteClock } from '../common/use-minute-clock';
import { useService } from './use-service';
import { ViaHost } from '../common/via-host';
import '../common/finder.css';

const ext = { target: '_blank', rel: 'noopener noreferrer' } as const;

function fmtSpan(day: string): string {
  return parseDaySpans(day)
    .map(([s, e]) => {
      const hm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return e === s + 1440 && s === 0 ? '00:00–24:00' : `${hm(s)}–${e === 1440 ? '24:00' : hm(e)}`;
    })
    .join(', ');
}

function ageText(months: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  return months % 12 === 0 ? t('filters.ageYears', { count: months / 12 }) : t('filters.ageMonths', { count: months });
}

/** The booking action for the top row: the service's own link, or for sample records the city hotline. */
function BookAction({ service }: { service: ServiceRecord }) {
  const { t } = useTranslation('finder');
  const url = service.url && SAFE_URL.test(service.url) ? service.url : null;
  if (service.source.kind === 'sample') {
    // Sample records never link to a real-looking site: the city hotline (explained below the row).
    return (
      <a href="tel:12345" className="finder-btn finder-action" data-testid="book-link">
        {t('detail.callToBook')} (12345)
        <ViaHost />
      </a>
    );
  }
  if (!url) return null;
  if (url.toLowerCase().startsWith('tel:'))
    return (
      <a href={url} className="finder-btn finder-action" data-testid="book-link">
        {t('detail.callToBook')}
        <ViaHost />
      </a>
    );
  return (
    <a href={url} {...ext} className="finder-btn finder-action" data-testid="book-link">
      {t('detail.bookLink')} <span className="finder-ext">({t('detail.external')})</span>
      <ViaHost />
    </a>
  );
}

function ShareButton({ name }: { name: string }) {
  const { t } = useTranslation('finder');
  const elder = useElderChoice() === 'on';
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!note || elder) return; // elder mode: the confirmation stays until the next action
    const timer = setTimeout(() => setNote(null), 6000);
    return () => clearTimeout(timer);
  }, [note, elder]);
  const share = async () => {
    const url = location.href;
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: name, url });
        return;
      } catch (e) {
        if ((e as DOMException)?.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setNote(t('detail.copied'));
    } catch {
      setNote(t('detail.copyFailed', { url }));
    }
  };
  return (
    <>
      <button type="button" className="finder-btn" onClick={() => void share()}>
        {t('detail.share')}
      </button>
      {note && (
        <p role="status" className="finder-note" data-testid="share-note">
          {note}
        </p>
      )}
    </>
  );
}

function FavouriteStar({ id }: { id: string }) {
  const { t } = useTranslation('finder');
  const [fav, setFav] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    isFavourite(id).then(
      (v) => live && setFav(v),
      () => live && setFav(false),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return (
    <button
      type="button"
      className="finder-btn finder-action finder-star"
      aria-pressed={fav === true}
      disabled={fav === null}
      onClick={() => void toggleFavourite(id).then(setFav)}
      data-testid="favourite"
    >
      <span aria-hidden="true">{fav ? '★' : '☆'}</span> {fav ? t('detail.unfavourite') : t('detail.favourite')}
    </button>
  );
}

function Detail({ s, lang }: { s: ServiceRecord; lang: Language }) {
  const { t } = useTranslation(['finder', 'common']);
  const now = useMinuteClock();
  const name = pickText(s.name, lang);
  const town = TOWN_BY_CODE.get(s.town);
  const status = openStatus(s.hours, now);
  const nav =
    s.location === 'approximate'
      ? navigationSearchLinks({ name: s.name.zh, ...(s.address ? { address: s.address.zh } : {}) })
      : navigationLinks({ lat: s.lat, lon: s.lon, name: s.name.zh });
  const mainPhone = s.phone ?? s.phones?.[0]?.number;
  const phoneDigits = mainPhone?.replace(/[^\d+]/g, '') ?? '';
  const phoneHref = phoneDigits ? `tel:${phoneDigits}` : null;
  const days = t('detail.days', { returnObjects: true }) as unknown as string[];

  useEffect(() => {
    void recordRecentView(s.id);
  }, [s.id]);

  return (
    <article className="finder-detail" data-testid="service-detail" data-id={s.id}>
      <h1 data-testid="detail-name">{name}</h1>
      <p className="finder-row-meta">
        <span>{t(`common:category.${s.category}`)}</span>
        {s.source.kind === 'sample' && <span className="finder-sample-badge">{t('common:sample.badge')}</span>}
      </p>
      {/* Call, go, book, keep: one row at the top, before anything to read. */}
      <div className="finder-detail-actions" data-testid="detail-actions">
        {phoneHref && (
          <a href={phoneHref} className="finder-btn finder-btn-primary finder-action" data-testid="call-action">
            {t('detail.callAction')}
            <ViaHost />
          </a>
        )}
        <a href={nav.amap} {...ext} className="finder-btn finder-btn-primary finder-action" data-testid="navigate-action">
          {t('detail.navigateAction')}
        </a>
        <BookAction service={s} />
        <FavouriteStar id={s.id} />
      </div>
      {s.source.kind === 'sample' && (
        <p className="finder-muted">
          {t('common:sample.explain')} {t('detail.sampleBooking')}
        </p>
      )}
      <dl className="finder-dl">
        {town && (
          <>
            <dt>{t('detail.town')}</dt>
            <dd>{pickText(town, lang)}</dd>
          </>
        )}
        {s.address && (
          <>
            <dt>{t('detail.address')}</dt>
            <dd>{pickText(s.address, lang)}</dd>
          </>
        )}
        <ServicePhones service={s} />
        {s.capacity !== undefined && (
          <>
            <dt>{t('detail.capacity')}</dt>
            <dd>{t('detail.places', { count: s.capacity })}</dd>
          </>
        )}
        {s.ageMonths && (
          <>
            <dt>{t('detail.ageRange')}</dt>
            <dd>{t('detail.ageRangeValue', { from: ageText(s.ageMonths[0], t), to: ageText(s.ageMonths[1], t) })}</dd>
          </>
        )}
        {s.fee && (
          <>
            <dt>{t('detail.fee')}</dt>
            <dd>{t(`detail.feeValue.${s.fee}`)}</dd>
          </>
        )}
        {s.features && s.features.length > 0 && (
          <>
            <dt>{t('detail.features')}</dt>
            <dd>{s.features.map((f) => t(`detail.feature.${f}`)).join(' · ')}</dd>
          </>
        )}
      </dl>
      {s.description && (
        <section>
          <h2>{t('detail.description')}</h2>
          <p>{pickText(s.description, lang)}</p>
        </section>
      )}
      <section aria-labelledby="detail-hours-h">
        <h2 id="detail-hours-h">{t('detail.hours')}</h2>
        <p className="finder-row-status" data-testid="detail-status">
          {openStatusText(status, now, lang, t, s.hours !== undefined)}
        </p>
        <HoursAsWritten service={s} />
        {s.hours && (
          <>
            <table className="finder-hours">
              <tbody>
                {s.hours.weekly.map((d, i) => (
                  <tr key={i}>
                    <th scope="row">{days[i] ?? ''}</th>
                    <td>{d ? fmtSpan(d) : t('detail.closedDay')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="finder-muted">
              {t(
                `detail.holiday${s.hours.publicHolidays === 'closed' ? 'Closed' : s.hours.publicHolidays === 'open' ? 'Open' : 'Weekend'}`,
              )}{' '}
              {t('detail.makeupNote')}
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="detail-avail-h">
        <h2 id="detail-avail-h">{t('detail.availability')}</h2>
        <AvailabilityPanel service={s} />
      </section>
      <section aria-labelledby="detail-nav-h">
        <h2 id="detail-nav-h">{t('detail.navigateOther')}</h2>
        <ApproximateLocationNote service={s} lang={lang} />
        <ul className="finder-nav-links">
          <li>
            <a href={nav.amap} {...ext} data-testid="nav-amap">
              {t('detail.amap')} <span className="finder-ext">({t('detail.external')})</span>
            </a>
          </li>
          <li>
            <a href={nav.baidu} data-testid="nav-baidu">
              {t('detail.baidu')}
            </a>
          </li>
          <li>
            <a href={nav.apple} {...ext} data-testid="nav-apple">
              {t('detail.apple')} <span className="finder-ext">({t('detail.external')})</span>
            </a>
          </li>
          <li>
            <a href={nav.geo} data-testid="nav-geo">
              {t('detail.geo')}
            </a>
          </li>
        </ul>
      </section>
      <div className="finder-detail-actions">
        <ShareButton name={name} />
      </div>
      <RecordOwnerLine service={s} lang={lang} />
    </article>
  );
}

export default function ServiceDetailPage() {
  const { t } = useTranslation(['finder', 'common']);
  const lang = useLanguage();
  const params = useParams<{ id: string }>();
  const id = params.id ?? '';
  const { service, loading } = useService(id);
  return (
    <div className="finder-page">
      {(loading || service) && (
        <p className="finder-back-row">
          <Link href="/" className="finder-back">
            <span aria-hidden="true">←</span> {t('detail.back')}
          </Link>
        </p>
      )}
      {loading ? (
        <p className="finder-muted">{t('detail.loading')}</p>
      ) : service ? (
        <Detail s={service} lang={lang} />
      ) : (
        <section data-testid="service-not-found">
          <h1>{t('detail.notFoundTitle')}</h1>
          <p>{t('detail.notFoundBody')}</p>
          <p>
            <Link href="/" className="finder-btn">
              {t('detail.back')}
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
