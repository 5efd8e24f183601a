/**
 * The budget-phone bench's baseline (issue 26): what a plain page would do with the same data — React,
 * Leaflet, Dexie and i18next in ONE bundle, the sample services fetched as one JSON file, stored in
 * IndexedDB, and the nearest 50 to the city centre listed with a call link, a small map below the list.
 * Built by tests/bench/budget-phone-bench.ts into its own folder; never part of the app.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import Dexie, { type EntityTable } from 'dexie';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { ServiceRecord } from '../../../src/data/feed-schema.ts';
import { distanceMetres } from '../../../src/geo/distance.ts';

/** 莞城街道's centre: the page has no location, as on a first visit with location refused. */
const CENTRE = { lat: 23.0415, lon: 113.7523 };

void i18next.use(initReactI18next).init({
  lng: 'zh-Hans',
  resources: {
    'zh-Hans': { translation: { title: '附近的公共服务', loading: '正在加载…', call: '拨打电话', km: '{{d}} 公里' } },
  },
  interpolation: { escapeValue: false },
});

const db = new Dexie('plain-page') as Dexie & { services: EntityTable<ServiceRecord, 'id'> };
db.version(1).stores({ services: 'id, category, town' });

type Row = ServiceRecord & { distance: number };

function nearest(records: ServiceRecord[], n: number): Row[] {
  return records
    .map((r) => ({ ...r, distance: distanceMetres(CENTRE.lat, CENTRE.lon, r.lat, r.lon) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, n);
}

function NearestMap({ rows }: { rows: Row[] }) {
  useEffect(() => {
    const map = L.map('plain-map', { zoomControl: false }).setView([CENTRE.lat, CENTRE.lon], 14);
    for (const r of rows) L.circleMarker([r.lat, r.lon], { radius: 6 }).bindTooltip(r.name.zh).addTo(map);
    return () => void map.remove();
  }, [rows]);
  return <div id="plain-map" style={{ height: 300 }} />;
}

function App() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    void (async () => {
      const stored = await db.services.toArray();
      const records = stored.length ? stored : ((await (await fetch('./services.json')).json()) as ServiceRecord[]);
      setRows(nearest(records, 50));
      if (!stored.length) await db.services.bulkPut(records);
    })();
  }, []);
  return (
    <main style={{ fontFamily: 'sans-serif', padding: 12 }}>
      <h1 style={{ fontSize: 22 }}>{t('title')}</h1>
      {!rows ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <ol style={{ paddingLeft: 20 }}>
            {rows.map((r) => (
              <li key={r.id} style={{ padding: '8px 0', borderBottom: '1px solid #ddd' }}>
                <strong>{r.name.zh}</strong> · {t('km', { d: (r.distance / 1000).toFixed(1) })}
                <br />
                {r.address?.zh}
                {r.phone ? (
                  <>
                    {' '}
                    <a href={`tel:${r.phone}`}>{t('call')}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
          <NearestMap rows={rows} />
        </>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
