/**
 * Page side of the start-up form rebuild (startup-rebuild.ts): asks a sync worker to do it. Only
 * needed after an upgrade, so it is not part of sync.ts, which every first screen loads.
 */
import { getDb } from './db.ts';
import { syncRuntime, type SyncReply, type SyncRequest } from './sync.ts';

async function rebuildHere(): Promise<number> {
  const { rebuildStartupForms } = await import('./startup-rebuild.ts');
  return rebuildStartupForms(getDb());
}

/**
 * Builds the compact start-up rows that are missing or out of date (startup-rebuild.ts) in the sync
 * worker, so the page never deserialises every record for it; on this thread if no worker starts.
 * Resolves with how many rows were written.
 */
export function rebuildStartupRows(): Promise<number> {
  if (!syncRuntime.useWorker) return rebuildHere();
  return new Promise<number>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./sync.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(rebuildHere());
      return;
    }
    let heard = false;
    worker.addEventListener('message', (e: MessageEvent<SyncReply>) => {
      heard = true;
      if (e.data.type === 'rebuilt') resolve(e.data.count);
      else if (e.data.type === 'rebuild-failed') reject(new Error(e.data.message));
      else return;
      worker.terminate();
    });
    worker.addEventListener('error', (e) => {
      worker.terminate();
      if (!heard) resolve(rebuildHere());
      else reject(new Error(e.message || 'sync worker crashed'));
    });
    const request: SyncRequest = { type: 'rebuild-startup' };
    worker.postMessage(request);
  });
}
