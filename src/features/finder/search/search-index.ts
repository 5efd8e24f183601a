/**
 * One search box over services: Chinese name (any substring), pinyin (full, spaced or not, syllable
 * prefixes, initials, initials in chunks), English name words (prefix), town names; one-edit typo tolerance.
 *
 * Posting lists live in search-postings.ts (one flat Uint32Array, counting-sort built). Keys are
 *   - Han characters and Han bigrams of name.zh / name.zhHant (hashed into 2^17 buckets: a collision only
 *     adds candidates, verification removes them),
 *   - pinyin syllables and English words (small exact vocabularies, so prefixes can be enumerated),
 *   - adjacent syllable pairs (hashed into 2^16 buckets), so "dongcheng" needs dong next to cheng,
 *   - bigrams of the pinyin initials (36 × 36 dense keys),
 *   - towns.
 * No per-record JS objects or strings are kept: verification reads the records' own strings (which the app
 * holds anyway). A query's candidates are the posting lists intersected rarest-first; small candidate sets are
 * verified and ranked in full; larger ones are never scored and sorted whole: they are visited nearest first
 * (search-nearest.ts for a candidate list, the spatial index's walk for a dense or unbounded set) until
 * enough matches are found, and only those are ranked. Typo corrections: search-typo.ts.
 *
 * Uses the feed's precomputed pinyin (no pinyin library in the browser).
 */
import type { ServiceRecord } from '../../../data/feed-schema';
import { distanceMetres } from '../../../geo/distance';
import { normalizeQuery } from '../shared/normalize-query';
import { EMPTY, intersect, intersectAll, PostingWriter, unionAll, type Postings } from './search-postings';
import { coordinatesOf, visitNearestFirst, type Coordinates } from './search-nearest';
import { addTownTerms, buildTypoIndex, TypoTermCollector, withinOneEdit } from './search-typo';

// Re-exported for the search tests and the bench, which import them from here.
export { normalizeQuery, withinOneEdit };

export interface SearchTown {
  code: string;
  zh: string;
  zhHant?: string;
  en: string;
  pinyin: string;
  initials: string;
}

export interface SearchHit {
  /** Index into the records array the index was built from. */
  index: number;
  /** Match quality, higher is better (100 exact Chinese name … 30 one-edit typo). */
  quality: number;
  /** Distance from the query place, when one was given. */
  metres: number | null;
}

export interface SearchOptions {
  /** How many hits to return (default 50). */
  limit?: number;
  /** Where the user is: ties in quality go to the nearer service. */
  near?: { lat: number; lon: number };
  /** Extra filter (the finder's filters), applied while verifying. */
  accept?: (index: number) => boolean;
}

export interface BuildSearchOptions {
  /**
   * The typo vocabulary, built ahead of time by search-typo.ts's buildTypoTerms (in a worker, at import);
   * without it the index builds its own while indexing.
   */
  typoTerms?: readonly string[];
}

/** Spatial helper the index may use for broad queries: nearest n indices passing pred, closest first. */
export type NearestFn = (lat: number, lon: number, n: number, pred: (index: number) => boolean) => { index: number; metres: number }[];

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Every record matching the query (for the map), in index order. */
  matchAll(query: string, accept?: (index: number) => boolean): number[];
  /** The towns a query names (for "did you mean" / picker). */
  townsMatching(query: string): string[];
  /** Size of the posting storage, for the bench. */
  readonly stats: { postings: number; keys: number; bytes: number };
}

/** Quality levels. */
export const Q = {
  zhExact: 100,
  zhPrefix: 90,
  zhSubstring: 80,
  pinyinStart: 75,
  englishWord: 75,
  pinyin: 70,
  englishPrefix: 70,
  initialsStart: 65,
  initials: 60,
  /** Initials in order with gaps between chunks: "hmyey" in hmzslyey (虎门镇示例幼儿园). */
  initialsChunks: 56,
  townAndName: 55,
  town: 50,
  typo: 30,
} as const;

