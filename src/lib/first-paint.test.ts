import { afterEach, describe, expect, it, vi } from 'vitest';

/*
 * whenFirstPainted keeps one promise per page, so every case loads a fresh copy of the module with the globals it
 * needs (node has no document, PerformanceObserver paint entries or animation frames of its own).
 */
type Listener = (list: { getEntriesByName(name: string): unknown[] }) => void;

async function freshModule() {
  vi.resetModules();
  return import('./first-paint');
}

function fakePaintTiming(visibilityState: 'visible' | 'hidden') {
  const observers: Listener[] = [];
  class FakeObserver {
    static supportedEntryTypes = ['paint'];
    constructor(private readonly callback: Listener) {}
    observe() {
      observers.push(this.callback);
    }
    disconnect() {}
  }
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  vi.stubGlobal('document', { visibilityState });
  const paint = (name: string) => observers.forEach((tell) => tell({ getEntriesByName: (n) => (n === name ? [{ name }] : []) }));
  return { observers, paint };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('whenFirstPainted', () => {
  it('waits for the first-contentful-paint entry, not for an earlier first paint', async () => {
    vi.useFakeTimers();
    const { paint } = fakePaintTiming('visible');
    const { whenFirstPainted } = await freshModule();
    let done = false;
    void whenFirstPainted().then(() => (done = true));
    paint('first-paint');
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(false);
    paint('first-contentful-paint');
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('lets each waiter continue in a task of its own, in the order they asked', async () => {
    vi.useFakeTimers();
    const { paint } = fakePaintTiming('visible');
    const { whenFirstPainted } = await freshModule();
    const seen: string[] = [];
    void whenFirstPainted().then(() => {
      seen.push('a');
      queueMicrotask(() => seen.push('a: its microtask'));
    });
    void whenFirstPainted().then(() => seen.push('b'));
    paint('first-contentful-paint');
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    // a's microtask runs before b: b did not share a's task
    expect(seen).toEqual(['a', 'a: its microtask', 'b']);
  });

  it('goes ahead after maxWaitMs when no paint is reported', async () => {
    vi.useFakeTimers();
    fakePaintTiming('visible');
    const { whenFirstPainted } = await freshModule();
    let done = false;
    void whenFirstPainted(500).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(done).toBe(true);
  });

  it('in a hidden page (no paint comes), two animation frames stand in', async () => {
    vi.useFakeTimers();
    const { observers } = fakePaintTiming('hidden');
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
    const { whenFirstPainted } = await freshModule();
    let done = false;
    void whenFirstPainted().then(() => (done = true));
    expect(observers).toHaveLength(0);
    frames.shift()!();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(false);
    frames.shift()!();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
