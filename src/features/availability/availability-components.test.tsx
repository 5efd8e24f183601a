// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityRow, DgNearbyDb } from '../../data/db.ts';
import type { ServiceRecord } from '../../data/feed-schema.ts';
import en from '../../i18n/locales/en/availability.json';
import { AvailabilityBadge } from './availability-badge.tsx';
import { AvailabilityPanel } from './availability-panel.tsx';
import AvailabilityFaults from './availability-faults.tsx';
import { useFreshDb } from '../../../tests/unit/fresh-db.ts';
import { initTestI18n } from '../../../tests/unit/test-i18n.ts';

const service = (id: string, category: ServiceRecord['category']) => ({ id, category }) as unknown as ServiceRecord;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

let db: DgNearbyDb;
useFreshDb('comp', (opened) => (db = opened), { asAppDb: true });
beforeAll(() => initTestI18n({ en: { availability: en } }));
afterEach(cleanup);

const put = (row: Omit<AvailabilityRow, 'fetchedAt'>) =>
  act(() => db.availability.put({ ...row, fetchedAt: new Date().toISOString() }).then(() => {}));

describe('AvailabilityBadge', () => {
  it('shows free/total with "as of", and updates live when the store changes', async () => {
    await put({ serviceId: 'pk', observedAt: minutesAgo(1), figures: { kind: 'parking', free: 23, total: 120 } });
    render(<AvailabilityBadge service={service('pk', 'parking')} />);
    const badge = await screen.findByTestId('availability-badge');
    await waitFor(() => expect(badge.textContent).toContain('23 free / 120'));
    expect(badge.textContent).toMatch(/as of \d\d:\d\d/);
    expect(badge.dataset.freshness).toBe('fresh');
    await put({ serviceId: 'pk', observedAt: minutesAgo(0), figures: { kind: 'parking', free: 19, total: 120 } });
    await waitFor(() => expect(screen.getByTestId('availability-badge').textContent).toContain('19 free / 120'));
  });

  it('greys stale figures and says so, and says "no live data" when there are none', async () => {
    await put({ serviceId: 'pk', observedAt: minutesAgo(11), figures: { kind: 'parking', free: 23, total: 120 } });
    render(
      <>
        <AvailabilityBadge service={service('pk', 'parking')} />
        <AvailabilityBadge service={service('none', 'clinic')} />
      </>,
    );
    await waitFor(() => expect(screen.getAllByTestId('availability-badge')[0]!.dataset.freshness).toBe('stale'));
    const [stale, missing] = screen.getAllByTestId('availability-badge');
    expect(stale!.className).toContain('avail-stale');
    expect(stale!.textContent).toContain('may be out of date');
    expect(stale!.textContent).toContain('11 min ago');
    expect(missing!.textContent).toBe('no live data');
  });

  it('uses category wording', async () => {
    await put({
      serviceId: 'kg',
      observedAt: minutesAgo(1),
      figures: { kind: 'kindergarten', classes: { xiaoban: { free: 2, total: 30 }, daban: { free: 3, total: 30 } } },
    });
    await put({ serviceId: 'cl', observedAt: minutesAgo(1), figures: { kind: 'clinic', appointmentsFree: 12, appointmentsTotal: 40 } });
    render(
      <>
        <AvailabilityBadge service={service('kg', 'kindergarten')} />
        <AvailabilityBadge service={service('cl', 'clinic')} />
      </>,
    );
    await waitFor(() => expect(screen.getAllByTestId('availability-badge')[0]!.textContent).toContain('places: 5'));
    expect(screen.getAllByTestId('availability-badge')[1]!.textContent).toContain('12 appointments');
  });
});

describe('AvailabilityPanel', () => {
  it('renders the sports week as an accessible table with safe booking links only', async () => {
    const soon = new Date(Date.now() + 3600_000);
    soon.setUTCMinutes(0, 0, 0);
    const later = new Date(soon.getTime() + 86_400_000);
    await put({
      serviceId: 'sp',
      observedAt: minutesAgo(2),
      figures: {
        kind: 'sports_venue',
        slots: [
          { start: soon.toISOString(), durationMinutes: 60, remaining: 3, maximum: 4, bookingUrl: 'https://booking.example.org/s/1' },
          { start: later.toISOString(), durationMinutes: 60, remaining: 0, maximum: 4, bookingUrl: 'https://booking.example.org/s/2' },
          {
            start: new Date(soon.getTime() + 2 * 86_400_000).toISOString(),
            durationMinutes: 60,
            remaining: 2,
            maximum: 4,
            bookingUrl: 'javascript:alert(1)',
          },
        ],
      },
    });
    render(<AvailabilityPanel service={service('sp', 'sports_venue')} />);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader')).toHaveLength(8); // time + 7 days
    expect(within(table).getAllByRole('rowheader').length).toBeGreaterThanOrEqual(1);
    expect(table.textContent).toContain('3/4');
    expect(table.textContent).toContain('0/4');
    const links = within(table).getAllByRole('link');
    expect(links).toHaveLength(1); // full slot: no link; javascript: never a link
    expect(links[0]!.getAttribute('href')).toBe('https://booking.example.org/s/1');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0]!.getAttribute('aria-label')).toMatch(/opens an external site/);
    expect(screen.getByTestId('availability-panel').textContent).toMatch(/Figures as of \d\d:\d\d \(2 min ago\)/);
  });

  it('shows kindergarten places by class, with a stale note when old', async () => {
    await put({
      serviceId: 'kg',
      observedAt: minutesAgo(25 * 60),
      figures: { kind: 'kindergarten', classes: { tuoban: { free: 0, total: 20 }, zhongban: { free: 4, total: 35 } } },
    });
    render(<AvailabilityPanel service={service('kg', 'kindergarten')} />);
    await waitFor(() => expect(screen.getByTestId('availability-panel').dataset.freshness).toBe('stale'));
    const panel = screen.getByTestId('availability-panel');
    expect(panel.textContent).toContain('Toddler class (托班, age 2–3)');
    expect(panel.textContent).toContain('4 free of 35');
    expect(panel.textContent).not.toContain('Junior class');
    expect(panel.textContent).toContain('may be out of date');
    // Not "live" over old figures.
    expect(panel.querySelector('h2')!.textContent).toBe('Last reported availability');
  });
});

describe('AvailabilityFaults', () => {
  it('lists each counted fault kind with its count and the last good update', async () => {
    await act(() =>
      db.settings
        .put({
          key: 'availabilityFaults',
          value: {
            counts: { http5xx: 2, truncated: 1 },
            lastFault: { kind: 'truncated', at: minutesAgo(1) },
            lastSuccessAt: minutesAgo(3),
          },
        })
        .then(() => {}),
    );
    render(<AvailabilityFaults />);
    const box = await screen.findByTestId('availability-faults');
    await waitFor(() => expect(box.textContent).toContain('Problems counted: 3'));
    expect(box.querySelector('[data-fault="http5xx"] dd')?.textContent).toBe('2');
    expect(box.querySelector('[data-fault="truncated"] dd')?.textContent).toBe('1');
    expect(box.querySelector('[data-fault="timeout"]')).toBeNull();
    expect(box.textContent).toMatch(/Last problem: Response cut short at \d\d:\d\d/);
    expect(box.textContent).toMatch(/Last good update: \d\d:\d\d/);
  });
});
