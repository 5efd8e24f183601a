// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DgNearbyDb } from '../../../data/db';
import type { ServiceRecord } from '../../../data/feed-schema';
import availabilityEn from '../../../i18n/locales/en/availability.json';
import commonEn from '../../../i18n/locales/en/common.json';
import finderEn from '../../../i18n/locales/en/finder.json';
import { loadIndexBuildModule, setFinderIndexForTests } from '../index/finder-index-store';
import { setSearchApiLoaderForTests } from '../search/search-connection';
import FinderPage from './finder-page';
import { resetFinderStateForTests, setPlace } from '../common/finder-store';
import ServiceDetailPage from '../detail/service-detail-page';
import { useFreshDb } from '../../../../tests/unit/fresh-db.ts';
import { initTestI18n } from '../../../../tests/unit/test-i18n.ts';
import { EDU_KG_SOURCE, PARKS_SOURCE } from '../../../../tests/unit/owner-sources.ts';
import { setElderMode } from '../../../ui/display-preferences';

const rec = (
  id: string,
  category: ServiceRecord['category'],
  lat: number,
  lon: number,
  en: string,
  extra: Partial<ServiceRecord> = {},
): ServiceRecord => ({
  id,
  category,
  town: '441900121',
  lat,
  lon,
  name: { zh: `虎门${en}`, en },
  source: { kind: 'sample', reference: 't', updated: '2026-11-28T00:00:00Z' },
  pinyin: { full: 'hu men', initials: 'hm' },
  ...extra,
});
const records: ServiceRecord[] = [
  rec('far', 'clinic', 22.83, 113.672, 'Far Clinic'),
  rec('near', 'kindergarten', 22.8155, 113.672, 'Near Kindergarten', {
    hours: { weekly: Array(7).fill('00:00-24:00'), publicHolidays: 'open' },
  }),
  rec('xss', 'clinic', 22.816, 113.672, 'Clinic <img src=x onerror=alert(1)>', { url: 'tel:12345' }),
  rec('real', 'parking', 22.817, 113.672, 'Real Car Park', {
    source: { kind: 'hsds', reference: 'op', updated: '2026-11-01T00:00:00Z' },
    url: 'https://example.org/book',
    phone: '0769-12345678',
  }),
];
/** Records of a many-owner feed, indexed only by the owner tests. */
const ownedRecords: ServiceRecord[] = [
  rec('owned-kg', 'kindergarten', 22.818, 113.672, 'Owned Kindergarten', {
    source: { id: 'edu-kg', kind: 'spreadsheet', reference: 'k1', updated: '2026-11-30T17:30:00Z' },
  }),
  rec('owned-park', 'parking', 22.819, 113.672, 'Owned Car Park', {
    source: { id: 'parks', kind: 'spreadsheet', reference: 'p1', updated: '2026-12-02T00:00:00Z' },
  }),
];
/** The stored manifest names two owners: the bureau with an e-mail contact, a car-park company with none. */
const twoOwners = {
  version: 'v1',
  generatedAt: '2026-12-02T00:00:00Z',
  sample: false,
  chunks: [],
  sources: [EDU_KG_SOURCE, PARKS_SOURCE],
};

let db: DgNearbyDb;
useFreshDb('finder', (opened) => (db = opened), { asAppDb: true });
beforeAll(async () => {
  await loadIndexBuildModule();
  await initTestI18n({ en: { finder: finderEn, common: commonEn, availability: availabilityEn } });
});
beforeEach(() => {
  resetFinderStateForTests();
  setFinderIndexForTests(records);
});
afterEach(() => {
  cleanup();
  setSearchApiLoaderForTests(null);
  setFinderIndexForTests(null);
});

const at = (path: string, ui: React.ReactNode) =>
  render(
    <Router hook={memoryLocation({ path, static: true }).hook}>
      <Route path={path.startsWith('/service/') ? '/service/:id' : '/'}>{ui}</Route>
    </Router>,
  );

