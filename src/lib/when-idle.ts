/**
 * Runs `run` once the browser has a quiet moment, and at the latest after `timeoutMs`. Start-up work that the
 * first screen does not need goes through here so that it never competes with the first paint or the first tap.
 * Browsers without requestIdleCallback (Safari) get a plain timer.
 */
export function whenIdle(run: () => void, timeoutMs: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: timeoutMs });
  else setTimeout(run, 0);
}

/** Resolves in a later task, so that the browser can paint and handle input between two pieces of heavy work. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
