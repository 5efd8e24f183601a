/**
 * Every page's word on where the data comes from (issue 23): "unofficial data: <host>" with one tap
 * back to the official feed, and "data may be out of date" once the signed manifest has expired (a
 * frozen feed; live figures are not affected). Loaded after the first paint; no crypto in here.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expiredDays } from '../data/feed-expiry.ts';
import { returnToOfficialFeed } from '../data/feed-source-choice.ts';
import { setUnofficialHost } from '../data/unofficial-host.ts';
import { useFeedMeta } from '../data/use-feed-meta.ts';
import { useLanguage } from '../i18n/use-language.ts';

const HOUR_MS = 3_600_000;

export default function FeedTrustBanner() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const meta = useFeedMeta();
  const [now, setNow] = useState(() => new Date());
  const [switching, setSwitching] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), HOUR_MS);
    return () => clearInterval(timer);
  }, []);
  const trust = meta?.trust;
  const host = trust?.kind === 'unofficial' ? trust.host : null;
  useEffect(() => {
    // meta undefined: still loading; keep what the first screen already shows
    if (meta !== undefined) setUnofficialHost(host);
  }, [meta, host]);

  const manifest = meta?.manifest;
  const staleDays = manifest && trust?.kind === 'signed' ? expiredDays(manifest, now) : null;
  if (!host && staleDays === null) return null;
  const signedOn = manifest?.signedAt ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(manifest.signedAt)) : '';
  return (
    <div className="trust-banners">
      {host && (
        <p className="trust-banner trust-unofficial" role="status" data-testid="unofficial-banner">
          <span>{t('trust.unofficial', { host })}</span>{' '}
          <button
            type="button"
            className="trust-back"
            disabled={switching}
            onClick={() => {
              setSwitching(true);
              void returnToOfficialFeed().finally(() => setSwitching(false));
            }}
          >
            {t('trust.backToOfficial')}
          </button>
        </p>
      )}
      {staleDays !== null && (
        <p className="trust-banner trust-stale" role="status" data-testid="stale-banner" data-days={staleDays}>
          {t('trust.stale', { days: staleDays })} <span className="trust-date">{t('trust.staleDate', { date: signedOn })}</span>
        </p>
      )}
    </div>
  );
}
