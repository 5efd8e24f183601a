/**
 * One-edit typo tolerance for the search index: the vocabulary a misspelt part may be corrected to
 * (English words, town names, runs of 2–3 pinyin syllables such as "youeryuan" — what people type as one
 * word), and the lookup of the terms one edit away. Only terms and queries of 5+ letters.
 *
 * The vocabulary is a plain string array, so it can be built ahead of time (in a worker, at import) and
 * handed to buildSearchIndex; by default the index builds it with its postings, from the syllable ids it
 * reads anyway. Lookup is bounded: a one-edit pair of 5+ letters shares its first two or its last two
 * letters, so only two small buckets per candidate length are compared, never the whole vocabulary.
 */
import type { ServiceRecord } from '../../../data/feed-schema';
import { normalizeQuery } from '../common/normalize-query';

export const TYPO_MIN_LENGTH = 5;
/** At most this many corrections per part: each one is retrieved and verified like a query of its own. */
export const MAX_CORRECTIONS = 4;

/** Optimal-string-alignment distance ≤ 1 (substitution, insertion, deletion, adjacent swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length,
    lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Town names as the typo vocabulary needs them. */
export interface TypoTown {
  pinyin: string;
  en: string;
}

const ID_BITS = 16;
const ID_LIMIT = 1 << ID_BITS;
const BASE = ID_LIMIT + 1;

/**
 * Collects the vocabulary while records are read: syllables by id (numbers, so 100k records cost no string
 * concatenation), other terms as text. `finish` spells each distinct run once.
 */
export class TypoTermCollector {
  private readonly terms = new Set<string>();
  private readonly runs = new Set<number>();
  private ordinalOf = new Int32Array(256).fill(-1);
  private readonly idOfOrdinal: number[] = [];
  private a = -1;
  private b = -1;

  /** A term of its own (an English word, a town name). */
  addTerm(term: string): void {
    if (term.length >= TYPO_MIN_LENGTH) this.terms.add(term);
  }

  /** The next syllable of the current record, by the caller's syllable id (≥ 0). */
  addSyllable(id: number): void {
    if (id >= this.ordinalOf.length) {
      let size = this.ordinalOf.length * 2;
      while (size <= id) size *= 2;
      const grown = new Int32Array(size).fill(-1);
      grown.set(this.ordinalOf);
      this.ordinalOf = grown;
    }
    let c = this.ordinalOf[id] as number;
    if (c < 0) {
      c = this.idOfOrdinal.length;
      this.ordinalOf[id] = c;
      this.idOfOrdinal.push(id);
    }
    // Ordinals beyond 16 bits (never seen in pinyin) end the run instead of overflowing the key.
    if (c >= ID_LIMIT) c = -1;
    const { a, b } = this;
    if (b >= 0 && c >= 0) {
      const pair = (b + 1) * BASE + (c + 1);
      this.runs.add(pair);
      if (a >= 0) this.runs.add(((a + 1) * BASE + (b + 1)) * BASE + (c + 1));
    }
    this.a = b;
    this.b = c;
  }

  /** Ends the current record (runs never cross records). */
  endRecord(): void {
    this.a = this.b = -1;
  }

  /** The vocabulary; `text(id)` spells a syllable id. */
  finish(text: (id: number) => string): string[] {
    for (let key of this.runs) {
      let w = '';
      while (key > 0) {
        w = text(this.idOfOrdinal[(key % BASE) - 1] as number) + w;
        key = Math.floor(key / BASE);
      }
      this.addTerm(w);
    }
    this.runs.clear();
    return [...this.terms];
  }
}

/** Town pinyin (joined) and English words of 5+ letters. */
export function addTownTerms(collector: TypoTermCollector, towns: readonly TypoTown[]): void {
  for (const t of towns) {
    collector.addTerm(t.pinyin.replace(/ /g, ''));
    for (const w of normalizeQuery(t.en).match(/[a-z0-9]+/g) ?? []) collector.addTerm(w);
  }
}

/**
 * The typo vocabulary of a set of records, as plain strings (structured-clone friendly): what
 * buildSearchIndex builds for itself, for a caller that wants it ahead of time (a worker, at import).
 */
export function buildTypoTerms(records: readonly Pick<ServiceRecord, 'name' | 'pinyin'>[], towns: readonly TypoTown[]): string[] {
  const collector = new TypoTermCollector();
  addTownTerms(collector, towns);
  const ids = new Map<string, number>();
  const texts: string[] = [];
  const words = new Set<string>();
  for (const r of records) {
    for (const syl of r.pinyin.full.split(' ')) {
      if (!syl) continue;
      let id = ids.get(syl);
      if (id === undefined) {
        id = texts.length;
        ids.set(syl, id);
        texts.push(syl);
      }
      collector.addSyllable(id);
    }
    collector.endRecord();
    // Unicode folding only for names that need it (it is most of the cost otherwise).
    const en = r.name.en;
    // eslint-disable-next-line no-control-regex
    const folded = /[^\x00-\x7f]/.test(en) ? normalizeQuery(en) : en.toLowerCase();
    for (const w of folded.match(/[a-z0-9]+/g) ?? []) if (w.length >= TYPO_MIN_LENGTH) words.add(w);
  }
  for (const w of words) collector.addTerm(w);
  return collector.finish((id) => texts[id] as string);
}

export interface TypoIndex {
  /** Up to MAX_CORRECTIONS vocabulary terms one edit from `text` (same length first); [] under 5 letters. */
  corrections(text: string): string[];
  readonly size: number;
}

/** Buckets the vocabulary by (length, first two letters) and (length, last two letters). */
export function buildTypoIndex(terms: Iterable<string>): TypoIndex {
  const buckets = new Map<string, string[]>();
  const put = (key: string, term: string) => {
    const b = buckets.get(key);
    if (b) b.push(term);
    else buckets.set(key, [term]);
  };
  let size = 0;
  for (const term of terms) {
    if (term.length < TYPO_MIN_LENGTH) continue;
    size++;
    put(`${term.length}<${term.slice(0, 2)}`, term);
    put(`${term.length}>${term.slice(-2)}`, term);
  }
  return {
    size,
    corrections(text) {
      if (text.length < TYPO_MIN_LENGTH) return [];
      const out: string[] = [];
      const head = text.slice(0, 2),
        tail = text.slice(-2);
      for (const l of [text.length, text.length - 1, text.length + 1]) {
        for (const key of [`${l}<${head}`, `${l}>${tail}`]) {
          for (const term of buckets.get(key) ?? []) {
            if (term === text || out.includes(term) || !withinOneEdit(text, term)) continue;
            out.push(term);
            if (out.length >= MAX_CORRECTIONS) return out;
          }
        }
      }
      return out;
    },
  };
}
