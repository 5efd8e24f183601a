/**
 * Cases for the summary `npm run fuzz` prints: every property's run count (recorded by fuzzOptions'
 * reporter, so every *.fuzz.test.ts is counted) and, where a property names them, the entry points its
 * cases went through. Appended as JSON lines to FUZZ_SUMMARY_FILE when that is set.
 */
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { expect } from 'vitest';

/** Called by fuzzOptions' reporter once a property has run. */
export function recordProperty(runs: number): void {
  const file = process.env.FUZZ_SUMMARY_FILE;
  if (!file) return;
  const state = expect.getState();
  const testFile = state.testPath ? relative(process.cwd(), state.testPath) : 'unknown';
  appendFileSync(file, `${JSON.stringify({ kind: 'property', file: testFile, test: state.currentTestName ?? '', runs })}\n`);
}

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
  for (const [entry, cases] of counts)
    appendFileSync(file, `${JSON.stringify({ kind: 'entry', entry, cases, detail: details.has(entry) })}\n`);
  counts.clear();
}

/** A property's per-test timeout: generous, since `npm run fuzz` runs ~20× the default cases. */
export const FUZZ_TIMEOUT_MS = 20 * 60_000;
