// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DgNearbyDb } from '../../data/db.ts';
import { syncRuntime } from '../../data/sync.ts';
import enCommon from '../../i18n/locales/en/common.json';
import enData from '../../i18n/locales/en/data.json';
import DataStatusPanel from './data-status-panel.tsx';
import { progressPercent } from './sync-progress-bar.tsx';
import { useFreshDb } from '../../../tests/unit/fresh-db.ts';
import { initTestI18n } from '../../../tests/unit/test-i18n.ts';

beforeAll(async () => {
  syncRuntime.useWorker = false;
  await initTestI18n({ en: { common: enCommon, data: enData } });
});
let db: DgNearbyDb;
useFreshDb(
  'panel-test',
  async (opened) => {
    db = opened;
    await db.feedMeta.put({
      id: 'meta',
      version: '2026.11.28-1',
      feedUrl: 'http://localhost:3000/feed/',
      lastSync: '2026-11-28T01:00:00.000Z',
      lastUpdated: '2026-11-28T01:00:00.000Z',
      totalRecords: 7,
      skipped: 2,
      skipSamples: ['services/441900003.json: bad-1: $.lat: expected number', 'services/441900003.json: bad-2: duplicate id'],
      chunks: {
        'services/441900003.json': {
          path: 'services/441900003.json',
          town: '441900003',
          sha256: 'a'.repeat(64),
          count: 7,
          skipped: 2,
          skipSamples: [],
          byCategory: { kindergarten: 4, parking: 3 },
        },
      },
      manifest: {
        version: '2026.11.28-1',
        generatedAt: '2026-11-28T00:00:00.000Z',
        sample: true,
        chunks: [],
        sources: [
          {
            name: { zh: '东莞镇街边界', en: 'Dongguan town boundaries' },
            licence: 'ODbL-1.0',
            attribution: '© OpenStreetMap contributors',
            url: 'https://www.openstreetmap.org/copyright',
          },
          { name: { zh: '坏链接', en: 'Bad link' }, licence: 'CC0', attribution: 'x', url: 'javascript:alert(1)' },
        ],
      },
    });
  },
  { asAppDb: true, per: 'file' },
);
afterEach(cleanup);

describe('DataStatusPanel', () => {
  it('shows version, sample flag, counts per category, skipped records and sources', async () => {
    render(<DataStatusPanel />);
    expect(await screen.findByTestId('feed-version')).toHaveProperty('textContent', '2026.11.28-1');
    expect(screen.getByText('Sample data')).toBeTruthy();
    // Every category, in order, with exactly its count: a stray digit elsewhere in a row cannot pass.
    const rows = within(screen.getByTestId('category-counts'))
      .getAllByRole('row')
      .slice(1)
      .map((row) => [within(row).getByRole('rowheader').textContent, within(row).getByRole('cell').textContent]);
    expect(rows).toEqual([
      ['Kindergartens', '4'],
      ['Clinics & health centres', '0'],
      ['Nurseries (0–3)', '0'],
      ['Elderly day care', '0'],
      ['Sports venues', '0'],
      ['Car parks', '3'],
    ]);
    expect(screen.getByTestId('total-records').textContent).toBe('Services on this device: 7');
    expect(screen.getByTestId('skipped-count').textContent).toBe('Records skipped because they were invalid: 2');
    expect(screen.getByText(/bad-2: duplicate id/)).toBeTruthy();
    const sources = screen.getByTestId('sources');
    expect(within(sources).getByRole('link', { name: 'Dongguan town boundaries' }).getAttribute('href')).toBe(
      'https://www.openstreetmap.org/copyright',
    );
    expect(sources.textContent).toContain('ODbL-1.0');
    // a javascript: URL from a feed is never made a link
    expect(within(sources).queryByRole('link', { name: 'Bad link' })).toBeNull();
  });

  it('rejects a non-http feed URL with a message and stores a valid one', async () => {
    render(<DataStatusPanel />);
    const input = await screen.findByLabelText('Feed URL');
    fireEvent.change(input, { target: { value: 'javascript:alert(1)' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save address' })));
    expect(screen.getByRole('alert').textContent).toMatch(/Only https:\/\/ addresses are allowed/);
    expect(await db.settings.get('feedUrl')).toBeUndefined();

    fireEvent.change(input, { target: { value: 'https://data.example.org/dg' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save address' })));
    expect((await db.settings.get('feedUrl'))?.value).toBe('https://data.example.org/dg/');
    expect(await screen.findByText('Address saved.')).toBeTruthy();

    // plain http only for this machine (issue 23)
    fireEvent.change(input, { target: { value: 'http://192.168.1.20/feed/' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save address' })));
    expect(screen.getByRole('alert').textContent).toMatch(/Only https:\/\/ addresses are allowed/);
    expect((await db.settings.get('feedUrl'))?.value).toBe('https://data.example.org/dg/');
  });

  it('says "unsigned sample data" for a build without keys, and asks before an unofficial address is used', async () => {
    render(<DataStatusPanel />);
    expect((await screen.findByTestId('feed-trust')).textContent).toBe('Unsigned sample data');
    cleanup();
    const unofficial = {
      url: 'https://feeds.example.net/dg/',
      host: 'feeds.example.net',
      publisher: { zh: '某公司', en: 'Some Company' },
      keyId: '0123456789abcdef',
    };
    await db.feedMeta.update('meta', { lastError: { code: 'untrusted-source', message: 'x', at: '2026-11-28T02:00:00.000Z', unofficial } });
    render(<DataStatusPanel />);
    const confirm = await screen.findByTestId('unofficial-confirm');
    expect(confirm.textContent).toContain('This is not an official data source. Its phone numbers and links may not be trustworthy.');
    expect(within(confirm).getByTestId('confirm-host').textContent).toBe('Website: feeds.example.net');
    expect(within(confirm).getByTestId('confirm-publisher').textContent).toBe('Says it is published by: Some Company');
    expect(within(confirm).getByTestId('confirm-key').textContent).toBe('Key fingerprint: 0123456789abcdef');
    await db.feedMeta.update('meta', { lastError: undefined });
  });
});

describe('progressPercent', () => {
  it('moves monotonically through the phases', () => {
    const steps = [
      progressPercent({ phase: 'manifest', done: 0, total: 1 }),
      progressPercent({ phase: 'chunks', done: 0, total: 4 }),
      progressPercent({ phase: 'chunks', done: 2, total: 4 }),
      progressPercent({ phase: 'chunks', done: 4, total: 4 }),
      progressPercent({ phase: 'write', done: 0, total: 1 }),
      progressPercent({ phase: 'done', done: 1, total: 1 }),
    ];
    expect(steps).toEqual([0, 5, 45, 85, 90, 100]);
  });
});
