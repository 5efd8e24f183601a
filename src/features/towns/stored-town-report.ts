/**
 * The report for the feed in the device's store, cached per feed version in the settings table (the
 * coverage figures cost a few hundred milliseconds at 100k services; a feed version never changes).
 * Runs in the report worker (town-report.worker.ts, through the worker bridge); also on the page when no
 * worker starts, and directly in tests.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { loadAllServices, setSetting } from '../../data/services-repository';
import { getFeedMeta, getSetting, loadTownBoundaries } from '../../data/stored-read';
import { computeTownReport } from './town-measures';
import { toReportDocument, type TownReportDocument } from './town-report-document';
import { COVERAGE_CELL_METRES, COVERAGE_RADIUS_METRES } from './town-targets';

export const REPORT_CACHE_KEY = 'towns.report';
/** Bump when the measures change, so a cached report from an older app is recomputed. */
export const REPORT_FORMAT = 1;

interface CachedReport {
  version: string;
  format: number;
  document: TownReportDocument;
}

export type StoredReportResult = { status: 'ready'; document: TownReportDocument; cached: boolean } | { status: 'no-feed' };

export async function storedTownReport(): Promise<StoredReportResult> {
  const meta = await getFeedMeta();
  const manifest = meta?.manifest;
  if (!meta?.version || !manifest) return { status: 'no-feed' };
  const cached = await getSetting<CachedReport>(REPORT_CACHE_KEY);
  if (cached && cached.version === meta.version && cached.format === REPORT_FORMAT)
    return { status: 'ready', document: cached.document, cached: true };
  const [services, boundaries] = await Promise.all([loadAllServices(), loadTownBoundaries()]);
  const fc = (boundaries ?? { type: 'FeatureCollection', features: [] }) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
  const report = computeTownReport(services, fc, { cellMetres: COVERAGE_CELL_METRES, radiusMetres: COVERAGE_RADIUS_METRES });
  const document = toReportDocument(report, { version: meta.version, generatedAt: manifest.generatedAt, sample: manifest.sample });
  await setSetting(REPORT_CACHE_KEY, { version: meta.version, format: REPORT_FORMAT, document } satisfies CachedReport);
  return { status: 'ready', document, cached: false };
}

/** What the report worker answers: the report, or why it could not be made (the page shows the message). */
export type TownReportReply = StoredReportResult | { status: 'error'; message: string };

export interface TownReportApi {
  report(): Promise<TownReportReply>;
}

export function createTownReportApi(): TownReportApi {
  return {
    report: () =>
      storedTownReport().catch((err: unknown) => ({ status: 'error', message: err instanceof Error ? err.message : String(err) })),
  };
}
