/** Module worker: computes (or reads the cached) town report off the main thread. In: {type:'compute'}; out: the result. */
import { storedTownReport, type StoredReportResult } from './stored-town-report';

export type TownReportReply = StoredReportResult | { status: 'error'; message: string };

const scope = self as unknown as {
  postMessage(message: TownReportReply): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<{ type: 'compute' }>) => void): void;
};

scope.addEventListener('message', (e) => {
  if (e.data?.type !== 'compute') return;
  storedTownReport().then(
    (result) => scope.postMessage(result),
    (err: unknown) => scope.postMessage({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
});
