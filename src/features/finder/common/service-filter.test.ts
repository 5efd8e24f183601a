import { describe, expect, it } from 'vitest';
import type { AvailabilityItem } from '../../../data/feed-schema';
import { DEFAULT_FILTERS, type FinderFilters } from './service-filter';
import { createServiceFilter } from './service-filter';
import { serviceRecord } from '../../../../tests/unit/service-record';

const records = [
  serviceRecord('kg-3-6', 'kindergarten', {
    ageMonths: [36, 72],
    hours: { weekly: ['07:30-17:30', '07:30-17:30', '07:30-17:30', '07:30-17:30', '07:30-17:30', '', ''], publicHolidays: 'closed' },
  }),
  serviceRecord('nursery-0-3', 'nursery', { ageMonths: [6, 36] }),
  serviceRecord('kg-no-age', 'kindergarten'),
  serviceRecord('gym-free', 'sports_venue', { fee: 'free' }),
  serviceRecord('gym-paid', 'sports_venue', { fee: 'paid' }),
  serviceRecord('park-ev', 'parking', { features: ['ev'] }),
  serviceRecord('park-both', 'parking', { features: ['ev', 'accessible'] }),
  serviceRecord('clinic', 'clinic', { hours: { weekly: Array(7).fill('00:00-24:00'), publicHolidays: 'open' } }),
];
const mon10 = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 CST
const avail = new Map<string, AvailabilityItem>([
  [
    'clinic',
    { serviceId: 'clinic', observedAt: '2026-11-30T01:59:00Z', figures: { kind: 'clinic', appointmentsFree: 3, appointmentsTotal: 9 } },
  ],
]);
const run = (patch: Partial<FinderFilters>, at = mon10) => {
  const f = createServiceFilter({ ...DEFAULT_FILTERS, ...patch }, avail, at, (item) => !!item);
  return records.filter(f).map((r) => r.id);
};

describe('service filter', () => {
  it('no filters: everything', () => expect(run({})).toHaveLength(records.length));
  it('category chips are multi-select', () =>
    expect(run({ categories: ['clinic', 'parking'] })).toEqual(['park-ev', 'park-both', 'clinic']));
  it('child age keeps kindergartens/nurseries whose range includes it', () => {
    expect(run({ childAgeMonths: 24 })).toEqual(['nursery-0-3']);
    expect(run({ childAgeMonths: 48 })).toEqual(['kg-3-6']);
    expect(run({ childAgeMonths: 36 })).toEqual(['kg-3-6', 'nursery-0-3']);
  });
  it('free or low-cost → sports venues that are', () => expect(run({ freeOrLow: true })).toEqual(['gym-free']));
  it('EV and accessible → car parks with both', () => {
    expect(run({ ev: true })).toEqual(['park-ev', 'park-both']);
    expect(run({ ev: true, accessible: true })).toEqual(['park-both']);
  });
  it('category filters of different categories combine as "either"', () =>
    expect(run({ ev: true, freeOrLow: true })).toEqual(['gym-free', 'park-ev', 'park-both']));
  it('open now uses the shared open-now function (unknown hours excluded)', () => {
    expect(run({ openNow: true })).toEqual(['kg-3-6', 'clinic']);
    expect(run({ openNow: true }, new Date('2026-11-28T02:00:00Z'))).toEqual(['clinic']); // Saturday
  });
  it('has availability asks the availability lookup', () => expect(run({ hasAvailability: true })).toEqual(['clinic']));
  it('chips and scoped filters intersect', () => expect(run({ categories: ['clinic'], ev: true })).toEqual([]));
});
