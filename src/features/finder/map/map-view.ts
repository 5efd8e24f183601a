/**
 * The imperative Leaflet side of the map. React owns the panels around it; this class owns the
 * Leaflet objects and draws only what the viewport needs (clusters from the supercluster index).
 * The cluster index is fed from the compact start-up form (place and category of every match); a full
 * record (for a pin's name) is read only for the pins drawn as single points, one town chunk at a time.
 * All coordinates that enter or leave this class are stored WGS-84; conversion to the tile
 * layer's datum happens here, at render time.
 */
import * as L from 'leaflet';
import type { ServiceRecord } from '../../../data/feed-schema';
import type { Category } from '../../../data/categories';
import type { TownBoundaries } from '../../../geo/town-of-point';
import type { FinderIndex } from '../index/finder-index-types';
import { moving, type WorkerConnection } from '../../../lib/worker-bridge';
import { CLUSTER_MAX_ZOOM, MAP_MAX_ZOOM, type MapCluster } from './cluster-index';
import { connectClusterIndex } from './cluster-connection';
import { packMatches, type ClusterApi, type ViewItem } from './cluster-worker-api';
import { matchedNumber, type MapMatches } from './use-matching-services';
import { fromDisplay, geometryToDisplay, toDisplay, type TileProvider } from './display-datum';
import { ONLINE_PROVIDERS } from './tile-providers';

/** Dongguan's extent (WGS-84), for the first view and to keep panning near the city. */
export const DONGGUAN_BOUNDS: [[number, number], [number, number]] = [
  [22.64, 113.49],
  [23.16, 114.27],
];

export interface MapViewText {
  /** Accessible name of a single pin, e.g. "虎门幼儿园, 幼儿园". */
  pinLabel(name: string, category: Category): string;
  /** Short visible category text inside a pin (one glyph). */
  categoryShort(category: Category): string;
  /** Accessible name of a cluster. */
  clusterLabel(count: number, coLocated: boolean): string;
  tappedPlace: string;
  yourPlace: string;
  zoomIn: string;
  zoomOut: string;
  townLabel(code: string, fallback: { zh?: string; en?: string }): string;
  townLabelPoint(code: string): [lon: number, lat: number] | null;
  serviceName(service: ServiceRecord): string;
}

export interface MapViewEvents {
  selectService(id: string): void;
  openCoLocated(ids: string[]): void;
  tap(lat: number, lon: number): void;
  /** After every redraw: how many clusters and pins are drawn (for the status line and tests). */
  rendered(info: { clusters: number; pins: number }): void;
}

const POLYGON_FILLS = ['#f7f3e8', '#eef4ea', '#eaf1f6', '#f5ecef'];

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text; // text only: names come from the feed
  return node;
}

export class MapView {
  private readonly map: L.Map;
  private readonly boundaryLayer = L.layerGroup();
  private readonly labelLayer = L.layerGroup();
  private readonly markerLayer = L.layerGroup();
  private readonly overlayLayer = L.layerGroup();
  private tileLayers: L.TileLayer[] = [];
  private markers = new Map<string, L.Marker>();
  /** The cluster index lives in a worker: every query is a message, answered in order. */
  private readonly clusters: WorkerConnection<ClusterApi> = connectClusterIndex();
  /** Bumped by every setMatches: a view answered for older matches is dropped. */
  private loadSeq = 0;
  private renderSeq = 0;
  /** The matches the worker's index was built from (its answers name them by position in `numbers`). */
  private clustered: MapMatches | null = null;
  /** The latest matches (selection and panning use them before the worker has answered). */
  private matches: MapMatches | null = null;
  private boundaries: TownBoundaries | null = null;
  private provider: TileProvider = 'offline';
  private selectedId: string | null = null;
  private selectedMarker: L.Marker | null = null;
  private placeMarker: L.Marker | null = null;
  private place: { lat: number; lon: number } | null = null;
  private tapped: { lat: number; lon: number } | null = null;
  private frame = 0;
  private zoomControl: L.Control.Zoom;
  /** Elder mode: larger pins and clusters (set by the page from the display-preferences store). */
  private elder = false;

