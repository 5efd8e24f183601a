import { Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import { whenFirstPainted } from '../lib/first-paint';
import { useStoreExists } from '../data/use-store-exists';
import { useFirstDownloadRunning } from '../data/use-sync-status';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { AppErrorBoundary } from './app-error-boundary';
import { ElderModeOffer } from './elder-mode-offer';
import { InAppBrowserHint } from './in-app-browser-hint';
import { NotFoundPage } from './not-found-page';
import { OfflineIndicator, PwaNotices } from './pwa-prompts';
import FinderPage from '../features/finder/list/finder-page';
import { EnrolmentPage, MapPage, ServiceDetailPage, SettingsPage, OperatorPage, TownCardPage, TownsPage, YouthPage } from './routes';
import { StartupData } from './startup-data';
import { TabBar } from './tab-bar';

// Title and focus handling load after the first paint (nothing on the first screen needs them).
const RouteTitleAndFocus = lazy(() => import('./route-title-and-focus'));
const FeedTrustBanner = lazy(() => import('./feed-trust-banner'));

/** Renders its children once the first screen has been painted, so their code is fetched after that paint. */
function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let live = true;
    void whenFirstPainted().then(() => live && setPainted(true));
    return () => {
      live = false;
    };
  }, []);
  return painted ? children : null;
}

/**
 * Nothing to vouch for before the first sync has stored a feed: the banner (its code and its read of the feed's
 * metadata) waits, and stays off the page while the first download runs (a slow phone has no time to spare then).
 */
function FeedTrustBannerOnceStored() {
  const stored = useStoreExists();
  const firstDownload = useFirstDownloadRunning();
  return stored && !firstDownload ? <FeedTrustBanner /> : null;
}

export function App() {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-title">{t('app.name')}</span>
        <OfflineIndicator />
      </header>
      <InAppBrowserHint />
      <AfterFirstPaint>
        <Suspense fallback={null}>
          <RouteTitleAndFocus mainId="main" />
          <FeedTrustBannerOnceStored />
        </Suspense>
      </AfterFirstPaint>
      <ElderModeOffer />
      <main id="main" className="app-main" tabIndex={-1}>
        <AppErrorBoundary>
          <Suspense fallback={<p className="page-loading">{t('app.loading')}</p>}>
            <Switch>
              <Route path="/" component={FinderPage} />
              <Route path="/map" component={MapPage} />
              <Route path="/service/:id" component={ServiceDetailPage} />
              <Route path="/enrolment" component={EnrolmentPage} />
              <Route path="/youth" component={YouthPage} />
              <Route path="/settings" component={SettingsPage} />
              <Route path="/towns" component={TownsPage} />
              <Route path="/towns/:code" component={TownCardPage} />
              <Route path="/operator" component={OperatorPage} />
              <Route component={NotFoundPage} />
            </Switch>
          </Suspense>
        </AppErrorBoundary>
      </main>
      <TabBar />
      {/* Floats above the tab bar, so a notice or the first-run progress coming and going never moves the page. */}
      <div className="status-dock">
        <StartupData />
        <PwaNotices />
      </div>
    </div>
  );
}
