/** Module worker that runs the feed sync and the start-up form rebuild off the main thread (sync-api.ts). */
import { serveWorkerApi } from '../lib/worker-bridge.ts';
import { createSyncApi } from './sync-api.ts';

serveWorkerApi(createSyncApi());
