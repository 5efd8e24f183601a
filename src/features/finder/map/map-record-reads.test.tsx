// @vitest-environment happy-dom
/**
 * The map reads full records only for what it draws (issue 26): a feed of many towns is stored in
 * IndexedDB as the sync stores it (full chunks + compact start-up rows), the finder's index loads it
 * the way the app does, and every chunk read (stored-read.ts) is counted while the map shows one
 * town at street zoom.
 */
import 'fake-indexeddb/auto';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DgNearbyDb } from '../../../data/db';
import type { ServiceRecord } from '../../../data/feed-schema';
import { buildStartupChunk } from '../../../data/startup-form';
import { TOWNS } from '../../../geo/towns';
import common from '../../../i18n/locales/en/common.json';
import map from '../../../i18n/locales/en/map.json';
import { readChunk } from '../../../data/stored-read';
import { setFinderIndexForTests } from '../index/finder-index-store';
import { resetFinderStateForTests, setPlace } from '../common/finder-store';
import MapPage from './map-page';
import { useFreshDb } from '../../../../tests/unit/fresh-db.ts';
import { initTestI18n } from '../../../../tests/unit/test-i18n.ts';

vi.mock('../../../data/stored-read', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../data/stored-read')>();
  return { ...original, readChunk: vi.fn(original.readChunk) };
});
const chunkReads = vi.mocked(readChunk);

// happy-dom has no layout: give the map container a size so Leaflet can compute a view.
for (const prop of ['clientWidth', 'clientHeight'] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('map-canvas') ? 600 : 0;
    },
  });
}

/** Every town of Dongguan with a label point: 8 services a town, about 1 km apart (single pins at zoom 14). */
const towns = TOWNS.filter((t) => t.label !== null);
function townServices(town: (typeof towns)[number]): ServiceRecord[] {
  const [lon, lat] = town.label!;
  return Array.from({ length: 8 }, (_, i) => ({
    id: `${town.code}-${i}`,
    category: (['kindergarten', 'clinic', 'parking', 'sports_venue'] as const)[i % 4]!,
    name: { zh: `服务${town.code}-${i}`, en: `Service ${town.code}-${i}` },
    town: town.code,
    lat: lat + (i % 3) * 0.009 - 0.009,
    lon: lon + Math.floor(i / 3) * 0.011 - 0.011,
    source: { kind: 'sample', reference: 'test', updated: '2026-11-28T00:00:00Z' },
    pinyin: { full: 'fu wu', initials: 'fw' },
  }));
}

async function storeFeed(db: DgNearbyDb): Promise<void> {
  const chunks = towns.map((town) => ({
    path: `services/${town.code}.json`,
    town: town.code,
    sha256: `sha-${town.code}`,
    records: townServices(town),
  }));
  await db.serviceChunks.bulkPut(chunks.map((c) => ({ ...c, version: 'v1' })));
  await db.startupChunks.bulkPut(chunks.map(buildStartupChunk));
  const summaries = Object.fromEntries(
    chunks.map((c) => [
      c.path,
      { path: c.path, town: c.town, sha256: c.sha256, count: c.records.length, skipped: 0, skipSamples: [], byCategory: {} },
    ]),
  );
  await db.feedMeta.put({ id: 'meta', version: 'v1', chunks: summaries });
}

useFreshDb('map-reads', storeFeed, { asAppDb: true, per: 'file' });
beforeAll(() => initTestI18n({ en: { common, map } }));
afterEach(() => {
  cleanup();
  setFinderIndexForTests(null);
  resetFinderStateForTests();
});

describe('the map and full records', () => {
  it('reads only the chunks of the pins it draws, never every town', async () => {
    expect(towns.length).toBeGreaterThan(30);
    const humen = towns.find((t) => t.code === '441900121')!;
    setPlace({ lat: humen.label![1], lon: humen.label![0], source: 'town', townCode: humen.code });
    chunkReads.mockClear();
    const { container } = render(<MapPage />);
    await waitFor(() => expect(screen(container).status).toContain(`Services matching the filters: ${towns.length * 8}`), {
      timeout: 5000,
    });
    // Pins appear once their names are read; wait until every drawn point has its pin.
    const pins = await waitFor(
      () => {
        const ids = [...container.querySelectorAll<HTMLElement>('.map-pin-icon')].map((el) => el.dataset.serviceId!);
        expect(ids.length).toBeGreaterThan(0);
        expect(container.querySelector('.map-drawn')?.textContent).toContain(`${ids.length} single places`);
        return ids;
      },
      { timeout: 5000 },
    );
    // Every drawn pin is named from its record.
    for (const el of container.querySelectorAll<HTMLElement>('.map-pin-icon')) expect(el.getAttribute('aria-label')).toMatch(/^Service /);
    const readPaths = new Set(chunkReads.mock.calls.map(([path]) => path));
    const drawnTowns = new Set(pins.map((id) => `services/${id.split('-')[0]}.json`));
    // Exactly the towns whose pins are on screen, each read once.
    expect([...readPaths].sort()).toEqual([...drawnTowns].sort());
    expect(chunkReads).toHaveBeenCalledTimes(readPaths.size);
    expect(readPaths.size).toBeLessThan(towns.length / 4);
  });
});

function screen(container: HTMLElement) {
  return { status: container.querySelector('.map-status')?.textContent ?? '' };
}
