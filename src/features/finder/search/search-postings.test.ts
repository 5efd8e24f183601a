import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY, gallopIntersect, intersect, intersectAll, merge, PostingWriter, unionAll } from './search-postings';

/** A sorted list without repeats, as the index produces. */
const sortedList = (max = 400) =>
  fc.uniqueArray(fc.nat({ max }), { maxLength: 120 }).map((xs) => Uint32Array.from(xs.sort((a, b) => a - b)));
const plain = (xs: Uint32Array) => Array.from(xs);

describe('posting list algebra (checked against plain arrays)', () => {
  it('intersect, gallopIntersect and intersectAll keep exactly the common values, sorted', () => {
    fc.assert(
      fc.property(fc.array(sortedList(), { minLength: 1, maxLength: 4 }), (lists) => {
        const expected = plain(lists[0]!).filter((x) => lists.every((l) => l.includes(x)));
        expect(plain(intersectAll(lists))).toEqual(expected);
        if (lists.length >= 2) {
          const two = plain(lists[0]!).filter((x) => lists[1]!.includes(x));
          expect(plain(intersect(lists[0]!, lists[1]!))).toEqual(two);
          expect(plain(gallopIntersect(lists[0]!, lists[1]!))).toEqual(two);
        }
      }),
    );
  });

  it('intersect gallops when one list is far longer, with the same answer', () => {
    const big = Uint32Array.from({ length: 5000 }, (_, i) => i * 3);
    const small = Uint32Array.from([0, 3, 4, 2997, 14997, 15000]);
    expect(plain(intersect(small, big))).toEqual([0, 3, 2997, 14997]);
    expect(plain(intersect(big, small))).toEqual([0, 3, 2997, 14997]);
  });

  it('merge and unionAll give every value once, sorted', () => {
    fc.assert(
      fc.property(fc.array(sortedList(), { maxLength: 6 }), (lists) => {
        const expected = [...new Set(lists.flatMap(plain))].sort((a, b) => a - b);
        expect(plain(unionAll(lists))).toEqual(expected);
        if (lists.length >= 2)
          expect(plain(merge(lists[0]!, lists[1]!))).toEqual([...new Set([...lists[0]!, ...lists[1]!])].sort((a, b) => a - b));
      }),
    );
    expect(unionAll([])).toBe(EMPTY);
  });
});

describe('PostingWriter', () => {
  it('lays out, per key, the sorted records that emitted it, each once', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat({ max: 300 }), { maxLength: 12 }), { maxLength: 40 }), (docs) => {
        // Small initial sizes, so the key space and the key buffer both have to grow.
        const w = new PostingWriter(docs.length, 4, 1);
        docs.forEach((keys, d) => {
          w.startDoc(d);
          for (const k of keys) w.emit(k);
        });
        const store = w.finish();
        const maxKey = Math.max(-1, ...docs.flat());
        expect(store.keyCount).toBe(maxKey + 1);
        let total = 0;
        for (let k = 0; k <= maxKey; k++) {
          const expected = docs.flatMap((keys, d) => (keys.includes(k) ? [d] : []));
          expect(plain(store.list(k))).toEqual(expected);
          total += expected.length;
        }
        expect(store.postings).toBe(total);
        expect(store.list(-1)).toHaveLength(0);
        expect(store.list(maxKey + 1)).toHaveLength(0);
      }),
    );
  });

  it('records skipped or left without keys carry none; a smaller keyCount drops the keys above it', () => {
    const w = new PostingWriter(5);
    w.startDoc(0);
    w.emit(2);
    w.startDoc(3); // 1 and 2 skipped
    w.emit(2);
    w.emit(7);
    const store = w.finish(5);
    expect(plain(store.list(2))).toEqual([0, 3]);
    expect(store.list(7)).toHaveLength(0);
    expect(store.postings).toBe(2);
  });
});
