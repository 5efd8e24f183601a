/**
 * The CLIs as a user runs them (issue 14, classes 1, 6 and 7): whatever file they get, they exit 0 with
 * their output, 1 with one problem per line (data:validate), or 2 with exactly one line on stderr —
 * never a stack trace, never silence. Spawning costs about a second, so these run few cases.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzzOptions } from './fuzz-config.ts';
import { countCase, flushFuzzSummary, FUZZ_TIMEOUT_MS } from './fuzz-summary.ts';
import { FIXTURES, STRUCTURAL_CASES, bytesOf, loadFolder, manifestOf, putFile, textOf } from './feed-corpus.ts';
import { RECORD_MUTATIONS } from './record-arbitraries.ts';

afterAll(flushFuzzSummary);

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const work = mkdtempSync(join(tmpdir(), 'cli-fuzz-'));
let n = 0;

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [tsx, join(root, script), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineExit2(r: ReturnType<typeof run>) {
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

const worked = readFileSync(join(root, 'tests/fixtures/enrolment/worked-example.json'));
const profile = readFileSync(join(root, 'tests/fixtures/youth/hk-graduate-24.json'));
const BOM = [0xef, 0xbb, 0xbf];

/** File contents: valid inputs, BOM-prefixed ones, any JSON, broken UTF-8, truncations. */
const inputBytes = fc.oneof(
  fc.constantFrom(worked, profile).map((b) => new Uint8Array(b)),
  fc.constantFrom(worked, profile).map((b) => new Uint8Array([...BOM, ...b])),
  fc.jsonValue().map((v) => bytesOf(JSON.stringify(v) ?? 'null')),
  fc.tuple(fc.constantFrom(worked, profile), fc.nat()).map(([b, at]) => new Uint8Array(b.subarray(0, at % b.length))),
  fc.uint8Array({ maxLength: 64 }),
  fc
    .record({
      asOf: fc.constant('2026-03-01'),
      birthDate: fc.integer({ min: 0, max: 2026 }).map((y) => `${String(y).padStart(4, '0')}-01-01`),
      identity: fc.constant('hk'),
      education: fc.constant('bachelor'),
      interests: fc.constant(['employment']),
    })
    .map((p) => bytesOf(JSON.stringify(p))),
);

describe('enrolment and programmes on any file', () => {
  it(
    'exit 0 with JSON on stdout, or 2 with one line on stderr',
    () => {
      fc.assert(
        fc.property(fc.constantFrom('scripts/enrolment.ts', 'scripts/programmes.ts'), inputBytes, (script, bytes) => {
          countCase('CLI enrolment/programmes');
          const file = join(work, `input-${++n}.json`);
          writeFileSync(file, bytes);
          const r = run(script, [file]);
          expect([0, 2]).toContain(r.code);
          if (r.code === 0) {
            expect(r.stderr).toBe('');
            const out = JSON.parse(r.stdout);
            if (script.endsWith('programmes.ts')) {
              expect(out.age).toBeGreaterThanOrEqual(10);
              expect(out.age).toBeLessThanOrEqual(80);
            }
          } else expectOneLineExit2(r);
        }),
        fuzzOptions(0.05),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('data:validate on generated feed folders', () => {
  const folderCase = fc.record({
    structural: fc.option(fc.constantFrom(...STRUCTURAL_CASES), { nil: undefined }),
    record: fc.option(fc.tuple(fc.nat(), fc.constantFrom(...RECORD_MUTATIONS.filter((m) => m.name !== 'a 1 MB name'))), { nil: undefined }),
  });

  it(
    'exit 0 silent, 1 with one well-formed line per problem, or 2 with one line',
    () => {
      fc.assert(
        fc.property(folderCase, (c) => {
          countCase('CLI data:validate');
          const files = loadFolder(`${FIXTURES}valid`);
          if (c.record) {
            const path = manifestOf(files).chunks[0].path as string;
            const chunk = JSON.parse(textOf(files.get(path)!));
            chunk.services[c.record[0] % chunk.services.length] = c.record[1].apply(chunk.services[0]);
            putFile(files, path, bytesOf(JSON.stringify(chunk)));
          }
          c.structural?.mutate(files);
          const dir = join(work, `feed-${++n}`);
          for (const [path, bytes] of files) {
            if (path.includes('..') || path.startsWith('/')) continue;
            mkdirSync(dirname(join(dir, path)), { recursive: true });
            writeFileSync(join(dir, path), bytes);
          }
          const r = run('scripts/data-validate.ts', [dir, '--now', '2026-11-28T00:00:00Z', '--quiet']);
          expect([0, 1]).toContain(r.code);
          if (r.code === 0) expect(r.stdout).toBe('');
          else {
            const lines = r.stdout.trimEnd().split('\n');
            for (const line of lines) expect(line).toMatch(/^[^: ]+: (-|[A-Za-z0-9._:-]{1,100}): \$[^ ]*: .+$/);
            expect(r.stderr).toBe(`data:validate: ${lines.length} problem(s) in ${dir}\n`);
          }
          if (c.structural?.verdict === 'reject' || (c.record && c.record[1].verdict === 'reject')) expect(r.code).toBe(1);
        }),
        fuzzOptions(0.05),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
