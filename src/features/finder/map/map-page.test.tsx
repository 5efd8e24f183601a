// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DgNearbyDb } from '../../../data/db';
import type { ServiceRecord } from '../../../data/feed-schema';
import type { Category } from '../../../data/categories';
import common from '../../../i18n/locales/en/common.json';
import map from '../../../i18n/locales/en/map.json';
import { loadIndexBuildModule, setFinderIndexForTests } from '../index/finder-index-store';
import { getFinderState, resetFinderStateForTests, setSelected } from '../common/finder-store';
import MapPage from './map-page';
import { MAP_TILES_KEY } from './map-settings';
import { setElderMode } from '../../../ui/display-preferences';
import { useFreshDb } from '../../../../tests/unit/fresh-db.ts';
import { initTestI18n } from '../../../../tests/unit/test-i18n.ts';

// happy-dom has no layout: give the map container a size so Leaflet can compute a view.
for (const prop of ['clientWidth', 'clientHeight'] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('map-canvas') ? 600 : 0;
    },
  });
}

function service(id: string, category: Category, lat: number, lon: number): ServiceRecord {
  return {
    id,
    category,
    name: { zh: `示例${id}`, en: `Sample ${id}` },
    town: '441900121',
    lat,
    lon,
    source: { kind: 'sample', reference: 'test', updated: '2026-11-28T00:00:00Z' },
    pinyin: { full: 'shi li', initials: 'sl' },
  };
}

let db: DgNearbyDb;
useFreshDb('map', (opened) => (db = opened), { asAppDb: true });
beforeAll(async () => {
  await loadIndexBuildModule();
  await initTestI18n({ en: { common, map } });
});
beforeEach(() => {
  resetFinderStateForTests();
});
afterEach(() => {
  cleanup();
  setFinderIndexForTests(null);
});

const spread = Array.from({ length: 40 }, (_, i) =>
  service(`p${i}`, i % 2 ? 'clinic' : 'parking', 22.8 + (i % 8) * 0.002, 113.7 + Math.floor(i / 8) * 0.002),
);

describe('MapPage', () => {
  it('draws clusters from the matching services, with the sample badge and no tile layer', async () => {
    setFinderIndexForTests(spread);
    const { container } = render(<MapPage />);
    expect(screen.getByRole('heading', { level: 1, name: 'Map' })).toBeTruthy();
    await waitFor(() => expect(container.querySelectorAll('.map-cluster-icon').length).toBeGreaterThan(0));
    const total = [...container.querySelectorAll<HTMLElement>('.map-cluster-icon')].reduce(
      (n, el) => n + Number(el.dataset.clusterCount),
      container.querySelectorAll('.map-pin-icon').length,
    );
    expect(total).toBe(40);
    expect(screen.getByText('Services matching the filters: 40')).toBeTruthy();
    expect(screen.getAllByText('Sample data').length).toBeGreaterThan(0);
    expect(container.querySelector('.leaflet-tile-pane img')).toBeNull();
    expect(container.querySelector('.map-canvas')?.getAttribute('data-provider')).toBe('offline');
  });

  it('opens a co-located cluster as a list, and a pin selects the service with a link to its page', async () => {
    const building = [
      service('a', 'kindergarten', 22.8, 113.67),
      service('b', 'nursery', 22.8, 113.67),
      service('c', 'elderly_daycare', 22.8, 113.67),
    ];
    setFinderIndexForTests(building);
    const { container } = render(<MapPage />);
    const cluster = await waitFor(() => {
      const el = container.querySelector<HTMLElement>('.map-cluster-icon');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(cluster.getAttribute('aria-label')).toBe('3 services at one place; press to list them');
    act(() => {
      fireEvent.click(cluster);
    });
    const heading = await screen.findByRole('heading', { name: '3 services at this place' });
    expect(document.activeElement).toBe(heading);
    const link = screen.getByRole('link', { name: 'Sample b' });
    expect(link.getAttribute('href')).toBe('/service/b');

    act(() => setSelected('c'));
    const card = await waitFor(() => {
      const el = container.querySelector('.map-selected');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(card.textContent).toContain('Sample c');
    expect(card.querySelector('a')?.getAttribute('href')).toBe('/service/c');
    await waitFor(() => expect(container.querySelector('.map-pin-icon.is-selected[data-service-id="c"]')).not.toBeNull());
    // Selected from outside the map (the list): the map moves in to it.
    await waitFor(() => expect(Number(container.querySelector<HTMLElement>('.map-canvas')?.dataset.zoom)).toBeGreaterThanOrEqual(15));
  });

  it('draws pins at the elder size as soon as elder mode is turned on (read from its store, not the page class)', async () => {
    setFinderIndexForTests([service('solo', 'sports_venue', 22.9, 113.9), service('far', 'clinic', 22.7, 113.6)]);
    const { container } = render(<MapPage />);
    const pinWidth = () => container.querySelector<HTMLElement>('.map-pin-icon[data-service-id="solo"]')?.style.width;
    await waitFor(() => expect(pinWidth()).toBe('44px'));
    try {
      act(() => setElderMode(true));
      await waitFor(() => expect(pinWidth()).toBe('60px'));
      act(() => setElderMode(false));
      await waitFor(() => expect(pinWidth()).toBe('44px'));
    } finally {
      localStorage.clear();
      document.documentElement.classList.remove('elder');
    }
  });

  it('makes pins focusable buttons named after the service; Enter selects', async () => {
    setFinderIndexForTests([service('solo', 'sports_venue', 22.9, 113.9), service('far', 'clinic', 22.7, 113.6)]);
    const { container } = render(<MapPage />);
    const pin = await waitFor(() => {
      const el = container.querySelector<HTMLElement>('.map-pin-icon[data-service-id="solo"]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(pin.getAttribute('role')).toBe('button');
    expect(pin.tabIndex).toBe(0);
    expect(pin.getAttribute('aria-label')).toBe('Sample solo, Sports venues');
    expect(pin.textContent).toBe('S');
    act(() => {
      fireEvent.keyPress(pin, { key: 'Enter', code: 'Enter', keyCode: 13, charCode: 13 });
    });
    expect(getFinderState().selectedId).toBe('solo');
  });

  it('stores the base-map choice, and keeps the offline map for Tianditu until a valid key is given', async () => {
    setFinderIndexForTests(spread);
    const { container } = render(<MapPage />);
    fireEvent.click(screen.getByText('Base map'));
    fireEvent.click(screen.getByRole('radio', { name: 'Tianditu (CGCS2000, key needed)' }));
    await waitFor(async () => expect((await db.settings.get(MAP_TILES_KEY))?.value).toEqual({ provider: 'tianditu', tiandituKey: '' }));
    expect(screen.getByText(/Enter a valid key to show Tianditu/)).toBeTruthy();
    expect(container.querySelector('.map-canvas')?.getAttribute('data-provider')).toBe('offline');
    const key = screen.getByLabelText('Tianditu key (tk)');
    fireEvent.change(key, { target: { value: 'not-a-key' } });
    expect(screen.getByText(/32 letters and digits/)).toBeTruthy();
  });
});
