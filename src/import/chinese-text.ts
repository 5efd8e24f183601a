/** Traditional Chinese and pinyin derived from Simplified names at import time. Big dictionaries: never in the first-screen bundle (the CLIs and the operator page's lazy chunk only). */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const toHk = OpenCC.Converter({ from: 'cn', to: 'hk' });
const hantCache = new Map<string, string>();
const pinyinCache = new Map<string, { full: string; initials: string }>();

/** zh-Hant (Hong Kong standard) from zh-Hans. */
export function toHant(text: string): string {
  let out = hantCache.get(text);
  if (out === undefined) {
    out = toHk(text);
    // Bounded, like the pinyin cache: a 500,000-record import must not keep every name.
    if (hantCache.size < 50000) hantCache.set(text, out);
  }
  return out;
}

/**
 * Pinyin for search: full syllables space-separated and initials, lowercase ASCII, no tones.
 * Runs of digits or Latin letters stay as they are (lowercased): "虎门镇示例幼儿园 3" →
 * {full: "hu men zhen shi li you er yuan 3", initials: "hmzslyey3"}.
 */
export function pinyinOf(text: string): { full: string; initials: string } {
  const hit = pinyinCache.get(text);
  if (hit) return hit;
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/))
    .filter((s) => s.length > 0);
  const full = syllables.join(' ').slice(0, 600);
  const initials = syllables
    .map((s) => (/^[0-9]/.test(s) ? s : s[0]))
    .join('')
    .slice(0, 200);
  const out = { full, initials };
  if (pinyinCache.size < 50000) pinyinCache.set(text, out);
  return out;
}

/** Pinyin of a name ending in a number, caching the Chinese prefix (fast for 100k generated names). */
export function pinyinOfNumbered(prefix: string, n: number): { full: string; initials: string } {
  const p = pinyinOf(prefix);
  return { full: `${p.full} ${n}`, initials: `${p.initials}${n}` };
}

/** "Title Case" pinyin for an English fallback name: 东城 → "Dong Cheng". */
const titleCache = new Map<string, string>();

export function pinyinTitle(text: string): string {
  let out = titleCache.get(text);
  if (out === undefined) {
    out = pinyinOf(text).full.replace(/(^| )([a-z])/g, (_, sp: string, c: string) => sp + c.toUpperCase());
    if (titleCache.size < 50000) titleCache.set(text, out);
  }
  return out;
}

/** Empties the caches (benchmarks compare importers from the same cold start). */
export function clearChineseTextCaches(): void {
  hantCache.clear();
  pinyinCache.clear();
  titleCache.clear();
}