/**
 * Candidate lists up to this size (or up to the number of matches a ranking needs, if larger) are verified
 * and ranked in full; larger ones are visited nearest first.
 */
const RANK_ALL_CAP = 500;
/** Without a place: at most this many matches, in index order, are ranked. */
const CANDIDATE_CAP = 2000;
/**
 * A candidate list of m is visited nearest first by distance selection (cost ~m) unless the spatial walk is
 * cheaper: it visits ~reach × n / m services when the matches are spread evenly, far more when they sit in
 * one far cluster, so it is chosen only for dense sets: m² > WALK_DENSITY × reach × n.
 */
const WALK_DENSITY = 4;
/**
 * Unions larger than this (or than a quarter of the records, if more) become a membership mask instead of
 * a merged list: a list keeps a town's 3,000 services rankable by distance selection (search-nearest.ts).
 */
const UNION_LIST_MAX = 4096;
/** A prefix that names more vocabulary terms than this is treated as "anything" (broad). */
const MAX_PREFIX_TERMS = 48;
const MAX_SEGMENTATIONS = 8;
const HAN_BITS = 17;
const HAN_BUCKETS = 1 << HAN_BITS;
const INI_BASE = HAN_BUCKETS;
/**
 * Adjacent pinyin syllables ("dong cheng"), hashed like Han bigrams: a multi-syllable query then needs the
 * syllables side by side, not merely somewhere in the name (长安长者饭堂 has chang and zhe, never changzhe).
 */
const PAIR_BITS = 16;
const PAIR_BASE = INI_BASE + 36 * 36;
const TOWN_BASE = PAIR_BASE + (1 << PAIR_BITS);

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+|[a-z0-9]+/gu;

function splitParts(q: string): string[] {
  return normalizeQuery(q).match(HAN_RUNS) ?? [];
}

function englishWords(s: string): string[] {
  return normalizeQuery(s).match(/[a-z0-9]+/g) ?? [];
}

/**
 * True when `q` splits into chunks of 2+ letters found in order in `initials`
 * ("hm" + "yey" in "hmzslyey"): people abbreviate the words they think of, skipping the rest.
 */
export function initialsInChunks(q: string, initials: string): boolean {
  const L = q.length;
  if (L < 2) return false;
  const chunks = chunksOf(q);
  // end[qi]: the earliest position in `initials` after q[0, qi) placed as in-order chunks (-1: impossible).
  // Earliest is enough: whatever can follow a later end can follow an earlier one.
  const end = chunkEnds.length > L ? chunkEnds : (chunkEnds = new Int32Array(L + 1));
  end.fill(-1, 0, L + 1);
  end[0] = 0;
  for (let qi = 0; qi < L; qi++) {
    const from = end[qi] as number;
    if (from < 0) continue;
    for (let len = 2; qi + len <= L; len++) {
      if (L - qi - len === 1) continue; // never leave a single letter
      const at = initials.indexOf(chunks[qi]![len] as string, from);
      if (at < 0) break; // every longer chunk from qi contains this one
      const e = at + len,
        was = end[qi + len] as number;
      if (was < 0 || e < was) end[qi + len] = e;
    }
  }
  return (end[L] as number) >= 0;
}
let chunkEnds = new Int32Array(16);
/** q.slice(qi, qi + len) for every qi and len, for the last query seen (verification repeats it per record). */
let chunkMemo: { q: string; chunks: string[][] } = { q: '', chunks: [] };
function chunksOf(q: string): string[][] {
  if (chunkMemo.q !== q) {
    const chunks = Array.from(q, (_c, qi) => Array.from({ length: q.length - qi + 1 }, (_x, len) => q.slice(qi, qi + len)));
    chunkMemo = { q, chunks };
  }
  return chunkMemo.chunks;
}

/* ---------- character helpers (no allocation) ---------- */

