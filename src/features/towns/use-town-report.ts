/**
 * The town report for the stored feed, computed in a module worker (coverage is the costly part) and cached
 * per feed version by the worker. Recomputed when a new feed version lands. The page paints before it arrives.
 */
import { useEffect, useState } from 'react';
import { useFeedRevision } from '../../data/use-feed-revision';
import { connectWorker } from '../../lib/worker-bridge';
import type { TownReportDocument } from './town-report-document';
import type { TownReportApi, TownReportReply } from './stored-town-report';

export type TownReportState =
  { status: 'loading' } | { status: 'no-feed' } | { status: 'error'; message: string } | { status: 'ready'; document: TownReportDocument };

let last: { revision: number; state: TownReportState } | null = null;

const newReportWorker = (): Worker =>
  new Worker(new URL('./town-report.worker.ts', import.meta.url), { type: 'module', name: 'town-report' });
const reportOnPage = (): Promise<TownReportApi> => import('./stored-town-report').then((m) => m.createTownReportApi());

/**
 * One report from a worker of its own, through the worker bridge (the page computes it when no worker
 * starts). A worker that dies mid-way leaves it to the page as well; only a page that cannot load the
 * report code either gives an error reply.
 */
export async function townReportOffThread(
  makeWorker: (() => Worker) | null = typeof Worker === 'function' ? newReportWorker : null,
  onPage: () => Promise<TownReportApi> = reportOnPage,
): Promise<TownReportReply> {
  const connection = connectWorker<TownReportApi>(makeWorker, onPage);
  try {
    return await connection.api.report().catch(async () => (await onPage()).report());
  } catch (err) {
    return { status: 'error', message: err instanceof Error ? err.message : String(err) };
  } finally {
    connection.terminate();
  }
}

export function useTownReport(): TownReportState {
  const revision = useFeedRevision();
  const [state, setState] = useState<TownReportState>(() => (last?.revision === revision ? last.state : { status: 'loading' }));
  useEffect(() => {
    if (last?.revision === revision && last.state.status === 'ready') {
      setState(last.state);
      return;
    }
    let current = true;
    void townReportOffThread().then((reply) => {
      const next: TownReportState = reply.status === 'ready' ? { status: 'ready', document: reply.document } : reply;
      last = { revision, state: next };
      if (current) setState(next);
    });
    return () => {
      current = false;
    };
  }, [revision]);
  return state;
}