describe('finder list', () => {
  it('lists services nearest first with distances, as text, in list semantics', async () => {
    at('/', <FinderPage />);
    act(() => setPlace({ lat: 22.815, lon: 113.672, source: 'town', townCode: '441900121' }));
    const rows = await screen.findAllByTestId('service-row');
    expect(rows.map((r) => r.dataset.id)).toEqual(['near', 'xss', 'real', 'far']);
    expect(rows[0]!.textContent).toContain('60 m');
    expect(rows[0]!.textContent).toContain('Open 24 hours');
    expect(rows[0]!.textContent).toContain('Sample data');
    expect(rows[2]!.textContent).not.toContain('Sample data');
    expect(rows[1]!.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('list', { name: 'Services' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').length).toBeGreaterThanOrEqual(4);
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe('/service/near');
  });

  it('moves the 10-minute strip below the results when elder mode is turned on (read from its store, not the page class)', async () => {
    at('/', <FinderPage />);
    act(() => setPlace({ lat: 22.815, lon: 113.672, source: 'town', townCode: '441900121' }));
    await screen.findAllByTestId('service-row');
    const stripFollowsResults = () => {
      const strip = screen.getByTestId('ten-minute-circle');
      const results = document.querySelector('.finder-results')!;
      return Boolean(results.compareDocumentPosition(strip) & Node.DOCUMENT_POSITION_FOLLOWING);
    };
    await waitFor(() => expect(stripFollowsResults()).toBe(false));
    try {
      act(() => setElderMode(true));
      expect(stripFollowsResults()).toBe(true);
      act(() => setElderMode(false));
      expect(stripFollowsResults()).toBe(false);
    } finally {
      localStorage.clear();
      document.documentElement.classList.remove('elder');
    }
  });

  it('category chips filter, and an empty result offers "Clear filters"', async () => {
    at('/', <FinderPage />);
    act(() => setPlace({ lat: 22.815, lon: 113.672, source: 'town', townCode: null }));
    await screen.findAllByTestId('service-row');
    fireEvent.click(screen.getByTestId('open-filters'));
    // The sheet's controls are their own chunk, loaded on first open: under a busy machine vitest may take seconds
    // to transform it, so this one wait is longer than the default second.
    fireEvent.click(await screen.findByRole('button', { name: 'Car parks' }, { timeout: 15_000 }));
    await waitFor(() => expect(screen.getAllByTestId('service-row').map((r) => r.dataset.id)).toEqual(['real']));
    fireEvent.click(screen.getByLabelText('EV charging'));
    const empty = await screen.findByTestId('finder-empty');
    fireEvent.click(empty.querySelector('button')!);
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(4));
  });

  it('search box narrows the list', async () => {
    at('/', <FinderPage />);
    act(() => setPlace({ lat: 22.815, lon: 113.672, source: 'town', townCode: null }));
    await screen.findAllByTestId('service-row');
    fireEvent.change(screen.getByLabelText('Search services'), { target: { value: 'kinder' } });
    await waitFor(() => expect(screen.getAllByTestId('service-row').map((r) => r.dataset.id)).toEqual(['near']));
  });
});

/** The list near 虎门, where the first load of the search code fails (offline) and later ones work; counts the loads. */
async function listWithFailingFirstSearchLoad(): Promise<() => number> {
  let calls = 0;
  setSearchApiLoaderForTests(() => {
    calls++;
    return calls === 1 ? Promise.reject(new Error('offline')) : import('../search/search-worker-api');
  });
  at('/', <FinderPage />);
  act(() => setPlace({ lat: 22.815, lon: 113.672, source: 'town', townCode: null }));
  await screen.findAllByTestId('service-row');
  return () => calls;
}

describe('lazy search index (on the page when no worker starts, as here)', () => {
  it('loads only on the first query, keeps the previous rows meanwhile, then narrows as the user types', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    setSearchApiLoaderForTests(async () => {
      calls++;
      await gate;
      return import('../search/search-worker-api');
    });
    const { container } = at('/', <FinderPage />);
    act(() => setPlace({ lat: 22.815, lon: 113.672, source: 'town', townCode: null }));
    // The nearest-first list comes from the spatial index alone.
    expect((await screen.findAllByTestId('service-row')).map((r) => r.dataset.id)).toEqual(['near', 'xss', 'real', 'far']);
    expect(calls).toBe(0);

    fireEvent.change(screen.getByLabelText('Search services'), { target: { value: 'kinder' } });
    await waitFor(() => expect(calls).toBe(1));
    // Still loading: the previous rows stay (marked as updating), no empty state and no spinner.
    await waitFor(() => expect(container.querySelector('.finder-results.is-updating')).not.toBeNull());
    expect(screen.getAllByTestId('service-row')).toHaveLength(4);
    expect(screen.queryByTestId('finder-empty')).toBeNull();
    expect(container.querySelector('[role="progressbar"], .spinner')).toBeNull();

    act(() => release());
    await waitFor(() => expect(screen.getAllByTestId('service-row').map((r) => r.dataset.id)).toEqual(['near']));
    expect(container.querySelector('.finder-results.is-updating')).toBeNull();

    // Built once: further typing searches the same index without loading again.
    fireEvent.change(screen.getByLabelText('Search services'), { target: { value: 'car park' } });
    await waitFor(() => expect(screen.getAllByTestId('service-row').map((r) => r.dataset.id)).toEqual(['real']));
    fireEvent.change(screen.getByLabelText('Search services'), { target: { value: '' } });
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(4));
    expect(calls).toBe(1);
  });

  it('a failed chunk load says so, and is retried on the next query', async () => {
    const loads = await listWithFailingFirstSearchLoad();
    fireEvent.change(screen.getByLabelText('Search services'), { target: { value: 'kinder' } });
    // not "loading" for good: the list says the search failed
    expect((await screen.findByTestId('search-failed')).textContent).toContain('Search could not run just now.');
    expect(loads()).toBe(1);
    fireEvent.change(screen.getByLabelText('Search services'), { target: { value: '' } });
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(4));
    expect(screen.queryByTestId('search-failed')).toBeNull();
    fireEvent.change(screen.getByLabelText('Search services'), { target: { value: 'kinder' } });
    await waitFor(() => expect(screen.getAllByTestId('service-row').map((r) => r.dataset.id)).toEqual(['near']));
    expect(loads()).toBe(2);
  });

  it('"Search again" after a failed build starts a fresh search and shows its results', async () => {
    const loads = await listWithFailingFirstSearchLoad();
    fireEvent.change(screen.getByLabelText('Search services'), { target: { value: 'car park' } });
    const failed = await screen.findByTestId('search-failed');
    expect(failed.getAttribute('role')).toBe('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Search again' }));
    await waitFor(() => expect(screen.getAllByTestId('service-row').map((r) => r.dataset.id)).toEqual(['real']));
    expect(screen.queryByTestId('search-failed')).toBeNull();
    expect(loads()).toBe(2);
  });
});

