/**
 * The search index's one indexing pass: every record's keys (search-keys.ts) into a PostingWriter, and the
 * vocabularies the query side needs (pinyin syllables, English words, by token id). Tokens are interned
 * through a build-time trie over a–z0–9 (typed arrays): exact, and no string or boxed-number allocation per
 * token; only a new token's text is sliced once.
 */
import type { ServiceRecord } from '../../../data/feed-schema';
import { normalizeQuery } from '../common/normalize-query';
import { alnumCode, hanBiKey, hanUniKey, initialsKey, isHanCp, pairKey, tokenBase, TOWN_BASE } from './search-keys';
import { PostingWriter, type PostingStore } from './search-postings';
import type { TypoTermCollector } from './search-typo';

/** What the pass leaves behind for the query side. */
export interface IndexedRecords {
  store: PostingStore;
  keyCount: number;
  /** Token text by id; syllables and English words share one id counter so their keys never clash. */
  tokenText: string[];
  tokenIsSyllable: boolean[];
  /** Each record's town, as an index into the towns the index was built with (-1: none of them). */
  docTown: Int16Array;
  /** English names that need Unicode folding (diacritics); the rest are read raw. */
  enFolded: Map<number, string>;
}

const grow = (a: Int32Array, size: number) => {
  const b = new Int32Array(size).fill(-1);
  b.set(a);
  return b;
};

/** Interns a–z0–9 tokens to ids, one node per prefix; a node's id is kept apart for syllables and words. */
export class TokenInterner {
  readonly text: string[] = [];
  readonly isSyllable: boolean[] = [];
  private child = new Int32Array(37 * 1024).fill(-1);
  private sylId = new Int32Array(1024).fill(-1);
  private wordId = new Int32Array(1024).fill(-1);
  private nodes = 1;

  /** The trie node reached from `node` by one alnumCode (1–36). */
  step(node: number, code: number): number {
    const at = node * 37 + code;
    let next = this.child[at] as number;
    if (next < 0) {
      next = this.nodes++;
      if (next >= this.sylId.length) {
        this.child = grow(this.child, this.child.length * 2);
        this.sylId = grow(this.sylId, this.sylId.length * 2);
        this.wordId = grow(this.wordId, this.wordId.length * 2);
      }
      this.child[at] = next;
    }
    return next;
  }

  /** The id of the token ending at `node`, which spells s.slice(from, to) (lower-cased on first sight). */
  idAt(node: number, s: string, from: number, to: number, syllable: boolean): number {
    const ids = syllable ? this.sylId : this.wordId;
    let id = ids[node] as number;
    if (id < 0) {
      id = this.text.length;
      ids[node] = id;
      this.text.push(s.slice(from, to).toLowerCase());
      this.isSyllable.push(syllable);
    }
    return id;
  }

  /** Drops the trie (the ids and texts stay). */
  release(): void {
    this.child = this.sylId = this.wordId = new Int32Array(0);
  }
}

/** Han characters and bigrams of one name. */
function emitHan(writer: PostingWriter, s: string): void {
  let prev = -1;
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    if (isHanCp(cp)) {
      writer.emit(hanUniKey(cp));
      if (prev >= 0) writer.emit(hanBiKey(prev, cp));
      prev = cp;
    } else prev = -1;
  }
}

/** Tokens of an ASCII string (split on anything not a–z/0–9); syllables also emit their adjacent pairs. */
function emitTokens(
  writer: PostingWriter,
  tokens: TokenInterner,
  base: number,
  s: string,
  syllable: boolean,
  typo: TypoTermCollector | null,
): void {
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
      node = tokens.step(node, code);
    } else if (start >= 0) {
      const id = tokens.idAt(node, s, start, i, syllable);
      writer.emit(base + id);
      if (syllable) {
        if (prev >= 0) writer.emit(pairKey(prev, id));
        prev = id;
        typo?.addSyllable(id);
      }
      start = -1;
    }
  }
}

/**
 * Reads every record once. `typo`, when given, collects the typo vocabulary's syllable runs from the ids this
 * pass assigns anyway.
 */
export function indexRecords(
  records: readonly ServiceRecord[],
  townCodes: readonly string[],
  typo: TypoTermCollector | null,
): IndexedRecords {
  const n = records.length;
  const townIndex = new Map<string, number>();
  townCodes.forEach((code, i) => townIndex.set(code, i));
  const docTown = new Int16Array(n);
  const enFolded = new Map<number, string>();
  const base = tokenBase(townCodes.length);
  const tokens = new TokenInterner();
  const writer = new PostingWriter(n, base + 1024);
  for (let doc = 0; doc < n; doc++) {
    writer.startDoc(doc);
    const r = records[doc] as ServiceRecord;
    const t = townIndex.get(r.town) ?? -1;
    docTown[doc] = t;
    emitHan(writer, r.name.zh);
    if (r.name.zhHant && r.name.zhHant !== r.name.zh) emitHan(writer, r.name.zhHant);
    emitTokens(writer, tokens, base, r.pinyin.full, true, typo);
    typo?.endRecord();
    let en = r.name.en;
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(en)) enFolded.set(doc, (en = normalizeQuery(en)));
    emitTokens(writer, tokens, base, en, false, typo);
    const ini = r.pinyin.initials;
    for (let i = 0; i + 1 < ini.length; i++) {
      const a = alnumCode(ini.charCodeAt(i)),
        b = alnumCode(ini.charCodeAt(i + 1));
      if (a && b) writer.emit(initialsKey(a, b));
    }
    if (t >= 0) writer.emit(TOWN_BASE + t);
  }
  tokens.release();
  const keyCount = base + tokens.text.length;
  return { store: writer.finish(keyCount), keyCount, tokenText: tokens.text, tokenIsSyllable: tokens.isSyllable, docTown, enFolded };
}
