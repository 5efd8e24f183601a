/**
 * Properties of the validator's public functions (issue 14, classes 3 and 5): never throw, never accept
 * what a mutation made invalid, one line per problem whatever the value, and the app's availability check
 * agrees with the CLI's.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../../src/data/categories.ts';
import { parseFeedTimestamp } from '../../src/data/feed-time.ts';
import { formatProblem, validateAvailabilityItem, validateServiceRecord } from '../../src/data/validate-feed.ts';
import { validateAvailabilityItem as appItemCheck } from '../../src/data/availability-validate.ts';
import { describeIssues } from '../../src/data/chunk-check.ts';
import { fuzzOptions } from './fuzz-config.ts';
import { countCase, flushFuzzSummary, FUZZ_TIMEOUT_MS } from './fuzz-summary.ts';
import { ITEM_MUTATIONS, RECORD_MUTATIONS, validItem, validRecord } from './record-arbitraries.ts';

afterAll(flushFuzzSummary);

const NOW = Date.parse('2026-11-28T00:00:00Z');
const SERVICE_ID = 'svc-1';

/** Every problem line the CLI would print for a record: one line, bounded. */
function expectOneLinePerIssue(raw: unknown) {
  const res = validateServiceRecord(raw);
  if (res.ok) return;
  for (const issue of res.issues) {
    const line = formatProblem({
      file: 'services/x.json',
      id: String((raw as { id?: unknown } | null)?.id ?? '-'),
      path: issue.path,
      reason: issue.reason,
      level: 'record',
    });
    expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(line.length).toBeLessThan(1_500);
  }
}

describe('validateServiceRecord', () => {
  it(
    'accepts every generated valid record',
    () => {
      fc.assert(
        fc.property(validRecord(), (rec) => {
          countCase('validateServiceRecord');
          const res = validateServiceRecord(rec);
          expect(res.ok ? [] : res.issues).toEqual([]);
        }),
        fuzzOptions(1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'gives each mutation its verdict, never accepts an invalid one, prints one line per problem',
    () => {
      fc.assert(
        fc.property(validRecord(), fc.constantFrom(...RECORD_MUTATIONS), (rec, mutation) => {
          countCase('validateServiceRecord');
          const mutated = mutation.apply(rec);
          const res = validateServiceRecord(mutated);
          expect(res.ok ? 'accept' : 'reject', mutation.name).toBe(mutation.verdict);
          expectOneLinePerIssue(mutated);
        }),
        fuzzOptions(1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never throws on any JSON value',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (raw) => {
          countCase('validateServiceRecord');
          const res = validateServiceRecord(raw);
          expect(res.ok).toBe(false);
          expectOneLinePerIssue(raw);
        }),
        fuzzOptions(0.5),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('availability items: the CLI check and the app check', () => {
  const item = fc.constantFrom(...CATEGORIES).chain((category) => validItem(SERVICE_ID, category, NOW).map((i) => ({ category, item: i })));

  const verdicts = (category: Category, raw: unknown) => {
    const cli = validateAvailabilityItem(raw, (id) => (id === SERVICE_ID ? category : undefined), NOW);
    const app = appItemCheck(raw, new Map([[SERVICE_ID, category]]), NOW);
    return { cli: cli.ok ? 'accept' : 'reject', app: app.ok ? 'accept' : 'reject' };
  };

  it(
    'accept every valid item, and agree',
    () => {
      fc.assert(
        fc.property(item, ({ category, item: raw }) => {
          countCase('validateAvailabilityItem (CLI and app)');
          expect(verdicts(category, raw)).toEqual({ cli: 'accept', app: 'accept' });
        }),
        fuzzOptions(1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'reject every mutation, and agree',
    () => {
      fc.assert(
        fc.property(item, fc.constantFrom(...ITEM_MUTATIONS), ({ category, item: raw }, mutation) => {
          countCase('validateAvailabilityItem (CLI and app)');
          expect(verdicts(category, mutation.apply(raw)), mutation.name).toEqual({ cli: mutation.verdict, app: mutation.verdict });
        }),
        fuzzOptions(1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never throw on any value, and agree',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...CATEGORIES), fc.oneof(fc.jsonValue(), fc.anything()), (category, raw) => {
          countCase('validateAvailabilityItem (CLI and app)');
          const v = verdicts(category, raw);
          expect(v.cli).toBe(v.app);
        }),
        fuzzOptions(0.5),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('parseFeedTimestamp', () => {
  it(
    'reads every offset form of a real instant to the same millisecond, and never throws',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: Date.parse('0001-01-01T00:00:00Z'), max: Date.parse('9999-12-31T00:00:00Z') }),
          fc.string(),
          (ms, junk) => {
            countCase('parseFeedTimestamp');
            const whole = Math.floor(ms / 1000) * 1000;
            const z = new Date(whole).toISOString().replace('.000Z', 'Z');
            const local = new Date(whole + 8 * 3600_000).toISOString().slice(0, 19);
            expect([z, `${local}+08:00`, `${local}+08`, `${local}+0800`].map(parseFeedTimestamp)).toEqual([whole, whole, whole, whole]);
            expect(typeof parseFeedTimestamp(junk)).toBe('number');
          },
        ),
        fuzzOptions(0.5),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'refuses days a month does not have',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 31 }), (y, m, d) => {
          countCase('parseFeedTimestamp');
          const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${d}T00:00:00Z`;
          const real = new Date(Date.UTC(2000, 0, 1));
          real.setUTCFullYear(y, m - 1, d);
          const exists = real.getUTCMonth() === m - 1;
          expect(Number.isNaN(parseFeedTimestamp(text))).toBe(!exists);
        }),
        fuzzOptions(0.25),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('describeIssues', () => {
  it(
    'turns anything into one line and never throws',
    () => {
      fc.assert(
        fc.property(
          fc.anything({ withObjectString: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }),
          (issues) => {
            countCase('describeIssues');
            const line = describeIssues(issues);
            expect(typeof line).toBe('string');
            expect(line).not.toMatch(/[\n\r]/);
          },
        ),
        fuzzOptions(0.5),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
