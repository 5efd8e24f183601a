import { useTranslation } from 'react-i18next';
import { pwaStore } from '../pwa/pwa-store';
import { useOnlineStatus } from '../pwa/use-online-status';
import { usePwaState } from '../pwa/use-pwa-state';
import { inAppBrowser } from './in-app-browser-hint';

/** The header's offline pill: small enough to sit beside the title without changing the header's height. */
export function OfflineIndicator() {
  const { t } = useTranslation();
  const online = useOnlineStatus();
  if (online) return null;
  return (
    <p className="offline-indicator" role="status" data-testid="offline-indicator">
      {t('network.offline')}
    </p>
  );
}

/** The service worker's "new version" and "ready offline" notices, shown in the status dock. Neither times out. */
export function PwaNotices() {
  const { t } = useTranslation();
  const { needRefresh, offlineReady } = usePwaState();
  if (needRefresh) {
    return (
      <div className="notice" role="alert">
        <span>{t('pwa.updateAvailable')}</span>
        <button type="button" className="button primary" onClick={() => pwaStore.applyUpdate()}>
          {t('pwa.reload')}
        </button>
        <button type="button" className="button" onClick={() => pwaStore.dismiss()}>
          {t('pwa.later')}
        </button>
      </div>
    );
  }
  // Inside WeChat the page is not kept for offline use (the in-app hint says so): no "ready offline" there.
  if (!offlineReady || inAppBrowser) return null;
  return (
    <div className="notice" role="status" data-testid="offline-ready">
      <span>{t('pwa.offlineReady')}</span>
      <button type="button" className="button" onClick={() => pwaStore.dismiss()}>
        {t('pwa.dismiss')}
      </button>
    </div>
  );
}
