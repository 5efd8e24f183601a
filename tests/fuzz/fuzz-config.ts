/**
 * Shared settings for the property-based fuzz suite (tests/fuzz/*.fuzz.test.ts).
 * `npm test` runs a fast slice; `npm run fuzz` sets FUZZ_RUNS high; `--seed N` (FUZZ_SEED) reproduces a run.
 */
const DEFAULT_RUNS = 60;
const DEFAULT_SEED = 20261130;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(value) ? value : fallback;
}

/** fast-check parameters for one property; `weight` scales the run count for cheap or costly properties. */
export function fuzzOptions(weight = 1): { seed: number; numRuns: number } {
  return { seed: envInt('FUZZ_SEED', DEFAULT_SEED), numRuns: Math.max(1, Math.round(envInt('FUZZ_RUNS', DEFAULT_RUNS) * weight)) };
}
