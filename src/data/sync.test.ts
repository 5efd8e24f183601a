// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addFavourite,
  addRecent,
  listFavourites,
  listRecents,
  loadAllServices,
  removeFavourite,
} from './services-repository.ts';
import { onFeedChanged } from './feed-events.ts';
import { ensureFeedLoaded, getSyncStatus, startSync, subscribeSyncStatus, syncRuntime, throttledProgress } from './sync.ts';
import { TOWN_A, TOWN_B, buildFeed, makeRecord, mockServer } from '../../tests/unit/sync-feed-fixture.ts';
import { useFreshDb } from '../../tests/unit/fresh-db.ts';

useFreshDb('sync-page-test', () => {}, { asAppDb: true, per: 'file' });
const feedBase = () => new URL('/feed/', location.href).href;

/** Serves the fixture feed at <page origin>/feed/. */
function serve(files: Map<string, string>) {
  const server = mockServer(files);
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    return server.fetch(url.startsWith(feedBase()) ? `https://feed.example.test/feed/${url.slice(feedBase().length)}` : url, init);
  });
  return server;
}

beforeAll(() => {
  syncRuntime.useWorker = false;
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('start-up and the read API', () => {
  it('first run imports the embedded feed while reporting status; later runs check in the background', async () => {
    const server = serve(
      buildFeed({
        version: 'v1',
        chunks: [
          { town: TOWN_A.code, services: [0, 1, 2].map((i) => makeRecord(TOWN_A, i)) },
          { town: TOWN_B.code, services: [0, 1].map((i) => makeRecord(TOWN_B, i)) },
        ],
      }),
    );
    const seen: boolean[] = [];
    const unsub = subscribeSyncStatus(() => seen.push(getSyncStatus().firstRun));
    const changed: (string | null)[] = [];
    const off = onFeedChanged((v) => changed.push(v));

    const first = await ensureFeedLoaded();
    expect(first.firstRun).toBe(true);
    if (first.firstRun) expect(first.result.status).toBe('updated');
    expect(seen[0]).toBe(true); // the shell's first-run progress bar had something to show
    expect(getSyncStatus().running).toBe(false);
    expect(changed).toEqual(['v1']);
    expect(server.requests[0]).toBe('manifest.json');

    const all = await loadAllServices();
    expect(all).toHaveLength(5);
    expect(((await loadAllServices()).find((r) => r.id === 't-441900004-1'))?.town).toBe(TOWN_B.code);
    expect((await loadAllServices()).find((r) => r.id === 'nope')).toBeUndefined();

    const second = await ensureFeedLoaded();
    expect(second.firstRun).toBe(false);
    if (!second.firstRun) expect((await second.background).status).toBe('unchanged');
    expect(changed).toEqual(['v1']);

    // a new version: the change signal fires and the cached list is replaced
    server.files = buildFeed({ version: 'v2', chunks: [{ town: TOWN_A.code, services: [makeRecord(TOWN_A, 0)] }] });
    const r = await startSync({ feedUrl: feedBase() }).done;
    expect(r.status).toBe('updated');
    expect(changed).toEqual(['v1', 'v2']);
    expect(await loadAllServices()).toHaveLength(1);
    unsub();
    off();
  });

  it('a second start while a sync runs joins it instead of starting another', async () => {
    const a = startSync({ feedUrl: feedBase(), force: true });
    const b = startSync({ feedUrl: feedBase(), force: true });
    expect(b).toBe(a);
    await a.done;
  });

  it('lists favourites and recents newest first', async () => {
    await addFavourite('a', new Date('2026-01-01'));
    await addFavourite('b', new Date('2026-02-01'));
    await addFavourite('c', new Date('2026-01-15'));
    await removeFavourite('c');
    expect(await listFavourites()).toEqual(['b', 'a']);
    await addRecent('x', new Date('2026-03-01'));
    await addRecent('y', new Date('2026-03-02'));
    await addRecent('x', new Date('2026-03-03'));
    expect(await listRecents()).toEqual(['x', 'y']);
  });
});

describe('throttledProgress (what the progress bar is told)', () => {
  afterEach(() => vi.useRealTimers());

  it('passes each new phase at once and, within a phase, only the latest update per interval', () => {
    vi.useFakeTimers();
    const shown: string[] = [];
    const show = throttledProgress((p) => shown.push(`${p.phase} ${p.done}/${p.total}`));
    show({ phase: 'manifest', done: 0, total: 1 });
    show({ phase: 'chunks', done: 0, total: 35 });
    for (let done = 1; done <= 10; done++) show({ phase: 'chunks', done, total: 35 });
    expect(shown).toEqual(['manifest 0/1', 'chunks 0/35']);
    vi.advanceTimersByTime(250);
    expect(shown).toEqual(['manifest 0/1', 'chunks 0/35', 'chunks 10/35']);
    show({ phase: 'chunks', done: 11, total: 35 });
    show({ phase: 'write', done: 0, total: 1 }); // a new phase wins over the pending chunk update
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual(['manifest 0/1', 'chunks 0/35', 'chunks 10/35', 'write 0/1']);
  });
});
