/** One line of BENCHMARKS.md and its machine-readable figures. */
export interface BenchRow {
  /** Stable key, e.g. "nearest-100k". */
  id: string;
  /** Benchmark name (first column). */
  name: string;
  /** What was measured. */
  what: string;
  /** How many runs / samples. */
  runs: string;
  project: string;
  baseline: string;
  /** Ratio (baseline / project) or the browser metric. */
  ratio: string;
  target: string;
  /** null: no target, or not measurable here. */
  met: boolean | null;
  /** Why a target is missed and what would close it (or any caveat). */
  note?: string;
  data: unknown;
}

export type BenchModule = (ctx: { quick: boolean; log: (msg: string) => void }) => Promise<BenchRow[]>;

export const ms = (x: number): string => (x < 10 ? `${x.toFixed(3)} ms` : x < 1000 ? `${x.toFixed(1)} ms` : `${(x / 1000).toFixed(2)} s`);
export const times = (x: number): string => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
