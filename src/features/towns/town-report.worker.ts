/** Module worker: computes (or reads the cached) town report off the main thread (stored-town-report.ts). */
import { serveWorkerApi } from '../../lib/worker-bridge';
import { createTownReportApi } from './stored-town-report';

serveWorkerApi(createTownReportApi());
