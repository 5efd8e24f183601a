/**
 * Cases per entry point, for the summary `npm run fuzz` prints. Each property counts the cases it runs;
 * after its file, the counts are appended as JSON lines to FUZZ_SUMMARY_FILE when that is set.
 */
import { appendFileSync } from 'node:fs';

const counts = new Map<string, number>();
const details = new Set<string>();

export function countCase(entry: string): void {
  counts.set(entry, (counts.get(entry) ?? 0) + 1);
}

/** A subset of another entry's cases (e.g. the accepted ones): shown, not added to the total. */
export function countDetail(entry: string): void {
  details.add(entry);
  countCase(entry);
}

export function flushFuzzSummary(): void {
  const file = process.env.FUZZ_SUMMARY_FILE;
  if (!file) return;
  for (const [entry, cases] of counts) appendFileSync(file, `${JSON.stringify({ entry, cases, detail: details.has(entry) })}\n`);
  counts.clear();
}

/** A property's per-test timeout: generous, since `npm run fuzz` runs ~20× the default cases. */
export const FUZZ_TIMEOUT_MS = 20 * 60_000;
