/**
 * Verification: how well one record matches one query part, read from the record's own strings (the index
 * keeps no per-record copies). Candidates come from search-retrieve.ts as a superset; a quality of 0 here
 * drops the false ones. Pure functions, except that each index's initials matcher keeps its own memo.
 */
import type { ServiceRecord } from '../../../data/feed-schema';
import { alnumCode, lowerAscii } from './search-keys';
import { latinNamesTown, type TownText } from './search-towns';

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

/** Pinyin match starting on a syllable start, spaces ignored ("humenyou" in "hu men you …"). */
export function pinyinQuality(full: string, q: string): number {
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
export function englishQuality(en: string, q: string): number {
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

/**
 * Tells whether a query splits into chunks of 2+ letters found in order in a record's initials
 * ("hm" + "yey" in "hmzslyey"): people abbreviate the words they think of, skipping the rest.
 * Verification asks this for one query over many records, so the query's slices are kept for the last
 * query seen — per matcher (one per index), never shared between indexes.
 */
export class InitialsChunkMatcher {
  private ends = new Int32Array(16);
  private query = '';
  /** query.slice(qi, qi + len) for every qi and len. */
  private chunks: string[][] = [];

  matches(q: string, initials: string): boolean {
    const L = q.length;
    if (L < 2) return false;
    const chunks = this.chunksOf(q);
    // end[qi]: the earliest position in `initials` after q[0, qi) placed as in-order chunks (-1: impossible).
    // Earliest is enough: whatever can follow a later end can follow an earlier one.
    const end = this.ends.length > L ? this.ends : (this.ends = new Int32Array(L + 1));
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

  private chunksOf(q: string): string[][] {
    if (this.query !== q) {
      this.chunks = Array.from(q, (_c, qi) => Array.from({ length: q.length - qi + 1 }, (_x, len) => q.slice(qi, qi + len)));
      this.query = q;
    }
    return this.chunks;
  }
}

/** One-off check (tests); an index keeps its own matcher. */
export function initialsInChunks(q: string, initials: string): boolean {
  return new InitialsChunkMatcher().matches(q, initials);
}

/** What verification reads besides the record: its folded English name and its town's names. */
export interface VerifyContext {
  records: readonly ServiceRecord[];
  docTown: Int16Array;
  towns: readonly TownText[];
  enFolded: ReadonlyMap<number, string>;
  initials: InitialsChunkMatcher;
}

/** How well record `d` matches one query part (0: not at all). */
export function verifyRecord(ctx: VerifyContext, d: number, text: string, han: boolean): number {
  const r = ctx.records[d] as ServiceRecord;
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
    if (best < Q.englishWord) best = Math.max(best, englishQuality(ctx.enFolded.get(d) ?? r.name.en, text));
    if (text.length >= 2 || best === 0) {
      const ini = r.pinyin.initials;
      const ai = ini.indexOf(text);
      if (ai === 0) best = Math.max(best, Q.initialsStart);
      else if (ai > 0 && text.length >= 2) best = Math.max(best, Q.initials);
      else if (ai < 0 && text.length >= 3 && best === 0 && ctx.initials.matches(text, ini)) best = Q.initialsChunks;
    }
    if (best > 0) return best;
  }
  const ti = ctx.docTown[d] as number;
  const t = ti >= 0 ? ctx.towns[ti] : undefined;
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
  return latinNamesTown(t, text) ? Q.town : 0;
}
