// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { isNetworkOffline, reportRequestOutcome, resetNetworkStatus, subscribeNetworkStatus } from './network-status.ts';

afterEach(() => resetNetworkStatus(true));

describe('network status', () => {
  it('is online until something says otherwise', () => {
    expect(isNetworkOffline()).toBe(false);
  });

  it('a request that got no answer marks offline even while the browser says online, and any answer clears it', () => {
    let changes = 0;
    const unsubscribe = subscribeNetworkStatus(() => changes++);
    reportRequestOutcome('no-answer');
    expect(isNetworkOffline()).toBe(true);
    reportRequestOutcome('no-answer'); // no change, no notification
    reportRequestOutcome('answered');
    expect(isNetworkOffline()).toBe(false);
    expect(changes).toBe(2);
    unsubscribe();
  });

  it("the browser's offline event counts at once; its online event only forgets the last failure", () => {
    subscribeNetworkStatus(() => {})();
    window.dispatchEvent(new Event('offline'));
    expect(isNetworkOffline()).toBe(true);
    reportRequestOutcome('no-answer');
    window.dispatchEvent(new Event('online'));
    expect(isNetworkOffline()).toBe(false);
  });

  it('an answer from the server outweighs a stale offline event', () => {
    subscribeNetworkStatus(() => {})();
    window.dispatchEvent(new Event('offline'));
    reportRequestOutcome('answered');
    expect(isNetworkOffline()).toBe(false);
  });
});
