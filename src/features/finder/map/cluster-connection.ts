/** Starts the cluster worker through the app's worker bridge; on the page when no worker can start. */
import { connectWorker, type WorkerConnection } from '../../../lib/worker-bridge';
import type { ClusterApi } from './cluster-worker-api';

export function connectClusterIndex(): WorkerConnection<ClusterApi> {
  return connectWorker<ClusterApi>(
    () => new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module' }),
    () => import('./cluster-worker-api').then((m) => m.createClusterApi()),
  );
}
