/** Client-side routes. Every page is its own lazy chunk so the first screen stays small; the SW precaches them all. */
import { lazy } from 'react';

type FinderPageModule = typeof import('../features/finder/list/finder-page');
let finderPageModule: FinderPageModule | undefined;
const importFinderPage = () => import('../features/finder/list/finder-page').then((m) => (finderPageModule = m));
const LazyFinderPage = lazy(importFinderPage);

/**
 * The finder is the first screen. main.tsx loads it before the first render on "/" (`preloadFinderPage`), so that
 * render draws the whole screen at once instead of a fallback and then a second long render on a slow phone.
 */
export function preloadFinderPage(): Promise<unknown> {
  // The database opens now too, while the page's code is still on its way (no download: the first paint waits for
  // nothing more). If opening fails here, it fails again where the data is read, and that place says so.
  const openDb = (m: typeof import('../data/db')) =>
    m
      .getDb()
      .open()
      .catch(() => undefined);
  void import('../data/db').then(openDb);
  return importFinderPage();
}
export function FinderPage() {
  const Loaded = finderPageModule?.default;
  return Loaded ? <Loaded /> : <LazyFinderPage />;
}
export const MapPage = lazy(() => import('../features/finder/map/map-page'));
export const ServiceDetailPage = lazy(() => import('../features/finder/detail/service-detail-page'));
export const EnrolmentPage = lazy(() => import('../features/enrolment/enrolment-page'));
export const YouthPage = lazy(() => import('../features/youth/youth-page'));
export const SettingsPage = lazy(() => import('../features/settings/settings-page'));
export const TownsPage = lazy(() => import('../features/towns/towns-page'));
export const TownCardPage = lazy(() => import('../features/towns/town-card-page'));
export const OperatorPage = lazy(() => import('../features/operator/operator-page'));

export const TABS = [
  { path: '/', key: 'nearby' },
  { path: '/map', key: 'map' },
  { path: '/enrolment', key: 'enrolment' },
  { path: '/youth', key: 'youth' },
  { path: '/settings', key: 'me' },
] as const;
