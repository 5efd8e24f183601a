/**
 * Module worker that runs the feed sync off the main thread (started by sync.ts).
 * Messages: in {type:'start', feedUrl, force}; out {type:'progress'} … then {type:'done', result}.
 * In {type:'rebuild-startup'}; out {type:'rebuilt', count} or {type:'rebuild-failed', message}.
 */
import { getDb } from './db.ts';
import { runSync } from './sync-engine.ts';
import { rebuildStartupForms } from './startup-rebuild.ts';
import type { SyncReply, SyncRequest } from './sync.ts';
import { fastValidateServiceRecord } from './fast-record-check.ts';

// The app tsconfig types `self` as Window; in a worker postMessage takes just the message.
const scope = self as unknown as {
  postMessage(message: SyncReply): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<SyncRequest>) => void): void;
};

// Progress can fire thousands of times at scale; one message per animation-ish tick is plenty.
const PROGRESS_INTERVAL_MS = 50;

scope.addEventListener('message', (e) => {
  if (e.data?.type === 'rebuild-startup') {
    rebuildStartupForms(getDb()).then(
      (count) => scope.postMessage({ type: 'rebuilt', count }),
      (err: unknown) => scope.postMessage({ type: 'rebuild-failed', message: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  if (e.data?.type !== 'start') return;
  let last = 0;
  void runSync({
    feedUrl: e.data.feedUrl,
    force: e.data.force,
    db: getDb(),
    // Hand-written check on the hot path; valibot decides (and words) only the rejects: one verdict.
    validateRecord: fastValidateServiceRecord,
    onProgress: (progress) => {
      const t = performance.now();
      if (progress.phase !== 'chunks' || progress.done === progress.total || t - last >= PROGRESS_INTERVAL_MS) {
        last = t;
        scope.postMessage({ type: 'progress', progress });
      }
    },
  }).then((result) => {
    scope.postMessage({ type: 'done', result });
  });
});
