/**
 * In-page half of the clustering bench (bundled by Vite, never into the app): the project's
 * supercluster index (src/features/finder/map/cluster-index.ts) vs Leaflet.markercluster (addLayers,
 * chunkedLoading) on a real Leaflet map in a 390×844 viewport; and "map ready" from IndexedDB: the map's
 * path (compact start-up form → cluster worker → records of the drawn pins only) against the path before it
 * (every full record read first). Driven by cluster-bench.ts via `window.bench`.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import type { ServiceRecord } from '../../../src/data/feed-schema.ts';
import { buildClusterIndex, type ClusterIndex, type BBox } from '../../../src/features/finder/map/cluster-index.ts';
import { connectClusterIndex } from '../../../src/features/finder/map/cluster-connection.ts';
import { packMatches, type ClusterPoints } from '../../../src/features/finder/map/cluster-worker-api.ts';
import { moving } from '../../../src/lib/worker-bridge.ts';
import { Dexie } from 'dexie';
import { CATEGORIES } from '../../../src/data/categories.ts';
import { DB_NAME } from '../../../src/data/store-exists.ts';
import { listStoredChunks, readChunk, readStartupRows } from '../../../src/data/stored-read.ts';
import type { StartupChunkRow } from '../../../src/data/startup-form.ts';
import { startSync } from '../../../src/data/sync.ts';
import { buildFromRecords, buildFromStartupRows } from '../../../src/features/finder/index/finder-index-build.ts';
import { createFilter, DEFAULT_FILTERS } from '../../../src/features/finder/common/service-filter.ts';

interface MarkerClusterGroup extends L.FeatureGroup {
  addLayers(layers: L.Layer[]): this;
}
type BenchLeaflet = typeof L & {
  markerClusterGroup(opts: {
    chunkedLoading: boolean;
    chunkProgress: (done: number, total: number, ms: number) => void;
  }): MarkerClusterGroup;
};

async function fetchRecords(feedUrl: string): Promise<ServiceRecord[]> {
  const manifest = (await (await fetch(new URL('manifest.json', feedUrl))).json()) as { chunks: { path: string }[] };
  const chunks = await Promise.all(
    manifest.chunks.map(async (c) => ((await (await fetch(new URL(c.path, feedUrl))).json()) as { services: ServiceRecord[] }).services),
  );
  return chunks.flat();
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

/** rAF deltas while the map is dragged by `steps` frames of (dx, dy) px, released every `release` frames. */
async function scriptedPan(map: L.Map, steps: number, release: number): Promise<number[]> {
  const deltas: number[] = [];
  let last = await nextFrame();
  const raw = map as unknown as { _rawPanBy(p: L.Point): void };
  for (let i = 1; i <= steps; i++) {
    // what L.Draggable does during a drag: move the pane, fire 'move'; 'moveend' on release
    const dir = Math.floor(i / release) % 2 === 0 ? 1 : -1;
    raw._rawPanBy(L.point(8 * dir, 5 * dir));
    map.fire('move');
    if (i % release === 0) map.fire('moveend');
    const t = await nextFrame();
    deltas.push(t - last);
    last = t;
  }
  return deltas;
}

async function idleFrames(n: number): Promise<number[]> {
  const deltas: number[] = [];
  let last = await nextFrame();
  for (let i = 0; i < n; i++) {
    const t = await nextFrame();
    deltas.push(t - last);
    last = t;
  }
  return deltas;
}

function newMap(): L.Map {
  const el = document.getElementById('map')!;
  return L.map(el, { maxZoom: 20, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, preferCanvas: false }).setView(
    [22.98, 113.75],
    13,
  );
}

/** Viewports: the same centres and zooms for both libraries. */
function viewports(n: number): { center: [number, number]; zoom: number }[] {
  let s = 7;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => ({
    center: [22.8 + rnd() * 0.3, 113.6 + rnd() * 0.5] as [number, number],
    zoom: 10 + (i % 8),
  }));
}

let records: ServiceRecord[] = [];

/** The map's view for "map ready": one town (central 莞城, the densest part of the feed) at street zoom on a 390×844 screen. */
const TOWN_VIEW = { center: [23.0461, 113.745] as [number, number], zoom: 15 };

/** The pre-issue-26 packing (kept here as the baseline): from full record objects. */
function packRecords(services: readonly ServiceRecord[]): ClusterPoints {
  const code = new Map(CATEGORIES.map((c, i) => [c, i]));
  const coords = new Float64Array(services.length * 2);
  const category = new Uint8Array(services.length);
  services.forEach((s, i) => {
    coords[2 * i] = s.lon;
    coords[2 * i + 1] = s.lat;
    category[i] = code.get(s.category)!;
  });
  return { coords, category };
}