/** a–z → 1–26, 0–9 → 27–36, A–Z folded; 0 for anything else (a separator). */
function alnumCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 65 && c <= 90) return c - 64;
  if (c >= 48 && c <= 57) return c - 21;
  return 0;
}
const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
/** Anything from CJK radicals up counts as an indexable "Han" code point (a superset of \p{Script=Han}). */
const isHanCp = (cp: number) => cp >= 0x2e80 && !(cp >= 0xff00 && cp <= 0xffef);

const mix = (x: number) => {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
};
const hanUniKey = (cp: number) => mix(cp * 2 + 1) & (HAN_BUCKETS - 1);
const hanBiKey = (a: number, b: number) => mix(Math.imul(a, 0x10001) ^ mix(b)) & (HAN_BUCKETS - 1);
const pairKey = (a: number, b: number) => PAIR_BASE + (mix(Math.imul(a + 1, 0x9e3779b1) ^ mix(b + 7)) & ((1 << PAIR_BITS) - 1));

/**
 * A part's candidates: a sorted list, a membership mask (large unions, not worth sorting), or null =
 * "could be anything" (one-letter queries, prefixes naming too many terms).
 */
type Cands = { list: Postings; mask: null; size: number } | { list: null; mask: Uint8Array; size: number } | null;
const asList = (list: Postings): Cands => ({ list, mask: null, size: list.length });

/* ---------- verification helpers (pure: they read only their arguments) ---------- */

/** Pinyin match starting on a syllable start, spaces ignored ("humenyou" in "hu men you …"). */
function pinyinQuality(full: string, q: string): number {
  let first = true;
  for (let s = 0; s < full.length; s++) {
    if (full.charCodeAt(s) === 32 || (s > 0 && full.charCodeAt(s - 1) !== 32)) continue;
    let i = s,
      k = 0;
    while (k < q.length && i < full.length) {
      const c = full.charCodeAt(i);
      if (c === 32) {
        i++;
        continue;
      }
      if (c !== q.charCodeAt(k)) break;
      i++;
      k++;
    }
    if (k === q.length) return first ? Q.pinyinStart : Q.pinyin;
    first = false;
  }
  return 0;
}

/** English word prefix, ASCII case folded; whole word beats prefix. */
function englishQuality(en: string, q: string): number {
  let best = 0;
  for (let s = 0; s < en.length; s++) {
    if (!alnumCode(en.charCodeAt(s)) || (s > 0 && alnumCode(en.charCodeAt(s - 1)))) continue;
    let k = 0;
    while (k < q.length && s + k < en.length && lowerAscii(en.charCodeAt(s + k)) === q.charCodeAt(k)) k++;
    if (k < q.length) continue;
    if (s + k >= en.length || !alnumCode(en.charCodeAt(s + k))) return Q.englishWord;
    best = Q.englishPrefix;
  }
  return best;
}

/* ---------- the index ---------- */

