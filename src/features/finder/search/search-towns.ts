/**
 * Town names as the search reads them: the forms people type (虎门镇 or 虎门, humen, hm, Humen) and which
 * towns a query part names. Used for retrieval (search-retrieve.ts) and verification (search-verify.ts).
 */
import { normalizeQuery } from '../common/normalize-query';

export interface SearchTown {
  code: string;
  zh: string;
  zhHant?: string;
  en: string;
  pinyin: string;
  initials: string;
}

export interface TownText {
  zh: string;
  zhHant: string;
  /** "虎门镇" → "虎门": people drop the 镇 / 街道 suffix. */
  zhShort: string;
  /** Pinyin without spaces. */
  py: string;
  initials: string;
  /** English words, folded. */
  en: string[];
}

export function englishWords(s: string): string[] {
  return normalizeQuery(s).match(/[a-z0-9]+/g) ?? [];
}

export function townTextOf(t: SearchTown): TownText {
  return {
    zh: t.zh,
    zhHant: t.zhHant ?? t.zh,
    zhShort: t.zh.replace(/(镇|街道|园区|开发区|新区)$/u, ''),
    py: t.pinyin.replace(/ /g, ''),
    initials: t.initials,
    en: englishWords(t.en),
  };
}

/** True when a Latin query part (2+ letters) starts the town's pinyin, initials or an English word. */
export function latinNamesTown(t: TownText, text: string): boolean {
  return text.length >= 2 && (t.py.startsWith(text) || t.initials.startsWith(text) || t.en.some((w) => w.startsWith(text)));
}

/** The towns (indices into `towns`) a query part names: Han within the name (or the short name within the part), or Latin. */
export function townsNamedBy(towns: readonly TownText[], text: string, han: boolean): number[] {
  const out: number[] = [];
  towns.forEach((t, i) => {
    if (
      han ? t.zh.includes(text) || t.zhHant.includes(text) || (t.zhShort.length >= 2 && text.includes(t.zhShort)) : latinNamesTown(t, text)
    ) {
      out.push(i);
    }
  });
  return out;
}
