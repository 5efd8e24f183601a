import { afterEach, describe, expect, it } from 'vitest';
import { connectWorker } from './worker-bridge';
import { channelWorker, closeChannelWorkers, type ChannelWorker } from '../../tests/unit/channel-worker';

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

afterEach(closeChannelWorkers);

const fallbackApi = async (): Promise<Api> => ({ double: (n) => n * 2 + 0.5, fail: api.fail });

describe('worker bridge', () => {
  it('calls the worker once it answers the handshake; its errors reject the caller', async () => {
    const conn = connectWorker<Api>(() => channelWorker(api), fallbackApi);
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
    let worker!: ChannelWorker;
    const conn = connectWorker<Api>(() => (worker = channelWorker(null)), fallbackApi);
    const pending = conn.api.double(2); // made before the failure is known
    worker.fail();
    expect(await pending).toBe(4.5);
    expect(await conn.api.double(3)).toBe(6.5);
    expect(await conn.mode).toBe('fallback');
  });

  it('a worker that crashes after the handshake rejects the calls in flight instead of leaving them waiting', async () => {
    let worker!: ChannelWorker;
    const slow: Api & { never(): Promise<number> } = { ...api, never: () => new Promise<number>(() => {}) };
    const conn = connectWorker<Api & { never(): Promise<number> }>(
      () => (worker = channelWorker(slow)),
      async () => slow,
    );
    expect(await conn.mode).toBe('worker');
    const waiting = conn.api.never();
    await new Promise((r) => setTimeout(r, 10));
    worker.fail('out of memory');
    await expect(waiting).rejects.toThrow('out of memory');
  });

  it('after a crash, later calls run on the fallback instead of waiting on the dead worker', async () => {
    let worker!: ChannelWorker;
    const conn = connectWorker<Api>(() => (worker = channelWorker(api)), fallbackApi);
    expect(await conn.api.double(1)).toBe(2);
    worker.fail('out of memory');
    expect(await conn.api.double(1)).toBe(2.5);
    expect(await conn.mode).toBe('fallback');
  });

  it('is not a thenable (awaiting the api object does not call the worker)', async () => {
    const conn = connectWorker<Api>(null, fallbackApi);
    expect(await Promise.resolve(conn.api)).toBe(conn.api);
  });
});
