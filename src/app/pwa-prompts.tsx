import { useTranslation } from 'react-i18next';
import { pwaStore } from '../pwa/pwa-store';
import { useOnlineStatus } from '../pwa/use-online-status';
import { usePwaState } from '../pwa/use-pwa-state';

/** Offline indicator plus the service worker's "new version" and "ready offline" notices. None of them time out. */
export function PwaPrompts() {
  const { t } = useTranslation();
  const online = useOnlineStatus();
  const { needRefresh, offlineReady } = usePwaState();
  return (
    <div className="pwa-status">
      {!online && (
        <p className="offline-indicator" role="status" data-testid="offline-indicator">
          {t('network.offline')}
        </p>
      )}
      {needRefresh && (
        <div className="notice" role="alert">
          <span>{t('pwa.updateAvailable')}</span>
          <button type="button" className="button primary" onClick={() => pwaStore.applyUpdate()}>
            {t('pwa.reload')}
          </button>
          <button type="button" className="button" onClick={() => pwaStore.dismiss()}>
            {t('pwa.later')}
          </button>
        </div>
      )}
      {offlineReady && !needRefresh && (
        <div className="notice" role="status" data-testid="offline-ready">
          <span>{t('pwa.offlineReady')}</span>
          <button type="button" className="button" onClick={() => pwaStore.dismiss()}>
            {t('pwa.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