  constructor(
    container: HTMLElement,
    private text: MapViewText,
    private readonly events: MapViewEvents,
    start: { lat: number; lon: number } | null,
  ) {
    this.map = L.map(container, {
      // Our own attribution line is rendered by React as text (no HTML strings).
      attributionControl: false,
      zoomControl: false, // added below with translated labels
      keyboard: true,
      maxZoom: MAP_MAX_ZOOM,
      minZoom: 8,
      maxBounds: L.latLngBounds(DONGGUAN_BOUNDS).pad(0.6),
      worldCopyJump: false,
      // Dongguan is small: quarter steps let the whole city fill a phone screen.
      zoomSnap: 0.25,
    });
    this.zoomControl = L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(this.map);
    this.map.createPane('townLabels').style.zIndex = '450';
    this.boundaryLayer.addTo(this.map);
    this.labelLayer.addTo(this.map);
    this.markerLayer.addTo(this.map);
    this.overlayLayer.addTo(this.map);
    if (start) this.map.setView(toDisplay(start.lat, start.lon, this.provider), 14);
    else this.map.fitBounds(DONGGUAN_BOUNDS);

    this.map.on('moveend zoomend', () => this.scheduleRender());
    this.map.on('zoomend', () => this.updateZoomClass());
    this.map.on('click', (e: L.LeafletMouseEvent) => {
      const [lat, lon] = fromDisplay(e.latlng.lat, e.latlng.lng, this.provider);
      this.events.tap(lat, lon);
    });
    this.updateZoomClass();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.renderSeq++;
    this.clusters.terminate();
    this.map.remove();
  }

  /** The map container's size may change with the layout (elder mode, rotation). */
  invalidateSize(): void {
    this.map.invalidateSize();
  }

  /** Elder mode on or off: every pin and cluster is drawn again at its size. */
  setElder(on: boolean): void {
    if (on === this.elder) return;
    this.elder = on;
    this.map.invalidateSize();
    this.clearMarkers();
    this.drawSelected();
    this.scheduleRender();
  }

  setText(text: MapViewText): void {
    this.text = text;
    this.zoomControl.remove();
    this.zoomControl = L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(this.map);
    this.drawBoundaries();
    this.clearMarkers();
    this.drawOverlays();
    this.scheduleRender();
  }

  setMatches(matches: MapMatches | null): void {
    if (matches === this.matches) return;
    const seq = ++this.loadSeq;
    // Known at once, so selecting (and panning to) a service does not wait for the clusters.
    this.matches = matches;
    this.drawSelected();
    const points = packMatches(matches?.index.compact ?? null, matches?.numbers ?? new Uint32Array(0));
    void this.clusters.api.load(moving(points, [points.coords.buffer, points.category.buffer])).then(() => {
      if (seq !== this.loadSeq) return;
      this.clustered = matches;
      // Cluster ids belong to one index: markers of the previous one must go.
      this.clearMarkers();
      this.scheduleRender();
    });
  }

  setBoundaries(boundaries: TownBoundaries | null): void {
    this.boundaries = boundaries;
    this.drawBoundaries();
  }

  setProvider(provider: TileProvider, tiandituKey: string): void {
    const datumChanged = (provider === 'amap') !== (this.provider === 'amap');
    const centre = this.centre();
    for (const layer of this.tileLayers) layer.remove();
    this.tileLayers = [];
    this.provider = provider;
    if (provider !== 'offline') {
      const spec = ONLINE_PROVIDERS[provider];
      this.tileLayers = spec.layers.map((layer) =>
        L.tileLayer(layer.url, {
          subdomains: layer.subdomains || 'abc',
          maxNativeZoom: spec.maxNativeZoom,
          maxZoom: MAP_MAX_ZOOM,
          ...(spec.cors ? { crossOrigin: true } : {}),
          tk: tiandituKey.trim(),
        } as L.TileLayerOptions),
      );
      for (const layer of this.tileLayers) layer.addTo(this.map);
    }
    this.map.getContainer().classList.toggle('has-tiles', provider !== 'offline');
    this.drawBoundaries();
    this.clearMarkers();
    this.drawOverlays();
    // Keep the same real-world place under the centre when the datum changes.
    if (datumChanged) this.map.setView(toDisplay(centre.lat, centre.lon, provider), this.map.getZoom(), { animate: false });
    this.scheduleRender();
  }

