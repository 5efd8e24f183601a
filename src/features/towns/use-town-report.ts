/**
 * The town report for the stored feed, computed in a module worker (coverage is the costly part) and cached
 * per feed version by the worker. Recomputed when a new feed version lands. The page paints before it arrives.
 */
import { useEffect, useState } from 'react';
import { useFeedRevision } from '../../data/use-feed-meta';
import type { TownReportDocument } from './town-report-document';
import type { TownReportReply } from './town-report.worker';

export type TownReportState =
  { status: 'loading' } | { status: 'no-feed' } | { status: 'error'; message: string } | { status: 'ready'; document: TownReportDocument };

let last: { revision: number; state: TownReportState } | null = null;

async function computeHere(): Promise<TownReportReply> {
  try {
    const { storedTownReport } = await import('./stored-town-report');
    return await storedTownReport();
  } catch (err) {
    return { status: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

function computeInWorker(): Promise<TownReportReply> {
  if (typeof Worker === 'undefined') return computeHere();
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./town-report.worker.ts', import.meta.url), { type: 'module', name: 'town-report' });
    } catch {
      resolve(computeHere());
      return;
    }
    worker.addEventListener('message', (e: MessageEvent<TownReportReply>) => {
      worker.terminate();
      resolve(e.data);
    });
    worker.addEventListener('error', () => {
      worker.terminate();
      resolve(computeHere());
    });
    worker.postMessage({ type: 'compute' });
  });
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
    void computeInWorker().then((reply) => {
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
