/**
 * Whole feeds (issue 14, class 4 and the sync's atomicity): the valid fixture with record mutations,
 * a structural mutation and/or random byte damage. For every generated feed the CLI (validateFolder)
 * and the app's sync give the same verdict, on a fresh device and over a stored good version; a rejected
 * version leaves the store exactly as it was, and invalid is never accepted.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzzOptions } from './fuzz-config.ts';
import { countCase, flushFuzzSummary, FUZZ_TIMEOUT_MS } from './fuzz-summary.ts';
import { RECORD_MUTATIONS, type Verdict } from './record-arbitraries.ts';
import {
  FIXTURES,
  STRUCTURAL_CASES,
  appVerdict,
  bytesOf,
  cliVerdict,
  loadFolder,
  manifestOf,
  putFile,
  setManifest,
  textOf,
  type FeedFiles,
} from './feed-corpus.ts';

afterAll(flushFuzzSummary);

const GOOD = loadFolder(`${FIXTURES}valid`);
const copy = (files: FeedFiles): FeedFiles => new Map([...files].map(([k, v]) => [k, v.slice()]));

const damage = fc.record({
  file: fc.nat(),
  kind: fc.constantFrom('truncate', 'flip', 'insert'),
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
  fixSha: fc.boolean(),
});

const feedCase = fc.record({
  records: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...RECORD_MUTATIONS.filter((m) => m.name !== 'a 1 MB name'))), {
    maxLength: 3,
  }),
  structural: fc.option(fc.constantFrom(...STRUCTURAL_CASES), { nil: undefined }),
  damage: fc.option(damage, { nil: undefined }),
});
type FeedCase = typeof feedCase extends fc.Arbitrary<infer T> ? T : never;

/** Builds the feed; `expected` is undefined when random damage makes the verdict unknowable in advance. */
function build(c: FeedCase, version: string): { files: FeedFiles; expected: Verdict | undefined; staleDamage: boolean } {
  const files = copy(GOOD);
  const m = manifestOf(files);
  m.version = version;
  setManifest(files, m);
  for (const [chunkPick, recordPick, mutation] of c.records) {
    const path = m.chunks[chunkPick % m.chunks.length].path as string;
    const chunk = JSON.parse(textOf(files.get(path)!));
    const i = recordPick % chunk.services.length;
    chunk.services[i] = mutation.apply(chunk.services[i]);
    putFile(files, path, bytesOf(JSON.stringify(chunk)));
  }
  let expected: Verdict | undefined = 'accept';
  let staleDamage = false;
  if (c.structural) {
    c.structural.mutate(files);
    expected = c.structural.verdict;
  }
  if (c.damage) {
    const names = [...files.keys()].sort();
    const name = names[c.damage.file % names.length]!;
    const bytes = files.get(name)!;
    const at = c.damage.at % (bytes.length + 1);
    const out =
      c.damage.kind === 'truncate'
        ? bytes.slice(0, at)
        : c.damage.kind === 'flip'
          ? bytes.map((b, i) => (i === at ? c.damage!.byte : b))
          : new Uint8Array([...bytes.slice(0, at), c.damage.byte, ...bytes.slice(at)]);
    if (c.damage.fixSha && name !== 'manifest.json') {
      try {
        putFile(files, name, out, false);
      } catch {
        files.set(name, out); // the manifest itself no longer parses: leave it
      }
    } else {
      files.set(name, out);
      staleDamage = name !== 'manifest.json';
    }
    expected = undefined;
  }
  return { files, expected, staleDamage };
}

let baseline: string | undefined;

describe('CLI and app on generated feeds', () => {
  it(
    'agree on a fresh device; a rejected version stores nothing; invalid is never accepted',
    async () => {
      await fc.assert(
        fc.asyncProperty(feedCase, async (c) => {
          countCase('validateFeed vs runSync (fresh device)');
          const { files, expected } = build(c, 'fuzz-2');
          const cli = await cliVerdict(files);
          const app = await appVerdict(files);
          const why = app.result.status === 'failed' ? app.result.error.message : `${app.ids.length} records`;
          expect(
            app.verdict,
            `CLI: ${JSON.stringify(cli.report.problems.filter((p) => p.level === 'feed').slice(0, 2))}; app: ${why}`,
          ).toBe(cli.verdict);
          if (expected) expect(cli.verdict).toBe(expected);
          if (app.verdict === 'reject') {
            expect(app.ids).toEqual([]);
            expect(app.version).toBeUndefined();
          } else expect(app.ids.length).toBe(cli.report.records);
        }),
        fuzzOptions(0.5),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'agree over a stored good version, which a rejected version leaves byte-identical',
    async () => {
      baseline ??= (await appVerdict(GOOD)).snapshot;
      await fc.assert(
        fc.asyncProperty(feedCase, async (c) => {
          countCase('validateFeed vs runSync (over a good version)');
          const { files, expected, staleDamage } = build(c, 'fuzz-3');
          const cli = await cliVerdict(files);
          let before = '';
          const app = await appVerdict(files, async (sync) => {
            expect((await sync(GOOD)).status).toBe('updated');
            before = (await appVerdict(GOOD)).snapshot;
          });
          expect(before).toBe(baseline);
          if (app.verdict === 'reject') expect(app.snapshot).toBe(baseline);
          // Damage under an unchanged sha256 is invisible to an incremental sync by design: the device already
          // holds the verified bytes that sha names, and does not download them again.
          if (staleDamage) return;
          expect(app.verdict, app.result.status === 'failed' ? app.result.error.message : 'updated').toBe(cli.verdict);
          if (expected) expect(cli.verdict).toBe(expected);
          if (app.verdict === 'accept') expect(app.ids.length).toBe(cli.report.records);
        }),
        fuzzOptions(0.25),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
