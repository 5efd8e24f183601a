/**
 * Resolves once the browser has shown the page's first contentful paint. Start-up work the first screen does not
 * draw (reading the store, lazy chrome, the sync, the service worker) waits for it: on a slow phone anything fetched
 * or run before that paint delays it, and a request started in the gap between React's commit and the paint still
 * competes with it for the network.
 *
 * Where paint timing is missing (old browsers, test DOMs) or the page is hidden (a background tab paints nothing),
 * two animation frames stand in; `maxWaitMs` is the longest wait in any case.
 */
let painted: Promise<void> | undefined;

function paintTimingWorks(): boolean {
  return (
    typeof PerformanceObserver === 'function' &&
    (PerformanceObserver.supportedEntryTypes ?? []).includes('paint') &&
    typeof document !== 'undefined' &&
    document.visibilityState === 'visible'
  );
}

function afterTwoFrames(done: () => void): void {
  if (typeof requestAnimationFrame !== 'function') return void setTimeout(done, 0);
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)));
}

/**
 * Each caller continues in a task of its own (timers of equal delay run in the order they were set), so the pieces
 * of start-up work that wait here never add up to one long task after the paint.
 */
export function whenFirstPainted(maxWaitMs = 3000): Promise<void> {
  painted ??= new Promise<void>((resolve) => {
    let observer: PerformanceObserver | undefined;
    const done = () => {
      clearTimeout(timer);
      observer?.disconnect();
      resolve();
    };
    const timer = setTimeout(done, maxWaitMs);
    if (!paintTimingWorks()) return afterTwoFrames(done);
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) done();
    });
    observer.observe({ type: 'paint', buffered: true });
  });
  return painted.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}
