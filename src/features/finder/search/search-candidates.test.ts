import { describe, expect, it } from 'vitest';
import { asList, intersectCands, MembershipTester, unionCands, unionLists, type Cands } from './search-candidates';

const N = 20_000;
const list = (...xs: number[]) => Uint32Array.from(xs);
/** A union big enough to become a mask (over a quarter of N and over 4096). */
function bigMask(from: number, step: number): Cands {
  const lists = [];
  for (let s = 0; s < 4; s++) lists.push(Uint32Array.from({ length: 1500 }, (_x, i) => from + s + i * step));
  return unionLists(lists, N);
}
const members = (c: Cands) => {
  if (c === null) return null;
  if (c.list) return [...c.list];
  return [...c.mask.keys()].filter((i) => c.mask[i] === 1);
};

describe('candidate sets', () => {
  it('unions small lists into one sorted list, large ones into a mask', () => {
    expect(members(unionLists([list(1, 5), list(2, 5, 9)], N))).toEqual([1, 2, 5, 9]);
    const big = bigMask(0, 8);
    expect(big?.mask).toBeInstanceOf(Uint8Array);
    expect(members(big)).toHaveLength(6000);
  });

  it('never changes the sets it is given', () => {
    const a = bigMask(0, 8);
    const b = bigMask(4, 8);
    const before = [members(a), members(b)];
    const or = unionCands([a, b, asList(list(7))], N);
    const and = intersectCands(a, bigMask(0, 16), N);
    expect([members(a), members(b)]).toEqual(before);
    expect(members(or)).toHaveLength(12_000); // 0–3 and 4–7 of every 8 below 12,000 (7 is in b already)
    expect(or?.mask).not.toBe(a?.mask);
    expect(and?.mask).not.toBe(a?.mask);
    expect(members(and)).toEqual(members(bigMask(0, 16))!.filter((d) => d < 12_000)); // a ends below 12,000
  });

  it('intersects lists with lists and masks; null means anything', () => {
    const m = bigMask(0, 8);
    expect(members(intersectCands(asList(list(0, 1, 4, 13)), m, N))).toEqual([0, 1]);
    expect(members(intersectCands(null, asList(list(3)), N))).toEqual([3]);
    expect(unionCands([asList(list(3)), null], N)).toBeNull();
  });

  it('a membership test holds until the next one is made', () => {
    const tester = new MembershipTester(N);
    const first = tester.of(asList(list(2, 4)))!;
    expect([first(2), first(3), first(4)]).toEqual([true, false, true]);
    const second = tester.of(asList(list(3)))!;
    expect([second(2), second(3)]).toEqual([false, true]);
    expect(tester.of(null)).toBeNull();
  });
});
