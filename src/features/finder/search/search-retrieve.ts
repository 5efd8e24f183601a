/**
 * Retrieval: a query part's candidate set (search-candidates.ts) from the posting lists — a superset that
 * never misses a match. Han text by its bigrams and the towns it names; Latin text by the ways it reads as
 * pinyin syllables (side by side), as initials, as an English word prefix, or as a town.
 */
import type { IndexedRecords } from './search-tokens';
import { asList, unionCands, unionLists, type Cands } from './search-candidates';
import { alnumCode, hanBiKey, hanUniKey, initialsKey, tokenBase, TOWN_BASE, pairKey } from './search-keys';
import { EMPTY, intersect, intersectAll, type Postings } from './search-postings';
import { townsNamedBy, type SearchTown, type TownText } from './search-towns';

/** A prefix that names more vocabulary terms than this is treated as "anything" (broad). */
const MAX_PREFIX_TERMS = 48;
const MAX_SEGMENTATIONS = 8;

/** [from, to) of the terms of a sorted vocabulary starting with prefix. */
export function prefixRange(vocab: readonly string[], prefix: string): [number, number] {
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

export class CandidateRetriever {
  /** English words of the names, sorted (also the typo vocabulary's words). */
  readonly words: readonly string[];
  private readonly syllables: readonly string[];
  /** Syllable → token id; town syllables no name carries map to -1 (they segment, the town postings answer). */
  private readonly sylId = new Map<string, number>();
  private readonly wordId = new Map<string, number>();
  private readonly maxSyl: number;
  private readonly list: (key: number) => Postings;
  private readonly base: number;
  private readonly n: number;

  constructor(
    indexed: IndexedRecords,
    n: number,
    towns: readonly SearchTown[],
    private readonly townText: readonly TownText[],
  ) {
    this.n = n;
    this.list = indexed.store.list;
    this.base = tokenBase(towns.length);
    indexed.tokenText.forEach((w, id) => (indexed.tokenIsSyllable[id] ? this.sylId : this.wordId).set(w, id));
    // Town syllables join so "humen" segments even where no service name has 虎门.
    for (const t of towns) for (const s of t.pinyin.split(' ')) if (s && !this.sylId.has(s)) this.sylId.set(s, -1);
    this.syllables = [...this.sylId.keys()].sort();
    this.words = [...this.wordId.keys()].sort();
    let maxSyl = 1;
    for (const s of this.syllables) maxSyl = Math.max(maxSyl, s.length);
    this.maxSyl = maxSyl;
  }

  private tokenList(id: number | undefined): Postings {
    return id === undefined || id < 0 ? EMPTY : this.list(this.base + id);
  }

  private pairList(a: string, b: string): Postings {
    const ia = this.sylId.get(a) ?? -1,
      ib = this.sylId.get(b) ?? -1;
    return ia < 0 || ib < 0 ? EMPTY : this.list(pairKey(ia, ib));
  }

  /** Records whose zh / zhHant name may contain the Han string. */
  private hanNameCands(text: string): Postings {
    const cps = Array.from(text, (c) => c.codePointAt(0) as number);
    if (cps.length === 1) return this.list(hanUniKey(cps[0] as number));
    const lists: Postings[] = [];
    for (let i = 0; i + 1 < cps.length; i++) lists.push(this.list(hanBiKey(cps[i] as number, cps[i + 1] as number)));
    return intersectAll(lists);
  }

  /** Ways to read `s` as syllables, the last one possibly unfinished ("youery" → you|er|y…). */
  segmentations(s: string): { whole: string[]; partial: string | null }[] {
    const out: { whole: string[]; partial: string | null }[] = [];
    const walk = (rest: string, acc: string[]) => {
      if (out.length >= MAX_SEGMENTATIONS) return;
      if (rest === '') {
        out.push({ whole: acc, partial: null });
        return;
      }
      for (let len = Math.min(this.maxSyl, rest.length); len >= 1; len--) {
        const head = rest.slice(0, len);
        if (this.sylId.has(head)) walk(rest.slice(len), [...acc, head]);
      }
      if (!this.sylId.has(rest)) {
        const [a, b] = prefixRange(this.syllables, rest);
        if (b > a) out.push({ whole: acc, partial: rest });
      }
    };
    walk(s, []);
    return out;
  }

  /** Candidate superset for one part (may contain non-matches; never misses a match). */
  retrieve(text: string, han: boolean): Cands {
    return han ? this.retrieveHan(text) : this.retrieveLatin(text);
  }

  private retrieveHan(text: string): Cands {
    const sets: Cands[] = [asList(this.hanNameCands(text))];
    for (const ti of townsNamedBy(this.townText, text, true)) {
      const t = this.townText[ti]!;
      const townDocs = this.list(TOWN_BASE + ti);
      const rest = t.zh.includes(text) || t.zhHant.includes(text) ? '' : text.replace(t.zh, '').replace(t.zhShort, '');
      sets.push(asList(rest === '' ? townDocs : intersect(townDocs, this.hanNameCands(rest))));
    }
    return unionCands(sets, this.n);
  }

  private retrieveLatin(text: string): Cands {
    if (text.length < 2) return null; // one letter: nearly everything
    const sets: Cands[] = [];
    for (const seg of this.segmentations(text)) {
      if (seg.whole.length > 1) sets.push(asList(intersectAll(seg.whole.slice(1).map((s, i) => this.pairList(seg.whole[i] as string, s)))));
      else if (seg.whole.length === 1) sets.push(asList(this.tokenList(this.sylId.get(seg.whole[0] as string))));
      else if (seg.partial) {
        const [a, b] = prefixRange(this.syllables, seg.partial);
        if (b - a > MAX_PREFIX_TERMS) return null;
        const ls: Postings[] = [];
        for (let i = a; i < b; i++) ls.push(this.tokenList(this.sylId.get(this.syllables[i] as string)));
        sets.push(unionLists(ls, this.n));
      }
    }
    // Initials: a substring has every bigram; chunks ("hm…yey") at least the first and last bigram.
    const iniList = (i: number) => this.list(initialsKey(alnumCode(text.charCodeAt(i)), alnumCode(text.charCodeAt(i + 1))));
    if (text.length >= 3 && text.length <= 12) sets.push(asList(intersect(iniList(0), iniList(text.length - 2))));
    else {
      const ls: Postings[] = [];
      for (let i = 0; i + 1 < text.length; i++) ls.push(iniList(i));
      sets.push(asList(intersectAll(ls)));
    }
    const [a, b] = prefixRange(this.words, text);
    if (b - a > MAX_PREFIX_TERMS) return null;
    if (b > a) {
      const ls: Postings[] = [];
      for (let i = a; i < b; i++) ls.push(this.tokenList(this.wordId.get(this.words[i] as string)));
      sets.push(unionLists(ls, this.n));
    }
    for (const ti of townsNamedBy(this.townText, text, false)) sets.push(asList(this.list(TOWN_BASE + ti)));
    return unionCands(sets, this.n);
  }
}
