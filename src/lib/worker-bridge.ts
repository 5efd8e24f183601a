/**
 * The one way the app talks to its workers: comlink's typed proxy, plus what comlink leaves out.
 * - A worker that cannot start or fails to load (old browser, CSP, a chunk missing offline) does not
 *   leave calls hanging: they run on this thread through `fallback`, which provides the same API.
 * - Errors thrown inside the worker reject the caller's promise (comlink carries them across).
 * Worker side: `serveWorkerApi(api)`; it adds `ping` for the start-up handshake.
 */
import * as Comlink from 'comlink';

/** Every method returns a promise on the calling side, whether the worker or the fallback runs it. */
export type Bridged<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

interface Handshake {
  ping(): true;
}

/** Exposes `api` to the page (call at the top level of a worker module). */
export function serveWorkerApi<T extends object>(api: T): void {
  Comlink.expose({ ...api, ping: () => true } satisfies T & Handshake);
}

/** Marks a callback to be called back across the thread boundary (progress reports); a plain call on the page. */
export function callback<F extends (...args: never[]) => void>(fn: F): F {
  return Comlink.proxy(fn);
}

/** Marks typed arrays' buffers to be moved, not copied, into the worker. */
export function moving<T>(value: T, buffers: ArrayBufferLike[]): T {
  return Comlink.transfer(value, buffers as Transferable[]);
}

export interface WorkerConnection<T> {
  api: Bridged<T>;
  /** 'worker' once the handshake answered, 'fallback' if it never could or has crashed since. */
  readonly mode: Promise<'worker' | 'fallback'>;
  terminate(): void;
}

/**
 * Starts `create()`'s worker and wraps it. If it throws, or reports an error before answering the
 * handshake, every call (also those already made) goes to `fallback()` instead. If it crashes after
 * the handshake, the calls in flight reject with the crash (comlink alone would leave them waiting) and
 * every later call goes to `fallback()`.
 */
export function connectWorker<T extends object>(create: (() => Worker) | null, fallback: () => Promise<T>): WorkerConnection<T> {
  let worker: Worker | null = null;
  const local = (): Promise<{ target: T | Comlink.Remote<T>; mode: 'worker' | 'fallback' }> =>
    fallback().then((target) => ({ target, mode: 'fallback' as const }));
  let ready: Promise<{ target: T | Comlink.Remote<T>; mode: 'worker' | 'fallback' }> | null;
  const inFlight = new Set<(err: Error) => void>();
  try {
    if (!create) throw new Error('no worker for this api');
    const started = create();
    worker = started;
    const remote = Comlink.wrap<T & Handshake>(started);
    ready = new Promise((resolve) => {
      const failed = () => {
        started.terminate();
        worker = null;
        resolve(local());
      };
      started.addEventListener('error', failed, { once: true });
      (remote.ping() as Promise<true>).then(() => {
        started.removeEventListener('error', failed);
        started.addEventListener('error', (e) => {
          const crash = new Error((e as ErrorEvent).message || 'worker crashed');
          for (const reject of [...inFlight]) reject(crash);
          // A worker that crashed is in an unknown state: later calls go to the fallback (it loads on the next call).
          started.terminate();
          worker = null;
          ready = null;
        });
        resolve({ target: remote as unknown as Comlink.Remote<T>, mode: 'worker' });
      }, failed);
    });
  } catch {
    ready = local();
  }
  const target = async () => {
    const current = (ready ??= local());
    try {
      return (await current).target;
    } catch (err) {
      // The fallback itself failed to load (say its chunk, offline): this call fails, the next one retries.
      if (ready === current) ready = null;
      throw err;
    }
  };
  const api = new Proxy({} as Bridged<T>, {
    get: (_t, method) =>
      // not a thenable: `await api` must not call into the worker
      method === 'then' || typeof method !== 'string'
        ? undefined
        : async (...args: unknown[]) => {
            const callee = (await target()) as Record<string, (...a: unknown[]) => unknown>;
            let crashed!: (err: Error) => void;
            const crash = new Promise<never>((_, reject) => (crashed = reject));
            inFlight.add(crashed);
            try {
              return await Promise.race([callee[method]!(...args), crash]);
            } finally {
              inFlight.delete(crashed);
            }
          },
  });
  return {
    api,
    get mode() {
      return (ready ??= local()).then((r) => r.mode);
    },
    terminate: () => worker?.terminate(),
  };
}
