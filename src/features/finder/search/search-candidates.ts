/**
 * Candidate sets of a search: the records that may match one part of a query (a superset: verification
 * removes the rest). A set is a sorted posting list, a membership mask (large unions, not worth sorting), or
 * null = "could be anything" (one-letter queries, prefixes naming too many terms). The operations never
 * change the sets they are given: each returns a new set (or one of its inputs, unchanged).
 */
import { EMPTY, intersect, unionAll, type Postings } from './search-postings';

export type Cands = { list: Postings; mask: null; size: number } | { list: null; mask: Uint8Array; size: number } | null;

export const asList = (list: Postings): Cands => ({ list, mask: null, size: list.length });

/**
 * Unions larger than this (or than a quarter of the records, if more) become a membership mask instead of
 * a merged list: a list keeps a town's 3,000 services rankable by distance selection (search-nearest.ts).
 */
const UNION_LIST_MAX = 4096;

function markAll(mask: Uint8Array, lists: readonly Postings[]): void {
  for (const l of lists) for (let i = 0; i < l.length; i++) mask[l[i] as number] = 1;
}

/** The records on any of `lists`, out of `n` records. */
export function unionLists(lists: readonly Postings[], n: number): Cands {
  if (lists.length === 1) return asList(lists[0] as Postings);
  let total = 0;
  for (const l of lists) total += l.length;
  if (total <= Math.max(UNION_LIST_MAX, n >> 2)) return asList(unionAll(lists));
  const mask = new Uint8Array(n);
  markAll(mask, lists);
  return { list: null, mask, size: total };
}

/** The records in any of `sets` (null if any set is "anything"); `size` of a mask is an upper bound. */
export function unionCands(sets: readonly Cands[], n: number): Cands {
  const lists: Postings[] = [];
  const masks: Uint8Array[] = [];
  let size = 0;
  for (const s of sets) {
    if (s === null) return null;
    size += s.size;
    if (s.list) {
      if (s.list.length) lists.push(s.list);
    } else masks.push(s.mask);
  }
  if (masks.length === 0) return unionLists(lists.length ? lists : [EMPTY], n);
  const mask = (masks[0] as Uint8Array).slice();
  for (let m = 1; m < masks.length; m++) {
    const other = masks[m] as Uint8Array;
    for (let i = 0; i < n; i++) mask[i] = (mask[i] as number) | (other[i] as number);
  }
  markAll(mask, lists);
  return { list: null, mask, size };
}

/** The records in both sets (null is "anything", so the other set). */
export function intersectCands(a: Cands, b: Cands, n: number): Cands {
  if (a === null) return b;
  if (b === null) return a;
  if (a.list && b.list) return asList(intersect(a.list, b.list));
  if (a.list || b.list) {
    const l = (a.list ?? b.list) as Postings;
    const m = (a.mask ?? b.mask) as Uint8Array;
    const out = new Uint32Array(l.length);
    let k = 0;
    for (let i = 0; i < l.length; i++) if (m[l[i] as number]) out[k++] = l[i] as number;
    return asList(out.subarray(0, k));
  }
  const am = a.mask as Uint8Array;
  const bm = b.mask as Uint8Array;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = (am[i] as number) & (bm[i] as number);
  return { list: null, mask, size: Math.min(a.size, b.size) };
}

/**
 * Membership tests for big candidate sets. A list is stamped into one reused array (a new generation per
 * test, so nothing is cleared between queries); a test is valid until the next `of` call.
 */
export class MembershipTester {
  private gen = 0;
  private readonly stamp: Uint32Array;

  constructor(n: number) {
    this.stamp = new Uint32Array(n);
  }

  /** null = every record. */
  of(c: Cands): ((d: number) => boolean) | null {
    if (c === null) return null;
    if (c.mask) {
      const m = c.mask;
      return (d) => m[d] === 1;
    }
    const g = this.nextGen();
    const stamp = this.stamp;
    const l = c.list;
    for (let i = 0; i < l.length; i++) stamp[l[i] as number] = g;
    return (d) => stamp[d] === g;
  }

  private nextGen(): number {
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    return this.gen;
  }
}
