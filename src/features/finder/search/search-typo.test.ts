import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOWNS } from '../../../geo/towns';
import { syntheticServices } from '../../../../tests/bench/search-bench';
import { buildSearchIndex } from './search-index';
import { buildTypoIndex, buildTypoTerms, MAX_CORRECTIONS, TYPO_MIN_LENGTH, withinOneEdit } from './search-typo';

const word = fc.stringMatching(/^[a-z]{4,9}$/);

/** One random edit: substitution, insertion, deletion or adjacent swap. */
const edited = (w: string, kind: number, at: number, c: string) => {
  const i = at % (w.length + 1);
  switch (kind % 4) {
    case 0:
      return i < w.length ? w.slice(0, i) + c + w.slice(i + 1) : w;
    case 1:
      return w.slice(0, i) + c + w.slice(i);
    case 2:
      return i < w.length ? w.slice(0, i) + w.slice(i + 1) : w;
    default:
      return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w;
  }
};

describe('typo corrections', () => {
  it('withinOneEdit', () => {
    expect(withinOneEdit('youeryuan', 'youeryaun')).toBe(true);
    expect(withinOneEdit('garden', 'garten')).toBe(true);
    expect(withinOneEdit('garden', 'gardens')).toBe(true);
    expect(withinOneEdit('garden', 'gxrdxn')).toBe(false);
  });

  it('the bucketed lookup finds what a scan of the whole vocabulary finds (up to the cap)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...'abcxyz'),
        (vocab, pick, kind, at, c) => {
          const typo = buildTypoIndex(vocab);
          const text = edited(vocab[pick % vocab.length]!, kind, at, c);
          const scan = vocab.filter((t) => t.length >= TYPO_MIN_LENGTH && t !== text && withinOneEdit(text, t));
          const found = typo.corrections(text);
          if (text.length < TYPO_MIN_LENGTH) {
            expect(found).toEqual([]);
            return;
          }
          expect(found.length).toBe(Math.min(scan.length, MAX_CORRECTIONS));
          for (const f of found) expect(scan).toContain(f);
          expect(new Set(found).size).toBe(found.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('buildTypoTerms ahead of time gives the index the vocabulary it builds for itself', () => {
    const records = syntheticServices(3000, 3);
    const terms = buildTypoTerms(records, TOWNS);
    expect(terms).toContain('youeryuan');
    expect(terms).toContain('kindergarten');
    expect(terms).toContain('humen');
    expect(terms.every((t) => t.length >= TYPO_MIN_LENGTH)).toBe(true);
    const own = buildSearchIndex(records, TOWNS);
    const given = buildSearchIndex(records, TOWNS, undefined, { typoTerms: terms });
    const none = buildSearchIndex(records, TOWNS, undefined, { typoTerms: [] });
    for (const q of ['youeryaun', 'kindergarden', 'gymnasuim', 'humne', 'dongchneg']) {
      expect(given.matchAll(q), q).toEqual(own.matchAll(q));
    }
    expect(own.matchAll('youeryaun').length).toBeGreaterThan(0);
    expect(none.matchAll('youeryaun')).toEqual([]);
  });
});
