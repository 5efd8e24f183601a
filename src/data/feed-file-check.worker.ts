/** Module worker started by the sync worker: checks availability.json while the sync parses chunks (feed-file-check.ts). */
import { serveWorkerApi } from '../lib/worker-bridge.ts';
import { createFileCheckApi } from './feed-file-check.ts';

serveWorkerApi(createFileCheckApi());
