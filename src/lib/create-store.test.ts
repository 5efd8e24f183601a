// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createStore } from './create-store';

describe('createStore', () => {
  it('hands out the value, tells listeners of a change and not of the same value', () => {
    const store = createStore({ n: 1 });
    const seen: number[] = [];
    const stop = store.subscribe(() => seen.push(store.get().n));
    store.set({ n: 2 });
    store.set((prev) => ({ n: prev.n + 1 }));
    store.set(store.get()); // same object: nobody is told
    stop();
    store.set({ n: 9 });
    expect(seen).toEqual([2, 3]);
    expect(store.get().n).toBe(9);
  });

  it('a listener may unsubscribe another while being told', () => {
    const store = createStore(0);
    const calls: string[] = [];
    let stopB = () => {};
    store.subscribe(() => {
      calls.push('a');
      stopB();
    });
    stopB = store.subscribe(() => calls.push('b'));
    store.set(1);
    store.set(2);
    expect(calls).toEqual(['a', 'b', 'a']);
  });

  it('notify tells listeners without a new value', () => {
    const store = createStore('x');
    let told = 0;
    store.subscribe(() => told++);
    store.notify();
    expect(told).toBe(1);
  });
});

describe('useStoreInTransition', () => {
  it('follows the store, including a change made between its render and its effect', async () => {
    const { renderHook, act, waitFor } = await import('@testing-library/react');
    const { useStoreInTransition } = await import('./create-store');
    const store = createStore(1);
    const { result } = renderHook(() => {
      const value = useStoreInTransition(store);
      if (value === 1) store.set(2); // changes before the effect subscribes
      return value;
    });
    await waitFor(() => expect(result.current).toBe(2));
    act(() => store.set(3));
    await waitFor(() => expect(result.current).toBe(3));
  });
});
