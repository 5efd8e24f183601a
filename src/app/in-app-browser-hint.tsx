/**
 * One line, only inside WeChat and other in-app browsers: open in the system browser for offline use and install.
 * Loaded after the first paint (its own chunk): most visitors never see it.
 */
import { useTranslation } from 'react-i18next';
import { detectInAppBrowser } from '../pwa/in-app-browser';

const inApp = typeof navigator === 'undefined' ? null : detectInAppBrowser(navigator.userAgent);

export default function InAppBrowserHint() {
  const { t } = useTranslation();
  if (!inApp) return null;
  return (
    <p className="in-app-hint" data-testid="in-app-hint">
      {t(inApp === 'wechat' ? 'inApp.wechat' : 'inApp.other')}
    </p>
  );
}
