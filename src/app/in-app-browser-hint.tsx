/**
 * One line, only inside WeChat and other in-app browsers: open in the system browser for offline use and install.
 * Drawn with the first screen (the user agent is known before the first render), so it takes its room from the
 * first frame and never moves the page when it appears.
 */
import { useTranslation } from 'react-i18next';
import { detectInAppBrowser } from '../pwa/in-app-browser';

export const inAppBrowser = typeof navigator === 'undefined' ? null : detectInAppBrowser(navigator.userAgent);

export function InAppBrowserHint() {
  const { t } = useTranslation();
  if (!inAppBrowser) return null;
  return (
    <p className="in-app-hint" data-testid="in-app-hint">
      {t(inAppBrowser === 'wechat' ? 'inApp.wechat' : 'inApp.other')}
    </p>
  );
}