/** Jumps to a neutral view, then times one jump to `v` including the synchronous redraw. */
async function timedSetView(map: L.Map, v: { center: L.LatLngExpression; zoom: number }): Promise<number> {
  map.setView([22.98, 113.75], 13, { animate: false });
  await nextFrame();
  const t0 = performance.now();
  map.setView(v.center, v.zoom, { animate: false });
  const ms = performance.now() - t0;
  await nextFrame();
  return ms;
}

/** The same scripted pan for both libraries, starting near the city centre at zoom 14. */
async function panFromCityCentre(map: L.Map, steps: number) {
  map.setView([23.02, 113.75], 14, { animate: false });
  await nextFrame();
  return scriptedPan(map, steps, 30);
}

const bench = {
  async load(feedUrl: string) {
    records = await fetchRecords(feedUrl);
    return records.length;
  },

  idleFrames,

  /**
   * The app's way (map-view.ts): pack the points, move them to the cluster worker, wait for its
   * answer. Reports the wall time to a ready index and the longest main-thread task meanwhile.
   */
  async workerLoad(runs: number) {
    // packed as the map packs its matches: from the compact form (every service matches here); built untimed
    const { compact } = buildFromRecords(records);
    const all = Uint32Array.from({ length: compact.size }, (_, i) => i);
    await new Promise((r) => setTimeout(r, 100)); // let the build's garbage go before the long-task observer starts
    const conn = connectClusterIndex();
    await conn.api.view([113, 22, 115, 24], 10); // handshake + worker start-up, untimed
    const loadMs: number[] = [];
    let longestTaskMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    for (let i = 0; i < runs; i++) {
      await nextFrame();
      const t0 = performance.now();
      const points = packMatches(compact, all);
      await conn.api.load(moving(points, [points.coords.buffer, points.category.buffer]));
      loadMs.push(performance.now() - t0);
    }
    await new Promise((r) => setTimeout(r, 50));
    for (const e of observer.takeRecords()) longestTaskMs = Math.max(longestTaskMs, e.duration);
    observer.disconnect();
    const mode = await conn.mode;
    conn.terminate();
    return { loadMs, longestTaskMs, mode };
  },

  async supercluster(opts: { loadRuns: number; views: number; panSteps: number }) {
    const loadMs: number[] = [];
    let index: ClusterIndex | null = null;
    for (let i = 0; i < opts.loadRuns; i++) {
      index = null;
      await nextFrame();
      const t0 = performance.now();
      index = buildClusterIndex(records);
      loadMs.push(performance.now() - t0);
    }
    const idx = index!;
    const map = newMap();
    const layer = L.layerGroup().addTo(map);
    // Redraw on moveend only (as a drag does): clusters as div icons, points as plain markers.
    const redraw = () => {
      const b = map.getBounds();
      const items = idx.query([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as BBox, map.getZoom());
      layer.clearLayers();
      for (const it of items) {
        layer.addLayer(
          it.kind === 'cluster'
            ? L.marker([it.lat, it.lon], { icon: L.divIcon({ html: String(it.count), className: 'bench-cluster', iconSize: [40, 40] }) })
            : L.marker([it.lat, it.lon]),
        );
      }
      return items.length;
    };
    map.on('moveend', redraw);
    redraw();
    // one untimed pass warms the JIT and lets the GC catch up with the freshly built index
    for (const v of viewports(opts.views)) {
      map.setView(v.center, v.zoom, { animate: false });
      await nextFrame();
    }
    const queryMs: number[] = [];
    const setViewMs: number[] = [];
    for (const v of viewports(opts.views)) {
      map.setView(v.center, v.zoom, { animate: false });
      const b = map.getBounds();
      const bbox: BBox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
      // pure index query, then the same viewport change with drawing (comparable with markercluster)
      for (let rep = 0; rep < 5; rep++) {
        const t0 = performance.now();
        idx.query(bbox, v.zoom);
        queryMs.push(performance.now() - t0);
      }
      setViewMs.push(await timedSetView(map, v));
    }
    const frames = await panFromCityCentre(map, opts.panSteps);
    map.remove();
    return { points: idx.size, loadMs, queryMs, setViewMs, frames };
  },

  async markercluster(opts: { views: number; panSteps: number }) {
    (globalThis as { L?: typeof L }).L = L;
    await import('leaflet.markercluster');
    const LL = L as BenchLeaflet;
    const map = newMap();
    await nextFrame();
    const t0 = performance.now();
    let chunks = 0;
    let longestChunkMs = 0;
    let lastProgress = t0;
    const done = new Promise<void>((resolve) => {
      const group = LL.markerClusterGroup({
        chunkedLoading: true,
        chunkProgress: (processed, total) => {
          // onAdd first calls addLayers([]) (0 of 0): only our 100k count
          if (total !== records.length) return;
          const t = performance.now();
          chunks++;
          longestChunkMs = Math.max(longestChunkMs, t - lastProgress);
          lastProgress = t;
          // the final chunk also draws the clusters after this callback: wait one task
          if (processed === total) setTimeout(resolve, 0);
        },
      });
      map.addLayer(group);
      group.addLayers(records.map((r) => L.marker([r.lat, r.lon])));
    });
    await done;
    const loadMs = performance.now() - t0;
    const setViewMs: number[] = [];
    for (const v of viewports(opts.views)) {
      map.setView(v.center, v.zoom, { animate: false });
      await nextFrame();
    }
    for (const v of viewports(opts.views)) {
      setViewMs.push(await timedSetView(map, v));
    }
    const frames = await panFromCityCentre(map, opts.panSteps);
    map.remove();
    return { points: records.length, loadMs, chunks, longestChunkMs, setViewMs, frames };
  },

  /** Stores the feed in IndexedDB with the app's sync (once, before the map-ready runs). */
  async storeFeed(feedUrl: string) {
    await Dexie.delete(DB_NAME);
    const result = await startSync({ feedUrl, force: true, firstRun: true }).done;
    if (result.status !== 'updated') throw new Error(`sync did not update: ${JSON.stringify(result)}`);
    return result.totalRecords;
  },

  async dropFeed() {
    await Dexie.delete(DB_NAME);
  },

  /**
   * Map ready from the store, no filters, the view on one town: the stored chunk list → compact start-up
   * rows → index → every match → cluster worker → the view's clusters and points → the names of the
   * points drawn. `compact`: the map's path (records read only for the drawn points); `full`: the path
   * before issue 26 (every full record read, then packed from the records). Chunk reads are counted
   * at the repository.
   */
  async mapReady(mode: 'compact' | 'full') {
    const conn = connectClusterIndex();
    await conn.api.view([113, 22, 115, 24], 10); // handshake + worker start-up, untimed
    const map = newMap();
    map.setView(TOWN_VIEW.center, TOWN_VIEW.zoom, { animate: false });
    const b = map.getBounds().pad(0.25); // as map-view.ts asks
    const bbox: BBox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    map.remove();
    await nextFrame();
    let chunksRead = 0;
    let recordsRead = 0;
    const countingRead = async (path: string) => {
      const row = await readChunk(path);
      chunksRead++;
      recordsRead += row?.records.length ?? 0;
      return row;
    };
    const t0 = performance.now();
    const chunks = (await listStoredChunks()) ?? [];
    const rows = (await readStartupRows(chunks.map((c) => c.path))) as StartupChunkRow[];
    const built = buildFromStartupRows(rows, countingRead);
    const index = { ...built, complete: true };
    const accept = createFilter(DEFAULT_FILTERS, built.compact.fields, new Map(), new Date(), () => true);
    /** Packed matches → the cluster worker → the view's items (points named by position in `points`). */
    const clusterAndView = async (points: ClusterPoints) => {
      const matchedMs = performance.now() - t0;
      await conn.api.load(moving(points, [points.coords.buffer, points.category.buffer]));
      const clusteredMs = performance.now() - t0;
      const items = await conn.api.view(bbox, TOWN_VIEW.zoom);
      const positions = items.flatMap((it) => (it.kind === 'point' ? [Number(it.id)] : []));
      return { matchedMs, clusteredMs, positions, clusters: items.length - positions.length };
    };
    let names: string[];
    let view: Awaited<ReturnType<typeof clusterAndView>>;
    if (mode === 'compact') {
      const numbers = built.query.allMatching(index, accept);
      view = await clusterAndView(packMatches(built.compact, numbers));
      const drawn = view.positions.map((p) => numbers[p]!);
      await built.records.load(drawn);
      names = drawn.map((n) => built.records.recordAt(n)!.name.zh);
    } else {
      const services = (await built.records.loadAll()).filter((_, i) => accept(i));
      view = await clusterAndView(packRecords(services));
      names = view.positions.map((p) => services[p]!.name.zh);
    }
    const { matchedMs, clusteredMs, clusters } = view;
    const ms = performance.now() - t0;
    conn.terminate();
    return {
      mode,
      ms,
      matchedMs,
      clusteredMs,
      chunks: chunks.length,
      chunksRead,
      recordsRead,
      services: built.compact.size,
      pins: names.length,
      clusters,
    };
  },
};

(globalThis as { bench?: typeof bench }).bench = bench;
document.title = 'bench ready';
