/**
 * A stand-in Worker for unit tests: one end of a MessageChannel, with an API served on the other end as
 * `serveWorkerApi` serves it in a real worker (handshake included), or nothing for a worker that never
 * starts. `fail()` fires "error" on it, as a browser does when the script does not load or the worker dies.
 */
import * as Comlink from 'comlink';

export interface ChannelWorker extends Worker {
  fail(message?: string): void;
  readonly terminated: boolean;
}

const opened: ChannelWorker[] = [];

export function channelWorker(served: object | null): ChannelWorker {
  const { port1, port2 } = new MessageChannel();
  if (served) Comlink.expose({ ...served, ping: () => true }, port2);
  const events = new EventTarget();
  let terminated = false;
  const fake = {
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
    addEventListener: (type: string, fn: EventListener, options?: AddEventListenerOptions) => {
      if (type === 'message') {
        port1.addEventListener('message', fn);
        port1.start();
      } else events.addEventListener(type, fn, options);
    },
    removeEventListener: (type: string, fn: EventListener) =>
      type === 'message' ? port1.removeEventListener('message', fn) : events.removeEventListener(type, fn),
    terminate: () => {
      terminated = true;
      port1.close();
      port2.close();
    },
    get terminated() {
      return terminated;
    },
    fail: (message?: string) => events.dispatchEvent(Object.assign(new Event('error'), message === undefined ? {} : { message })),
  };
  const worker = fake as unknown as ChannelWorker;
  opened.push(worker);
  return worker;
}

/** Closes every channel opened since the last call (an open port keeps the test process alive). */
export function closeChannelWorkers(): void {
  for (const w of opened.splice(0)) w.terminate();
}