  /** Highlight a service; `pan` moves the map to it (the list picked it). Returns true if it panned. */
  setSelected(id: string | null, pan: boolean): boolean {
    this.selectedId = id;
    this.drawSelected();
    const n = this.selectedNumber();
    if (n !== undefined && pan) {
      const { lat, lon } = this.matches!.index.compact;
      this.map.setView(toDisplay(lat[n]!, lon[n]!, this.provider), Math.max(this.map.getZoom(), 15));
    }
    this.scheduleRender();
    return n !== undefined && pan;
  }

  /** The selected service's number when it is one of the latest matches. */
  private selectedNumber(): number | undefined {
    return this.selectedId && this.matches ? matchedNumber(this.matches, this.selectedId) : undefined;
  }

  setPlace(place: { lat: number; lon: number } | null, pan: boolean): void {
    this.place = place;
    this.drawOverlays();
    if (place && pan) this.map.setView(toDisplay(place.lat, place.lon, this.provider), Math.max(this.map.getZoom(), 14));
  }

  setTapped(point: { lat: number; lon: number } | null): void {
    this.tapped = point;
    this.drawOverlays();
  }

  /** The centre of the view in WGS-84 (for "use the map centre" without a pointer). */
  centre(): { lat: number; lon: number } {
    const c = this.map.getCenter();
    const [lat, lon] = fromDisplay(c.lat, c.lng, this.provider);
    return { lat, lon };
  }

  zoomTo(lat: number, lon: number, zoom: number): void {
    this.map.setView(toDisplay(lat, lon, this.provider), zoom);
  }

  private updateZoomClass(): void {
    const c = this.map.getContainer();
    const z = this.map.getZoom();
    c.classList.toggle('zoom-far', z < 10);
    c.classList.toggle('zoom-near', z >= 13);
    c.dataset.zoom = String(z); // read by the e2e test and handy when debugging
  }

  private drawBoundaries(): void {
    this.boundaryLayer.clearLayers();
    this.labelLayer.clearLayers();
    const b = this.boundaries;
    if (!b) return;
    const tiles = this.provider !== 'offline';
    b.features.forEach((f, i) => {
      if (!f.geometry) return;
      const shown = { ...f, geometry: geometryToDisplay(f.geometry, this.provider) };
      L.geoJSON(shown, {
        interactive: false,
        style: {
          color: tiles ? '#0b6e6e' : '#7a8a8a',
          weight: tiles ? 1.5 : 1,
          fillColor: POLYGON_FILLS[i % POLYGON_FILLS.length],
          fillOpacity: tiles ? 0 : 1,
        },
      }).addTo(this.boundaryLayer);
      // Tile layers carry their own place names; the offline map needs ours.
      if (tiles) return;
      const code = f.properties?.code ?? '';
      const point = this.text.townLabelPoint(code) ?? bboxCentre(f.geometry);
      const label = this.text.townLabel(code, { zh: f.properties?.zh, en: f.properties?.en });
      L.marker(toDisplay(point[1], point[0], this.provider), {
        icon: L.divIcon({ className: 'map-town-label', html: el('span', 'map-town-label-text', label), iconSize: undefined }),
        interactive: false,
        keyboard: false,
        pane: 'townLabels',
      }).addTo(this.labelLayer);
    });
  }

  private drawOverlays(): void {
    this.overlayLayer.clearLayers();
    this.placeMarker = null;
    if (this.place) {
      this.placeMarker = L.marker(toDisplay(this.place.lat, this.place.lon, this.provider), {
        icon: L.divIcon({ className: 'map-place', html: el('span', 'map-place-dot'), iconSize: [22, 22] }),
        interactive: false,
        keyboard: false,
        title: this.text.yourPlace,
        zIndexOffset: 500,
      }).addTo(this.overlayLayer);
      this.placeMarker.getElement()?.setAttribute('aria-label', this.text.yourPlace);
    }
    if (this.tapped) {
      L.marker(toDisplay(this.tapped.lat, this.tapped.lon, this.provider), {
        icon: L.divIcon({ className: 'map-tapped', html: el('span', 'map-tapped-dot'), iconSize: [18, 18] }),
        interactive: false,
        keyboard: false,
        title: this.text.tappedPlace,
      }).addTo(this.overlayLayer);
    }
  }

