import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncProgress } from './sync-engine.ts';
import { throttledProgress } from './sync-api.ts';

const p = (phase: SyncProgress['phase'], done: number, total: number): SyncProgress => ({ phase, done, total });

describe("the sync worker's progress reports (throttledProgress)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first report at once, then at most one per 250 ms, carrying the newest progress', () => {
    const sent: SyncProgress[] = [];
    const progress = throttledProgress((x) => sent.push(x));
    progress.report(p('manifest', 0, 1));
    expect(sent).toEqual([p('manifest', 0, 1)]);
    progress.report(p('manifest', 1, 1));
    progress.report(p('chunks', 0, 35)); // a new phase is not sent at once any more
    progress.report(p('chunks', 3, 35));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(249);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([p('manifest', 0, 1), p('chunks', 3, 35)]);
    vi.advanceTimersByTime(1000); // nothing new: nothing sent
    expect(sent).toHaveLength(2);
    progress.report(p('chunks', 4, 35)); // the interval has passed: at once
    expect(sent.at(-1)).toEqual(p('chunks', 4, 35));
  });

  it('shows a phase held up by the network once its interval ends (the bar does not stay on the last phase)', () => {
    const sent: SyncProgress[] = [];
    const progress = throttledProgress((x) => sent.push(x));
    progress.report(p('manifest', 0, 1));
    progress.report(p('chunks', 0, 35)); // then no chunk arrives for a long time
    vi.advanceTimersByTime(5000);
    expect(sent.at(-1)).toEqual(p('chunks', 0, 35));
  });

  it('sends nothing after stop (the sync ended: its result ends the bar)', () => {
    const sent: SyncProgress[] = [];
    const progress = throttledProgress((x) => sent.push(x));
    progress.report(p('write', 0, 1));
    progress.report(p('write', 1, 1));
    progress.stop();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([p('write', 0, 1)]);
  });
});