export function buildSearchIndex(
  records: readonly ServiceRecord[],
  towns: readonly SearchTown[],
  nearest?: NearestFn,
  options: BuildSearchOptions = {},
): SearchIndex {
  const n = records.length;
  const townIndex = new Map<string, number>();
  towns.forEach((t, i) => townIndex.set(t.code, i));
  const docTown = new Int16Array(n);
  /** English names that need Unicode folding (diacritics); the rest are read raw. */
  const enFolded = new Map<number, string>();

  // Token vocabularies (pinyin syllables, English words) share one id counter so their keys never clash.
  // Tokens are interned through a build-time trie over a–z0–9 (typed arrays): exact, and no string or
  // boxed-number allocation per token; only a new token's text is sliced once.
  const tokenText: string[] = [];
  const tokenIsSyl: boolean[] = [];
  const TOKEN_BASE = TOWN_BASE + towns.length;
  let trie = new Int32Array(37 * 1024).fill(-1);
  let trieSyl = new Int32Array(1024).fill(-1);
  let trieWord = new Int32Array(1024).fill(-1);
  let trieNodes = 1;
  const trieChild = (node: number, code: number): number => {
    const at = node * 37 + code;
    let next = trie[at] as number;
    if (next < 0) {
      next = trieNodes++;
      if (next >= trieSyl.length) {
        const grow = (a: Int32Array, size: number) => {
          const b = new Int32Array(size).fill(-1);
          b.set(a);
          return b;
        };
        trie = grow(trie, trie.length * 2);
        trieSyl = grow(trieSyl, trieSyl.length * 2);
        trieWord = grow(trieWord, trieWord.length * 2);
      }
      trie[at] = next;
    }
    return next;
  };

  const writer = new PostingWriter(n, TOKEN_BASE + 1024);
  const emit = (key: number) => writer.emit(key);
  // The typo vocabulary's syllable runs are read here, from the ids this pass assigns anyway.
  const typo = options.typoTerms ? null : new TypoTermCollector();

  const tokenId = (node: number, s: string, from: number, to: number, syl: boolean): number => {
    const ids = syl ? trieSyl : trieWord;
    let id = ids[node] as number;
    if (id < 0) {
      id = tokenText.length;
      ids[node] = id;
      tokenText.push(s.slice(from, to).toLowerCase());
      tokenIsSyl.push(syl);
    }
    return id;
  };

  /** Tokens of an ASCII string (split on anything not a–z/0–9), as vocabulary keys. */
  const emitTokens = (s: string, syl: boolean) => {
    let node = 0,
      start = -1,
      prev = -1;
    for (let i = 0; i <= s.length; i++) {
      const code = i < s.length ? alnumCode(s.charCodeAt(i)) : 0;
      if (code !== 0) {
        if (start < 0) {
          start = i;
          node = 0;
        }
        node = trieChild(node, code);
      } else if (start >= 0) {
        const id = tokenId(node, s, start, i, syl);
        emit(TOKEN_BASE + id);
        if (syl) {
          if (prev >= 0) emit(pairKey(prev, id));
          prev = id;
          typo?.addSyllable(id);
        }
        start = -1;
      }
    }
  };

  const emitHan = (s: string) => {
    let prev = -1;
    for (let i = 0; i < s.length;) {
      const cp = s.codePointAt(i) as number;
      i += cp > 0xffff ? 2 : 1;
      if (isHanCp(cp)) {
        emit(hanUniKey(cp));
        if (prev >= 0) emit(hanBiKey(prev, cp));
        prev = cp;
      } else prev = -1;
    }
  };

  // Pass 1: vocabularies, counts, and each record's keys.
  for (let doc = 0; doc < n; doc++) {
    writer.startDoc(doc);
    const r = records[doc] as ServiceRecord;
    const t = townIndex.get(r.town) ?? -1;
    docTown[doc] = t;
    emitHan(r.name.zh);
    if (r.name.zhHant && r.name.zhHant !== r.name.zh) emitHan(r.name.zhHant);
    emitTokens(r.pinyin.full, true);
    typo?.endRecord();
    let en = r.name.en;
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(en)) enFolded.set(doc, (en = normalizeQuery(en)));
    emitTokens(en, false);
    const ini = r.pinyin.initials;
    for (let i = 0; i + 1 < ini.length; i++) {
      const a = alnumCode(ini.charCodeAt(i)),
        b = alnumCode(ini.charCodeAt(i + 1));
      if (a && b) emit(INI_BASE + (a - 1) * 36 + (b - 1));
    }
    if (t >= 0) emit(TOWN_BASE + t);
  }
  trie = trieSyl = trieWord = new Int32Array(0);
  const keyCount = TOKEN_BASE + tokenText.length;
  const store = writer.finish(keyCount);
  const list = store.list;

  const townText = towns.map((t) => ({
    zh: t.zh,
    zhHant: t.zhHant ?? t.zh,
    // "虎门镇" → also "虎门": people drop the 镇 / 街道 suffix.
    zhShort: t.zh.replace(/(镇|街道|园区|开发区|新区)$/u, ''),
    py: t.pinyin.replace(/ /g, ''),
    initials: t.initials,
    en: englishWords(t.en),
  }));

  // Vocabularies for segmentation and prefixes. Town syllables join so "humen" segments even where no
  // service name has 虎门 (their lists may be empty; the town postings answer).
  const sylId = new Map<string, number>();
  const wordId = new Map<string, number>();
  tokenText.forEach((w, id) => (tokenIsSyl[id] ? sylId : wordId).set(w, id));
  for (const t of towns) for (const s of t.pinyin.split(' ')) if (s && !sylId.has(s)) sylId.set(s, -1);
  const syllables = [...sylId.keys()].sort();
  const words = [...wordId.keys()].sort();
  let maxSyl = 1;
  for (const s of syllables) maxSyl = Math.max(maxSyl, s.length);
  const tokenList = (id: number | undefined) => (id === undefined || id < 0 ? EMPTY : list(TOKEN_BASE + id));
  const sylList = (s: string) => tokenList(sylId.get(s));
  const pairList = (a: string, b: string) => {
    const ia = sylId.get(a) ?? -1,
      ib = sylId.get(b) ?? -1;
    return ia < 0 || ib < 0 ? EMPTY : list(pairKey(ia, ib));
  };
  const wordList = (w: string) => tokenList(wordId.get(w));

  /** [from, to) of the terms of a sorted vocabulary starting with prefix. */
  function prefixRange(vocab: readonly string[], prefix: string): [number, number] {
    let lo = 0,
      hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < vocab.length && (vocab[end] as string).startsWith(prefix)) end++;
    return [lo, end];
  }

  /* ---------- candidate sets ---------- */

  let gen = 0;
  const stamp = new Uint32Array(n);
  const nextGen = () => {
    gen = (gen + 1) >>> 0;
    if (gen === 0) {
      stamp.fill(0);
      gen = 1;
    }
    return gen;
  };

  function union(lists: Postings[]): Cands {
    let total = 0;
    for (const l of lists) total += l.length;
    if (lists.length === 1) return asList(lists[0] as Postings);
    if (total <= Math.max(UNION_LIST_MAX, n >> 2)) return asList(unionAll(lists));
    const mask = new Uint8Array(n);
    for (const l of lists) for (let i = 0; i < l.length; i++) mask[l[i] as number] = 1;
    return { list: null, mask, size: total };
  }

  function unionCands(sets: Cands[]): Cands {
    const lists: Postings[] = [];
    const masks: Uint8Array[] = [];
    for (const s of sets) {
      if (s === null) return null;
      if (s.list) {
        if (s.list.length) lists.push(s.list);
      } else masks.push(s.mask);
    }
    if (masks.length === 0) return union(lists.length ? lists : [EMPTY]);
    const mask = masks[0] as Uint8Array;
    let size = 0;
    for (let m = 1; m < masks.length; m++) {
      const other = masks[m] as Uint8Array;
      for (let i = 0; i < n; i++) mask[i] = (mask[i] as number) | (other[i] as number);
    }
    for (const l of lists) for (let i = 0; i < l.length; i++) mask[l[i] as number] = 1;
    for (const s of sets) size += s?.size ?? 0;
    return { list: null, mask, size };
  }

  function intersectCands(a: Cands, b: Cands): Cands {
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
    const m = a.mask as Uint8Array;
    const other = b.mask as Uint8Array;
    for (let i = 0; i < n; i++) m[i] = (m[i] as number) & (other[i] as number);
    return { list: null, mask: m, size: Math.min(a.size, b.size) };
  }

  const hanChars = (s: string) => Array.from(s, (c) => c.codePointAt(0) as number);

  /** Docs whose zh / zhHant name may contain the Han string. */
  function hanNameCands(text: string): Postings {
    const cps = hanChars(text);
    if (cps.length === 1) return list(hanUniKey(cps[0] as number));
    const lists: Postings[] = [];
    for (let i = 0; i + 1 < cps.length; i++) lists.push(list(hanBiKey(cps[i] as number, cps[i + 1] as number)));
    return intersectAll(lists);
  }

  function townsFor(text: string, han: boolean): number[] {
    const out: number[] = [];
    townText.forEach((t, i) => {
      if (han) {
        if (t.zh.includes(text) || t.zhHant.includes(text) || (t.zhShort.length >= 2 && text.includes(t.zhShort))) out.push(i);
      } else if (text.length >= 2 && (t.py.startsWith(text) || t.initials.startsWith(text) || t.en.some((w) => w.startsWith(text)))) {
        out.push(i);
      }
    });
    return out;
  }

  /** Ways to read `s` as syllables, the last one possibly unfinished ("youery" → you|er|y…). */
  function segmentations(s: string): { whole: string[]; partial: string | null }[] {
    const out: { whole: string[]; partial: string | null }[] = [];
    const walk = (rest: string, acc: string[]) => {
      if (out.length >= MAX_SEGMENTATIONS) return;
      if (rest === '') {
        out.push({ whole: acc, partial: null });
        return;
      }
      for (let len = Math.min(maxSyl, rest.length); len >= 1; len--) {
        const head = rest.slice(0, len);
        if (sylId.has(head)) walk(rest.slice(len), [...acc, head]);
      }
      if (!sylId.has(rest)) {
        const [a, b] = prefixRange(syllables, rest);
        if (b > a) out.push({ whole: acc, partial: rest });
      }
    };
    walk(s, []);
    return out;
  }

  /** Candidate superset for one part (may contain non-matches; never misses a match). */
  function retrieve(text: string, han: boolean): Cands {
    const sets: Cands[] = [];
    if (han) {
      sets.push(asList(hanNameCands(text)));
      for (const ti of townsFor(text, true)) {
        const t = townText[ti]!;
        const townDocs = list(TOWN_BASE + ti);
        const rest = t.zh.includes(text) || t.zhHant.includes(text) ? '' : text.replace(t.zh, '').replace(t.zhShort, '');
        sets.push(asList(rest === '' ? townDocs : intersect(townDocs, hanNameCands(rest))));
      }
      return unionCands(sets);
    }
    if (text.length < 2) return null; // one letter: nearly everything
    for (const seg of segmentations(text)) {
      if (seg.whole.length > 1) sets.push(asList(intersectAll(seg.whole.slice(1).map((s, i) => pairList(seg.whole[i] as string, s)))));
      else if (seg.whole.length === 1) sets.push(asList(sylList(seg.whole[0] as string)));
      else if (seg.partial) {
        const [a, b] = prefixRange(syllables, seg.partial);
        if (b - a > MAX_PREFIX_TERMS) return null;
        const ls: Postings[] = [];
        for (let i = a; i < b; i++) ls.push(sylList(syllables[i] as string));
        sets.push(union(ls));
      }
    }
    // Initials: a substring has every bigram; chunks ("hm…yey") at least the first and last bigram.
    const iniKey = (i: number) => INI_BASE + (alnumCode(text.charCodeAt(i)) - 1) * 36 + (alnumCode(text.charCodeAt(i + 1)) - 1);
    if (text.length >= 3 && text.length <= 12) sets.push(asList(intersect(list(iniKey(0)), list(iniKey(text.length - 2)))));
    else {
      const ls: Postings[] = [];
      for (let i = 0; i + 1 < text.length; i++) ls.push(list(iniKey(i)));
      sets.push(asList(intersectAll(ls)));
    }
    const [a, b] = prefixRange(words, text);
    if (b - a > MAX_PREFIX_TERMS) return null;
    if (b > a) {
      const ls: Postings[] = [];
      for (let i = a; i < b; i++) ls.push(wordList(words[i] as string));
      sets.push(union(ls));
    }
    for (const ti of townsFor(text, false)) sets.push(asList(list(TOWN_BASE + ti)));
    return unionCands(sets);
  }

  /* ---------- verification (reads the record's own strings) ---------- */

  function verify(d: number, text: string, han: boolean): number {
    const r = records[d] as ServiceRecord;
    const zh = r.name.zh;
    const zhHant = r.name.zhHant ?? '';
    if (han) {
      if (zh === text || zhHant === text) return Q.zhExact;
      const at = zh.indexOf(text);
      const atHant = zhHant ? zhHant.indexOf(text) : -1;
      if (at === 0 || atHant === 0) return Q.zhPrefix;
      if (at > 0 || atHant > 0) return Q.zhSubstring;
    } else {
      let best = pinyinQuality(r.pinyin.full, text);
      if (best < Q.englishWord) best = Math.max(best, englishQuality(enFolded.get(d) ?? r.name.en, text));
      if (text.length >= 2 || best === 0) {
        const ini = r.pinyin.initials;
        const ai = ini.indexOf(text);
        if (ai === 0) best = Math.max(best, Q.initialsStart);
        else if (ai > 0 && text.length >= 2) best = Math.max(best, Q.initials);
        else if (ai < 0 && text.length >= 3 && best === 0 && initialsInChunks(text, ini)) best = Q.initialsChunks;
      }
      if (best > 0) return best;
    }
    const ti = docTown[d] as number;
    const t = ti >= 0 ? townText[ti] : undefined;
    if (!t) return 0;
    if (han) {
      if (t.zh.includes(text) || t.zhHant.includes(text)) return Q.town;
      // "虎门幼儿园": the town, then words of the name ("幼儿园" must still be in it).
      if (t.zhShort.length >= 2 && text.includes(t.zhShort)) {
        const rest = text.replace(t.zh, '').replace(t.zhShort, '');
        if (rest === '') return Q.town;
        if (zh.includes(rest) || zhHant.includes(rest)) return Q.townAndName;
      }
      return 0;
    }
    return text.length >= 2 && (t.py.startsWith(text) || t.initials.startsWith(text) || t.en.some((w) => w.startsWith(text))) ? Q.town : 0;
  }

  /* ---------- typo tolerance ---------- */

  // Built with the index (or handed in, built ahead of time), so the first misspelt query pays nothing.
  let typoTerms = options.typoTerms;
  if (!typoTerms && typo) {
    addTownTerms(typo, towns);
    for (const w of words) typo.addTerm(w);
    typoTerms = typo.finish((id) => tokenText[id] as string);
  }
  const typoIndex = buildTypoIndex(typoTerms ?? []);

  /* ---------- planning and ranking ---------- */

  interface PlanPart {
    han: boolean;
    texts: string[];
    fuzzy: boolean;
  }
  interface Plan {
    parts: PlanPart[];
    cands: Cands;
  }

  function plan(query: string): Plan | null {
    const raw = splitParts(query);
    if (raw.length === 0) return null;
    const parts: PlanPart[] = [];
    let cands: Cands = null;
    for (const text of raw) {
      const han = HAN.test(text);
      let set = retrieve(text, han);
      const part: PlanPart = { han, texts: [text], fuzzy: false };
      if (!han && set !== null && set.size === 0) {
        const fixes = typoIndex.corrections(text);
        if (fixes.length > 0) {
          part.fuzzy = true;
          part.texts = fixes;
          set = unionCands(fixes.map((f) => retrieve(f, false)));
        }
      }
      parts.push(part);
      cands = intersectCands(cands, set);
    }
    return { parts, cands };
  }

  /** Worst part quality (every part must match), 0 when the doc doesn't match. */
  function score(d: number, p: Plan): number {
    let worst = Infinity;
    for (const part of p.parts) {
      let q = 0;
      for (const t of part.texts) q = Math.max(q, verify(d, t, part.han));
      if (q === 0) return 0;
      if (part.fuzzy) q = Math.min(q, Q.typo);
      if (q < worst) worst = q;
    }
    return worst === Infinity ? 0 : worst;
  }

  const bySort = (a: SearchHit, b: SearchHit) => b.quality - a.quality || (a.metres ?? 0) - (b.metres ?? 0) || a.index - b.index;
  const quality = new Uint8Array(n);
  /** Typed copies of the coordinates, made on the first query ranked by distance selection. */
  let coords: Coordinates | undefined;

  /** Membership test for big candidate sets (null = every doc). */
  function member(c: Cands): ((d: number) => boolean) | null {
    if (c === null) return null;
    if (c.mask) {
      const m = c.mask;
      return (d) => m[d] === 1;
    }
    const g = nextGen();
    const l = c.list;
    for (let i = 0; i < l.length; i++) stamp[l[i] as number] = g;
    return (d) => stamp[d] === g;
  }

  return {
    stats: { postings: store.postings, keys: keyCount, bytes: store.bytes + docTown.byteLength },
    search(query, options = {}) {
      const limit = options.limit ?? 50;
      const p = plan(query);
      if (!p || (p.cands !== null && p.cands.size === 0)) return [];
      const { accept, near } = options;
      // A broad query ranks the nearest `reach` matches by quality: far-away better matches may be left out (wanted).
      const reach = Math.max(limit * 2, 100);
      const hits: SearchHit[] = [];
      const c = p.cands;
      const list = c?.list ?? null;
      /** Scores one candidate; true once `reach` matches are in (the nearest-first walks stop there). */
      const take = (d: number, metres: number | null): boolean => {
        if (accept && !accept(d)) return false;
        const q = score(d, p);
        if (q > 0) hits.push({ index: d, quality: q, metres });
        return hits.length >= reach;
      };
      if (list && list.length <= Math.max(RANK_ALL_CAP, reach)) {
        // Small: every match ranked (quality, then distance).
        for (let k = 0; k < list.length; k++) {
          const d = list[k] as number;
          if (accept && !accept(d)) continue;
          const q = score(d, p);
          if (q > 0) {
            const r = records[d] as ServiceRecord;
            hits.push({ index: d, quality: q, metres: near ? distanceMetres(near.lat, near.lon, r.lat, r.lon) : null });
          }
        }
      } else if (near && list && !(nearest && list.length * list.length > WALK_DENSITY * reach * n)) {
        // A candidate list: nearest first by distance selection over the list itself.
        visitNearestFirst(list, near, (coords ??= coordinatesOf(records)), take);
      } else if (near && nearest) {
        // Dense or unbounded (a membership mask, one letter): walk the spatial index outward with the match
        // test as its predicate; it stops at `reach` matches.
        const isCand = member(c);
        const found = nearest(near.lat, near.lon, reach, (d) => {
          if ((isCand && !isCand(d)) || (accept && !accept(d))) return false;
          const q = score(d, p);
          quality[d] = q;
          return q > 0;
        });
        for (const f of found) hits.push({ index: f.index, quality: quality[f.index] as number, metres: f.metres });
      } else if (list) {
        // No place: the first matches in index order, up to the cap.
        for (let k = 0; k < list.length && hits.length < CANDIDATE_CAP; k++) take(list[k] as number, null);
      } else {
        const isCand = member(c);
        for (let d = 0; d < n && hits.length < CANDIDATE_CAP; d++) if (!isCand || isCand(d)) take(d, null);
      }
      hits.sort(bySort);
      return hits.length > limit ? hits.slice(0, limit) : hits;
    },
    matchAll(query, accept) {
      const p = plan(query);
      if (!p) return [];
      const out: number[] = [];
      const c = p.cands;
      if (c !== null && c.list) {
        for (let k = 0; k < c.list.length; k++) {
          const d = c.list[k] as number;
          if ((!accept || accept(d)) && score(d, p) > 0) out.push(d);
        }
        return out;
      }
      const m = c?.mask;
      for (let d = 0; d < n; d++) if ((!m || m[d]) && (!accept || accept(d)) && score(d, p) > 0) out.push(d);
      return out;
    },
    townsMatching(query) {
      const codes = new Set<string>();
      for (const text of splitParts(query)) for (const t of townsFor(text, HAN.test(text))) codes.add(towns[t]?.code ?? '');
      codes.delete('');
      return [...codes];
    },
  };
}
