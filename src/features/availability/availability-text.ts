/** Shared wording helpers for the badge, the panel and the faults summary (i18n `availability`). */
import type { TFunction } from 'i18next';
import type { AvailabilityItem } from '../../data/feed-schema.ts';
import { ageMs, ageParts } from './freshness.ts';
import { freeCount, openSlotsToday } from './has-availability.ts';

export const NS = 'availability';

/** "5 min ago", "2 hours ago"… */
export function ageText(t: TFunction, observedAt: string, now: Date): string {
  const { unit, count } = ageParts(ageMs(observedAt, now));
  return unit === 'justNow' ? t('age.justNow') : t(`age.${unit}`, { count });
}

/** Compact headline per category: "23 free / 120", "places: 5", "3 slots today"… */
export function headlineText(t: TFunction, item: AvailabilityItem, now: Date): string {
  const f = item.figures;
  switch (f.kind) {
    case 'parking':
      return t('badge.parking', { free: f.free, total: f.total });
    case 'sports_venue':
      return t('badge.sports_venue', { count: openSlotsToday(item, now).length });
    default:
      return t(`badge.${f.kind}`, { count: freeCount(item, now) });
  }
}

/** A threshold as text ("10 min", "6 hours", "1 day") for the stale note. */
export function durationText(t: TFunction, ms: number): string {
  const { unit, count } = ageParts(ms);
  if (unit === 'minutes' || unit === 'justNow') return t('panel.minutes', { count: Math.max(1, count) });
  return t(`age.${unit}`, { count }).replace(/\s*(ago|前)$/u, '');
}
