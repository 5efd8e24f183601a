/**
 * Posting lists of the search index: which records (ascending indices) carry each integer key.
 * ONE flat Uint32Array of postings plus one Uint32Array of offsets, filled by a two-pass counting sort
 * (chosen by measurement, see tests/bench/search-bench.ts): no per-key arrays or objects.
 * What a key means (a Han bigram bucket, a syllable, a town) is the index's business, not this module's.
 */

export type Postings = Uint32Array;
export const EMPTY: Postings = new Uint32Array(0);

/* ---------- list algebra (inputs sorted ascending, outputs too) ---------- */

/** Exponential search of each element of the small list in the big one. */
export function gallopIntersect(small: Postings, big: Postings): Postings {
  const out = new Uint32Array(small.length);
  let k = 0,
    lo = 0;
  for (let i = 0; i < small.length && lo < big.length; i++) {
    const x = small[i] as number;
    let step = 1,
      hi = lo;
    while (hi < big.length && (big[hi] as number) < x) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi > big.length - 1) hi = big.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((big[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    if (big[lo] === x) {
      out[k++] = x;
      lo++;
    }
  }
  return out.subarray(0, k);
}

export function intersect(a: Postings, b: Postings): Postings {
  if (a.length > b.length) [a, b] = [b, a];
  if (a.length === 0) return EMPTY;
  if (b.length > 16 * a.length) return gallopIntersect(a, b);
  const out = new Uint32Array(a.length);
  let i = 0,
    j = 0,
    k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number,
      y = b[j] as number;
    if (x === y) {
      out[k++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, k);
}

/** Rarest first, so the running result only shrinks. */
export function intersectAll(lists: readonly Postings[]): Postings {
  if (lists.length === 0) return EMPTY;
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let acc = sorted[0] as Postings;
  for (let i = 1; i < sorted.length && acc.length > 0; i++) acc = intersect(acc, sorted[i] as Postings);
  return acc;
}

/** Merge of two lists, each value once. */
export function merge(a: Postings, b: Postings): Postings {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  let i = 0,
    j = 0,
    k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number,
      y = b[j] as number;
    if (x <= y) {
      out[k++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out.subarray(0, k);
}

/** Union of any number of lists: pairwise merges, smallest first (O(total × log lists)). */
export function unionAll(lists: readonly Postings[]): Postings {
  if (lists.length === 0) return EMPTY;
  let level = [...lists].sort((a, b) => a.length - b.length);
  while (level.length > 1) {
    const next: Postings[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? merge(level[i] as Postings, level[i + 1] as Postings) : (level[i] as Postings));
    level = next;
  }
  return level[0] as Postings;
}

/* ---------- building ---------- */

export interface PostingStore {
  /** The records carrying `key`, ascending; empty for an unknown key. */
  list(key: number): Postings;
  readonly keyCount: number;
  readonly postings: number;
  readonly bytes: number;
}

/**
 * Collects keys record by record (records in ascending order, each started with `startDoc`), then lays the
 * lists out in one pass. A key emitted twice for one record counts once. Keys may be any integer ≥ 0;
 * the key space grows as needed.
 */
export class PostingWriter {
  private counts: Uint32Array;
  private seen: Int32Array;
  private keyBuf: Uint32Array;
  private keyLen = 0;
  private readonly docEnd: Uint32Array;
  private doc = -1;
  private maxKey = -1;

  constructor(docs: number, keySpace = 1024, keysPerDoc = 48) {
    this.counts = new Uint32Array(Math.max(1, keySpace));
    this.seen = new Int32Array(this.counts.length).fill(-1);
    this.keyBuf = new Uint32Array(Math.max(1024, docs * keysPerDoc));
    this.docEnd = new Uint32Array(docs);
  }

  /** Starts record `doc` (0, 1, 2 … in order); closes the one before. */
  startDoc(doc: number): void {
    if (this.doc >= 0) this.docEnd[this.doc] = this.keyLen;
    for (let d = this.doc + 1; d < doc; d++) this.docEnd[d] = this.keyLen; // skipped records carry no keys
    this.doc = doc;
  }

  emit(key: number): void {
    if (key >= this.counts.length) this.growKeys(key + 1);
    if (this.seen[key] === this.doc) return; // once per record
    this.seen[key] = this.doc;
    this.counts[key] = (this.counts[key] as number) + 1;
    if (key > this.maxKey) this.maxKey = key;
    if (this.keyLen === this.keyBuf.length) {
      const grown = new Uint32Array(this.keyBuf.length * 2);
      grown.set(this.keyBuf);
      this.keyBuf = grown;
    }
    this.keyBuf[this.keyLen++] = key;
  }

  private growKeys(min: number): void {
    let size = this.counts.length * 2;
    while (size < min) size *= 2;
    const counts = new Uint32Array(size);
    counts.set(this.counts);
    const seen = new Int32Array(size).fill(-1);
    seen.set(this.seen);
    this.counts = counts;
    this.seen = seen;
  }

  /** Lays the lists out (counting sort: records were visited in order, so every list comes out sorted). */
  finish(keyCount = this.maxKey + 1): PostingStore {
    const n = this.docEnd.length;
    for (let d = Math.max(0, this.doc); d < n; d++) this.docEnd[d] = this.keyLen;
    const offsets = new Uint32Array(keyCount + 1);
    for (let k = 0; k < keyCount; k++) offsets[k + 1] = (offsets[k] as number) + ((this.counts[k] as number) || 0);
    const post = new Uint32Array(offsets[keyCount] as number);
    const cursor = offsets.slice(0, keyCount);
    const keyBuf = this.keyBuf;
    for (let d = 0, k = 0; d < n; d++) {
      const end = this.docEnd[d] as number;
      for (; k < end; k++) {
        const key = keyBuf[k] as number;
        if (key < keyCount) post[(cursor[key] as number)++] = d;
      }
    }
    // The build buffers are garbage from here on.
    this.keyBuf = this.counts = new Uint32Array(0);
    this.seen = new Int32Array(0);
    return {
      list: (key) => (key < 0 || key >= keyCount ? EMPTY : post.subarray(offsets[key], offsets[key + 1])),
      keyCount,
      postings: post.length,
      bytes: post.byteLength + offsets.byteLength,
    };
  }
}
