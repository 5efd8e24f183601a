/** Module worker: reads, measures, imports and zips an owner's file off the main thread (read-table-api.ts). */
import { serveWorkerApi } from '../../lib/worker-bridge';
import { createImportApi } from './import-api';

serveWorkerApi(createImportApi());