  private drawSelected(): void {
    this.selectedMarker?.remove();
    this.selectedMarker = null;
    const n = this.selectedNumber();
    if (n === undefined) return;
    const { index } = this.matches!;
    const record = index.records.recordAt(n);
    if (!record) {
      // Its town chunk is read first (the pin is named after the service); then drawn if still selected.
      const [id, matches] = [this.selectedId, this.matches];
      index.records.load([n]).then(
        () => id === this.selectedId && matches === this.matches && this.drawSelected(),
        () => {}, // the index is rebuilt when the stored feed changes
      );
      return;
    }
    // Drawn on top even when its point sits inside a cluster, so list and map stay in step.
    this.selectedMarker = this.pinMarker(index, n, record, true).addTo(this.overlayLayer);
    this.markers.get(`p:${record.id}`)?.remove();
    this.markers.delete(`p:${record.id}`);
  }

  private clearMarkers(): void {
    this.markerLayer.clearLayers();
    this.markers.clear();
  }

  private scheduleRender(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.render());
  }

  /** Query the index for the viewport and diff the markers, so a focused pin keeps its focus. */
  private render(): void {
    const b = this.map.getBounds().pad(0.25);
    const [s, w] = fromDisplay(b.getSouth(), b.getWest(), this.provider);
    const [n, e] = fromDisplay(b.getNorth(), b.getEast(), this.provider);
    const seq = ++this.renderSeq;
    const loadSeq = this.loadSeq;
    void this.clusters.api.view([w, s, e, n], this.map.getZoom()).then((items) => {
      // A newer redraw or newer matches superseded this answer.
      if (seq === this.renderSeq && loadSeq === this.loadSeq && this.clustered) this.applyView(items, this.clustered);
    });
  }

  /**
   * Draws the answer: clusters at once; a single point once its record is in (read for the drawn
   * points only, then one more redraw). Points and co-located lists come as positions in `numbers`.
   */
  private applyView(items: ViewItem[], { index, numbers }: MapMatches): void {
    const keep = new Set<string>();
    const unread: number[] = [];
    let clusters = 0;
    let pins = 0;
    for (const item of items) {
      const n = item.kind === 'point' ? numbers[Number(item.id)]! : -1;
      const id = item.kind === 'point' ? index.compact.ids[n]! : '';
      if (item.kind === 'point' && id === this.selectedId) {
        pins++;
        continue;
      }
      const key = item.kind === 'point' ? `p:${id}` : `c:${item.clusterId}`;
      keep.add(key);
      if (item.kind === 'cluster') clusters++;
      else pins++;
      if (this.markers.has(key)) continue;
      let marker: L.Marker;
      if (item.kind === 'cluster') {
        const coLocated = 'coLocated' in item && item.coLocated ? item.coLocated.map((p) => index.compact.ids[numbers[Number(p)]!]!) : null;
        marker = this.clusterMarker(item, coLocated);
      } else {
        const record = index.records.recordAt(n);
        if (!record) {
          unread.push(n);
          continue;
        }
        marker = this.pinMarker(index, n, record, false);
      }
      marker.addTo(this.markerLayer);
      this.markers.set(key, marker);
    }
    for (const [key, marker] of this.markers) {
      if (!keep.has(key)) {
        marker.remove();
        this.markers.delete(key);
      }
    }
    this.events.rendered({ clusters, pins });
    if (unread.length > 0) {
      const loadSeq = this.loadSeq;
      index.records.load(unread).then(
        () => loadSeq === this.loadSeq && this.scheduleRender(),
        () => {}, // the index is rebuilt when the stored feed changes
      );
    }
  }

  /** A single service's pin: place and category from the compact form, the name from its record. */
  private pinMarker(index: FinderIndex, n: number, record: ServiceRecord, selected: boolean): L.Marker {
    const category = index.compact.categoryOf(n);
    const name = this.text.serviceName(record);
    const label = this.text.pinLabel(name, category);
    const size = this.elder ? 60 : 44; // the whole icon is the touch target
    const html = el('span', `map-pin map-pin-${category}`);
    html.append(el('span', 'map-pin-glyph', this.text.categoryShort(category)));
    const marker = L.marker(toDisplay(index.compact.lat[n]!, index.compact.lon[n]!, this.provider), {
      icon: L.divIcon({
        className: `map-pin-icon${selected ? ' is-selected' : ''}`,
        html,
        iconSize: [size, size],
        iconAnchor: [size / 2, size / 2],
      }),
      keyboard: true,
      title: name,
      alt: name,
      riseOnHover: true,
      zIndexOffset: selected ? 1000 : 0,
    });
    const activate = () => this.events.selectService(record.id);
    marker.on('click', activate);
    // Leaflet turns Enter on a focused marker into `keypress` (not `click`).
    marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
      if (e.originalEvent.key === 'Enter' || e.originalEvent.key === ' ') activate();
    });
    marker.on('add', () => {
      const node = marker.getElement();
      node?.setAttribute('aria-label', label);
      node?.setAttribute('data-service-id', record.id);
      if (selected) node?.setAttribute('aria-pressed', 'true');
    });
    return marker;
  }

  /** `coLocatedIds`: the services' ids when the cluster is one place (the worker checks small clusters only). */
  private clusterMarker(c: MapCluster, coLocatedIds: string[] | null): L.Marker {
    const base = this.elder ? 60 : 44;
    const size = Math.round(base + Math.min(16, Math.log10(c.count) * 8));
    const html = el('span', `map-cluster${coLocatedIds ? ' is-colocated' : ''}`);
    html.append(el('span', 'map-cluster-count', String(c.count)));
    const dominant = dominantCategory(c.counts);
    if (dominant) html.classList.add(`map-cluster-${dominant}`);
    const marker = L.marker(toDisplay(c.lat, c.lon, this.provider), {
      icon: L.divIcon({ className: 'map-cluster-icon', html, iconSize: [size, size], iconAnchor: [size / 2, size / 2] }),
      keyboard: true,
      title: this.text.clusterLabel(c.count, coLocatedIds !== null),
      zIndexOffset: 100,
    });
    const activate = () => {
      if (coLocatedIds) {
        this.events.openCoLocated(coLocatedIds);
        return;
      }
      const loadSeq = this.loadSeq;
      void this.clusters.api.expansionZoom(c.clusterId).then((expansion) => {
        if (loadSeq !== this.loadSeq) return;
        this.map.setView(toDisplay(c.lat, c.lon, this.provider), Math.min(expansion, CLUSTER_MAX_ZOOM + 1));
      });
    };
    marker.on('click', activate);
    marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
      if (e.originalEvent.key === 'Enter' || e.originalEvent.key === ' ') activate();
    });
    marker.on('add', () => {
      const node = marker.getElement();
      node?.setAttribute('aria-label', this.text.clusterLabel(c.count, coLocatedIds !== null));
      node?.setAttribute('data-cluster-count', String(c.count));
    });
    return marker;
  }
}

function dominantCategory(counts: Partial<Record<Category, number>>): Category | null {
  let best: Category | null = null;
  let bestN = 0;
  let total = 0;
  for (const [k, n] of Object.entries(counts) as [Category, number][]) {
    total += n;
    if (n > bestN) [best, bestN] = [k, n];
  }
  // Colour a cluster by category only when one category is clearly most of it.
  return best && bestN / total >= 0.6 ? best : null;
}

function bboxCentre(g: { type: string; coordinates: unknown }): [number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const visit = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number') {
      const [x, y] = v as [number, number];
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    } else if (Array.isArray(v)) v.forEach(visit);
  };
  visit(g.coordinates);
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}
