import { afterEach, describe, expect, it } from 'vitest';
import { townReportOffThread } from './use-town-report';
import type { TownReportApi, TownReportReply } from './stored-town-report';
import { channelWorker, closeChannelWorkers, type ChannelWorker } from '../../../tests/unit/channel-worker';

afterEach(closeChannelWorkers);

const answering = (reply: TownReportReply) => {
  let asked = 0;
  const api: TownReportApi = { report: async () => (asked++, reply) };
  return { api, load: async () => api, asked: () => asked };
};
const fromWorker: TownReportReply = { status: 'no-feed' };
const fromPage: TownReportReply = { status: 'error', message: 'computed on the page' };

describe('the town report off the main thread', () => {
  it('comes from the worker when it starts', async () => {
    const worker = answering(fromWorker);
    const page = answering(fromPage);
    expect(await townReportOffThread(() => channelWorker(worker.api), page.load)).toEqual(fromWorker);
    expect(page.asked()).toBe(0);
  });

  it('is computed on the page when the worker cannot be created or does not load', async () => {
    const page = answering(fromPage);
    const refused = () => {
      throw new Error('no module workers');
    };
    expect(await townReportOffThread(refused, page.load)).toEqual(fromPage);
    let silent!: ChannelWorker;
    const pending = townReportOffThread(() => (silent = channelWorker(null)), page.load);
    silent.fail();
    expect(await pending).toEqual(fromPage);
    expect(page.asked()).toBe(2);
  });

  it('is computed on the page when the worker dies mid-way, and the worker is ended', async () => {
    let started!: () => void;
    const asked = new Promise<void>((r) => (started = r));
    let worker!: ChannelWorker;
    const page = answering(fromPage);
    const pending = townReportOffThread(() => (worker = channelWorker({ report: () => (started(), new Promise(() => {})) })), page.load);
    await asked;
    worker.fail('out of memory');
    expect(await pending).toEqual(fromPage);
    expect(worker.terminated).toBe(true);
  });

  it('says why when not even the page can load the report code', async () => {
    const offline = () => Promise.reject(new Error('chunk did not load'));
    expect(await townReportOffThread(null, offline)).toEqual({ status: 'error', message: 'chunk did not load' });
  });
});
