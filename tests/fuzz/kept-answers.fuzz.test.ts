/**
 * Answers kept on the device are read back defensively: whatever is in localStorage (another version, a
 * hand edit, garbage), reading never throws and returns either nothing or a well-formed form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STEPS, readProgress } from '../../src/features/enrolment/enrolment-form.ts';
import { FORM_STORAGE_KEY, readKeptForm } from '../../src/features/youth/matcher-form.ts';
import { INTERESTS } from '../../src/data/programme-schema.ts';
import { fuzzOptions } from './fuzz-config.ts';

const stored = fc.oneof(
  fc.string(),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify({ draft: v, step: v, showResult: v })),
  fc.jsonValue().map((v) => JSON.stringify({ values: v, submitted: v })),
  fc.dictionary(fc.string(), fc.jsonValue()).map((values) => JSON.stringify({ values, submitted: true })),
);
const storageOf = (raw: string) => ({ getItem: () => raw });

describe('kept answers', () => {
  it('the enrolment wizard reads anything without throwing, and only a valid step', () => {
    fc.assert(
      fc.property(stored, (raw) => {
        const kept = readProgress(storageOf(raw), '2026-11-30');
        if (kept === null) return;
        expect(Number.isInteger(kept.step) && kept.step >= 0 && kept.step < STEPS.length).toBe(true);
        expect(typeof kept.showResult).toBe('boolean');
        for (const v of Object.values(kept.draft)) expect(['string', 'boolean', 'object']).toContain(typeof v);
      }),
      fuzzOptions(),
    );
  });

  it('the youth form reads anything without throwing, keeping only strings and known interests', () => {
    fc.assert(
      fc.property(stored, (raw) => {
        const kept = readKeptForm({ getItem: (k) => (k === FORM_STORAGE_KEY ? raw : null) });
        if (kept === null) return;
        for (const k of ['age', 'birthDate', 'identity', 'education', 'graduationYear'] as const)
          expect(typeof kept.values[k]).toBe('string');
        for (const i of kept.values.interests) expect(INTERESTS).toContain(i);
        expect(typeof kept.submitted).toBe('boolean');
      }),
      fuzzOptions(),
    );
  });
});
