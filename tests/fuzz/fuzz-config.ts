/**
 * Shared settings for the property-based fuzz suite (tests/fuzz/*.fuzz.test.ts).
 * `npm test` runs a fast slice; `npm run fuzz` sets FUZZ_RUNS high; `--seed N` (FUZZ_SEED) reproduces a run.
 */
import fc from 'fast-check';
import { recordProperty } from './fuzz-summary.ts';

const DEFAULT_RUNS = 60;
const DEFAULT_SEED = 20261130;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(value) ? value : fallback;
}

/**
 * fast-check parameters for one property; `weight` scales the run count for cheap or costly properties.
 * The reporter counts the cases each property ran for `npm run fuzz`'s summary and fails as fast-check would.
 */
// `any`: one reporter serves properties of every tuple type.
export function fuzzOptions(weight = 1): { seed: number; numRuns: number; reporter: (details: fc.RunDetails<any>) => void } {
  return {
    seed: envInt('FUZZ_SEED', DEFAULT_SEED),
    numRuns: Math.max(1, Math.round(envInt('FUZZ_RUNS', DEFAULT_RUNS) * weight)),
    reporter: (details) => {
      recordProperty(details.numRuns);
      if (details.failed) throw new Error(fc.defaultReportMessage(details));
    },
  };
}
