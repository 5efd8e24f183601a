/**
 * The search index's integer key space and the character helpers that make keys, shared by the indexing
 * pass (search-tokens.ts) and the query side (search-retrieve.ts) so both hash a string the same way.
 * Keys, in order:
 *   [0, 2^17)                Han characters and Han bigrams of the name (hashed buckets),
 *   INI_BASE + 36 × 36       bigrams of the pinyin initials (dense),
 *   PAIR_BASE + 2^16         adjacent pinyin syllables (hashed buckets),
 *   TOWN_BASE + towns        one key per town,
 *   tokenBase(towns) + id    pinyin syllables and English words (one id counter for both).
 * A hash collision only adds candidates; verification (search-verify.ts) removes them.
 */

const HAN_BITS = 17;
const HAN_BUCKETS = 1 << HAN_BITS;
export const INI_BASE = HAN_BUCKETS;
/**
 * Adjacent pinyin syllables ("dong cheng"), hashed like Han bigrams: a multi-syllable query then needs the
 * syllables side by side, not merely somewhere in the name (长安长者饭堂 has chang and zhe, never changzhe).
 */
const PAIR_BITS = 16;
const PAIR_BASE = INI_BASE + 36 * 36;
export const TOWN_BASE = PAIR_BASE + (1 << PAIR_BITS);
/** The first vocabulary key, after one key per town. */
export const tokenBase = (townCount: number) => TOWN_BASE + townCount;

/** a–z → 1–26, 0–9 → 27–36, A–Z folded; 0 for anything else (a separator). */
export function alnumCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 65 && c <= 90) return c - 64;
  if (c >= 48 && c <= 57) return c - 21;
  return 0;
}
export const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
/** Anything from CJK radicals up counts as an indexable "Han" code point (a superset of \p{Script=Han}). */
export const isHanCp = (cp: number) => cp >= 0x2e80 && !(cp >= 0xff00 && cp <= 0xffef);

const mix = (x: number) => {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
};
export const hanUniKey = (cp: number) => mix(cp * 2 + 1) & (HAN_BUCKETS - 1);
export const hanBiKey = (a: number, b: number) => mix(Math.imul(a, 0x10001) ^ mix(b)) & (HAN_BUCKETS - 1);
/** Two syllable ids side by side. */
export const pairKey = (a: number, b: number) => PAIR_BASE + (mix(Math.imul(a + 1, 0x9e3779b1) ^ mix(b + 7)) & ((1 << PAIR_BITS) - 1));
/** Two initials side by side, as alnumCode values (1–36). */
export const initialsKey = (a: number, b: number) => INI_BASE + (a - 1) * 36 + (b - 1);