describe('service detail', () => {
  it('shows a real record with tel:, an external https booking link and navigation links', async () => {
    at('/service/real', <ServiceDetailPage />);
    expect((await screen.findByTestId('detail-name')).textContent).toBe('Real Car Park');
    expect(screen.getByTestId('call-link').getAttribute('href')).toBe('tel:076912345678');
    const book = screen.getByTestId('book-link');
    expect(book.getAttribute('href')).toBe('https://example.org/book');
    expect(book.getAttribute('rel')).toBe('noopener noreferrer');
    expect(book.textContent).toContain('external');
    expect(screen.getByTestId('nav-amap').getAttribute('href')).toContain('to=113.672,22.817,');
    await waitFor(async () => expect(await db.recents.get('real')).toBeTruthy());
  });

  it('sample records book through the hotline and the favourite star toggles in IndexedDB', async () => {
    at('/service/xss', <ServiceDetailPage />);
    expect((await screen.findByTestId('detail-name')).textContent).toBe('Clinic <img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('book-link').getAttribute('href')).toBe('tel:12345');
    const star = screen.getByTestId('favourite');
    await waitFor(() => expect(star.hasAttribute('disabled')).toBe(false));
    fireEvent.click(star);
    await waitFor(() => expect(star.getAttribute('aria-pressed')).toBe('true'));
    expect(await db.favourites.get('xss')).toBeTruthy();
  });

  it('names the record owner from the stored manifest with the update day, and "Report a problem" drafts an e-mail to them', async () => {
    await db.feedMeta.put({ id: 'meta', manifest: twoOwners });
    setFinderIndexForTests([...records, ...ownedRecords]);
    at('/service/owned-kg', <ServiceDetailPage />);
    const line = await screen.findByTestId('detail-source');
    await waitFor(() => expect(line.textContent).toBe('Source: Dongguan Education Bureau · updated 2026-12-01'));
    const report = screen.getByRole('link', { name: 'Report a problem' });
    const href = report.getAttribute('href')!;
    expect(href.startsWith('mailto:kg@edu.example.cn?subject=')).toBe(true);
    const draft = new URLSearchParams(href.split('?')[1]);
    expect(draft.get('subject')).toContain('Owned Kindergarten');
    expect(draft.get('subject')).toContain('owned-kg');
    expect(draft.get('body')).toContain('owned-kg');
    expect(report.hasAttribute('target')).toBe(false);
  });

  it('an owner without a contact: the report calls the city hotline 12345', async () => {
    await db.feedMeta.put({ id: 'meta', manifest: twoOwners });
    setFinderIndexForTests([...records, ...ownedRecords]);
    at('/service/owned-park', <ServiceDetailPage />);
    await waitFor(() => expect(screen.getByTestId('detail-source').textContent).toBe('Source: Car park company · updated 2026-12-02'));
    const report = screen.getByTestId('report-problem');
    expect(report.getAttribute('href')).toBe('tel:12345');
    expect(report.textContent).toContain('12345');
  });

  it('a sample record still says it is sample data', async () => {
    await db.feedMeta.put({ id: 'meta', manifest: twoOwners });
    setFinderIndexForTests([...records, ...ownedRecords]);
    at('/service/near', <ServiceDetailPage />);
    expect((await screen.findByTestId('detail-source')).textContent).toBe('Source: generated sample data · updated 2026-11-28');
    expect(screen.getByTestId('report-problem').getAttribute('href')).toBe('tel:12345');
  });

  it('unknown id: not-found message with a way back', async () => {
    setFinderIndexForTests(null);
    at('/service/nope', <ServiceDetailPage />);
    expect(await screen.findByTestId('service-not-found')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the list' }).getAttribute('href')).toBe('/');
  });
});
