/**
 * Micro-bench of the import's record check (issue 13 point 5): valibot's validateServiceRecord against
 * fastValidateServiceRecord over every record of a generated feed, decoded the way the sync decodes it
 * (decodeFeedJson + checkChunk, once per chunk).
 *   npm run data:build -- --out /tmp/feed100k --services 100000
 *   node --expose-gc node_modules/.bin/tsx tests/bench/record-check-bench.ts /tmp/feed100k [rounds]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { checkChunk, checkManifest, decodeFeedJson } from '../../src/data/feed-structure.ts';
import { validateServiceRecord } from '../../src/data/validate-feed.ts';
import { fastValidateServiceRecord } from '../../src/data/fast-record-check.ts';
import type { RecordValidator } from '../../src/data/chunk-check.ts';

const dir = process.argv[2] ?? '/tmp/feed100k';
const rounds = Number(process.argv[3] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const decodedManifest = decodeFeedJson(readFileSync(join(dir, 'manifest.json')));
const manifest = decodedManifest.ok ? checkManifest(decodedManifest.value).manifest : null;
if (!manifest) throw new Error(`${dir}: no valid manifest.json`);

/** The sync's decode path for each chunk: bytes → text → JSON.parse once → chunk shape; parse time kept apart. */
const chunks: unknown[][] = [];
let parseMs = 0;
for (const [ci, entry] of manifest.chunks.entries()) {
  const bytes = readFileSync(join(dir, entry.path));
  const t = performance.now();
  const decoded = decodeFeedJson(bytes, Infinity);
  if (!decoded.ok) throw new Error(`${entry.path}: ${decoded.reason}`);
  const chunk = checkChunk(entry, `$.chunks[${ci}]`, decoded.value);
  parseMs += performance.now() - t;
  if (!chunk.services) throw new Error(`${entry.path}: not a chunk`);
  chunks.push(chunk.services);
}
const total = chunks.reduce((a, c) => a + c.length, 0);

function run(validate: RecordValidator): { ms: number; ok: number } {
  gc();
  const t = performance.now();
  let ok = 0;
  for (const services of chunks) for (const raw of services) if (validate(raw).ok) ok++;
  return { ms: performance.now() - t, ok };
}

// Same verdict and output on every record before anything is timed.
let mismatches = 0;
for (const services of chunks) {
  for (const raw of services) {
    const a = validateServiceRecord(raw);
    const b = fastValidateServiceRecord(raw);
    if (a.ok !== b.ok || JSON.stringify(a) !== JSON.stringify(b)) mismatches++;
  }
}

const times: Record<'valibot' | 'fast', number[]> = { valibot: [], fast: [] };
let accepted = 0;
for (let r = 0; r < rounds + 1; r++) {
  const a = run(validateServiceRecord);
  const b = run(fastValidateServiceRecord);
  accepted = b.ok;
  if (r === 0) continue; // warm-up
  times.valibot.push(a.ms);
  times.fast.push(b.ms);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (ms: number) => Math.round(total / (ms / 1000));
const vb = median(times.valibot);
const fa = median(times.fast);
console.log(
  `feed ${dir}: ${total} records in ${chunks.length} chunks, ${accepted} accepted; load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(`decode (UTF-8 + JSON.parse once + checkChunk): ${parseMs.toFixed(0)} ms for all chunks`);
console.log(`valibot validateServiceRecord:   median ${vb.toFixed(0)} ms  ${rate(vb).toLocaleString('en')} records/s`);
console.log(
  `fastValidateServiceRecord:       median ${fa.toFixed(0)} ms  ${rate(fa).toLocaleString('en')} records/s  (${(vb / fa).toFixed(1)}×)`,
);
console.log(`verdict/output mismatches: ${mismatches}`);
if (mismatches) process.exitCode = 1;
