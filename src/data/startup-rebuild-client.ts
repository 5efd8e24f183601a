/**
 * Page side of the start-up form rebuild (startup-rebuild.ts): done in a sync worker, so the page never
 * deserialises every record for it. Only needed after an upgrade, so it is not part of sync.ts.
 */
import { getDb } from './db.ts';
import { syncRuntime } from './sync.ts';

/** Resolves with how many rows were written. */
export async function rebuildStartupRows(): Promise<number> {
  if (!syncRuntime.useWorker) {
    const { rebuildStartupForms } = await import('./startup-rebuild.ts');
    return rebuildStartupForms(getDb());
  }
  const { rebuildStartupRowsInWorker } = await import('./sync-connection.ts');
  return rebuildStartupRowsInWorker();
}
