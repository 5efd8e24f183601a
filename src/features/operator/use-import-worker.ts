/** The page's connection to the import worker (worker-bridge: the same API on the page when no worker starts). */
import { useEffect, useState } from 'react';
import { connectWorker, type WorkerConnection } from '../../lib/worker-bridge';
import type { ImportApi } from './import-api';

const makeWorker = () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'operator-import' });
const onPage = (): Promise<ImportApi> => import('./import-api').then((m) => m.createImportApi());

export function useImportWorker(): WorkerConnection<ImportApi> | null {
  const [connection, setConnection] = useState<WorkerConnection<ImportApi> | null>(null);
  useEffect(() => {
    const c = connectWorker<ImportApi>(makeWorker, onPage);
    setConnection(c);
    return () => c.terminate();
  }, []);
  return connection;
}
