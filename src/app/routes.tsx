/** Client-side routes. Every page is its own lazy chunk so the first screen stays small; the SW precaches them all. */
import { lazy } from 'react';

export const FinderPage = lazy(() => import('../features/finder/finder-page'));
export const MapPage = lazy(() => import('../features/finder/map/map-page'));
export const ServiceDetailPage = lazy(() => import('../features/finder/service-detail-page'));
export const EnrolmentPage = lazy(() => import('../features/enrolment/enrolment-page'));
export const YouthPage = lazy(() => import('../features/youth/youth-page'));
export const SettingsPage = lazy(() => import('../features/settings/settings-page'));
export const TownsPage = lazy(() => import('../features/towns/towns-page'));
export const TownCardPage = lazy(() => import('../features/towns/town-card-page'));

export const TABS = [
  { path: '/', key: 'nearby' },
  { path: '/map', key: 'map' },
  { path: '/enrolment', key: 'enrolment' },
  { path: '/youth', key: 'youth' },
  { path: '/settings', key: 'me' },
] as const;
