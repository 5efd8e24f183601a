import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { connectWorker } from './worker-bridge';

interface Api {
  double(n: number): number;
  fail(): never;
}
const api: Api = {
  double: (n) => n * 2,
  fail: () => {
    throw new Error('broken inside');
  },
};

/** A stand-in Worker: one end of a MessageChannel, the API served on the other (as a real worker would). */
function channelWorker(serve: boolean): Worker {
  const { port1, port2 } = new MessageChannel();
  if (serve) Comlink.expose({ ...api, ping: () => true }, port2);
  const listeners = new Map<string, Set<(e: unknown) => void>>();
  const fake = {
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
    addEventListener: (type: string, fn: (e: unknown) => void) => {
      if (type === 'message') port1.addEventListener('message', fn as (e: MessageEvent) => void);
      else (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(fn);
      port1.start();
    },
    removeEventListener: (type: string, fn: (e: unknown) => void) => {
      if (type === 'message') port1.removeEventListener('message', fn as (e: MessageEvent) => void);
      else listeners.get(type)?.delete(fn);
    },
    terminate: () => {
      port1.close();
      port2.close();
    },
    /** Test hook: what a browser does when the worker script fails to load. */
    emitError: () => listeners.get('error')?.forEach((fn) => fn(new Event('error'))),
  };
  opened.push(fake);
  return fake as unknown as Worker;
}
const opened: { terminate(): void }[] = [];
afterEach(() => opened.splice(0).forEach((w) => w.terminate()));

const fallbackApi = async (): Promise<Api> => ({ double: (n) => n * 2 + 0.5, fail: api.fail });

describe('worker bridge', () => {
  it('calls the worker once it answers the handshake; its errors reject the caller', async () => {
    const conn = connectWorker<Api>(() => channelWorker(true), fallbackApi);
    expect(await conn.api.double(21)).toBe(42);
    expect(await conn.mode).toBe('worker');
    await expect(conn.api.fail()).rejects.toThrow('broken inside');
  });

  it('runs on this thread when the worker cannot be created', async () => {
    const conn = connectWorker<Api>(() => {
      throw new Error('CSP');
    }, fallbackApi);
    expect(await conn.api.double(1)).toBe(2.5);
    expect(await conn.mode).toBe('fallback');
  });

  it('a worker that fails to load does not leave calls hanging: they (and later ones) go to the fallback', async () => {
    let worker: Worker & { emitError(): void };
    const conn = connectWorker<Api>(() => (worker = channelWorker(false) as Worker & { emitError(): void }), fallbackApi);
    const pending = conn.api.double(2); // made before the failure is known
    worker!.emitError();
    expect(await pending).toBe(4.5);
    expect(await conn.api.double(3)).toBe(6.5);
    expect(await conn.mode).toBe('fallback');
  });

  it('a worker that crashes after the handshake rejects the calls in flight instead of leaving them waiting', async () => {
    let worker: Worker & { emitError(): void };
    const slow: Api & { never(): Promise<number> } = { ...api, never: () => new Promise<number>(() => {}) };
    const conn = connectWorker<Api & { never(): Promise<number> }>(
      () => {
        const { port1, port2 } = new MessageChannel();
        Comlink.expose({ ...slow, ping: () => true }, port2);
        const listeners = new Set<(e: unknown) => void>();
        const fake = {
          postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
          addEventListener: (type: string, fn: (e: unknown) => void) => {
            if (type === 'message') port1.addEventListener('message', fn as (e: MessageEvent) => void);
            else listeners.add(fn);
            port1.start();
          },
          removeEventListener: (type: string, fn: (e: unknown) => void) => {
            if (type === 'message') port1.removeEventListener('message', fn as (e: MessageEvent) => void);
            else listeners.delete(fn);
          },
          terminate: () => {
            port1.close();
            port2.close();
          },
          emitError: () => listeners.forEach((fn) => fn({ message: 'out of memory' })),
        };
        opened.push(fake);
        return (worker = fake as unknown as Worker & { emitError(): void });
      },
      async () => slow,
    );
    expect(await conn.mode).toBe('worker');
    const waiting = conn.api.never();
    await new Promise((r) => setTimeout(r, 10));
    worker!.emitError();
    await expect(waiting).rejects.toThrow('out of memory');
  });

  it('is not a thenable (awaiting the api object does not call the worker)', async () => {
    const conn = connectWorker<Api>(null, fallbackApi);
    expect(await Promise.resolve(conn.api)).toBe(conn.api);
  });
});
