/** Module worker holding the map's cluster index (supercluster), so building it never blocks the page. */
import { serveWorkerApi } from '../../../lib/worker-bridge';
import { createClusterApi } from './cluster-worker-api';

serveWorkerApi(createClusterApi());
