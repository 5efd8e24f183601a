/**
 * Client-side routes besides the finder (app.tsx imports the finder page itself: it is the first screen, and part of
 * the app's own code so that the first render waits for no second download — on a slow network a round trip costs
 * more than its bytes). Every other page is its own lazy chunk; the service worker precaches them all.
 */
import { lazy } from 'react';
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
