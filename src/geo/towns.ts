/** The 36 official town-level units of Dongguan (2023 statistical division codes), with display names. */
import townList from './dongguan-towns.json';

export interface Town {
  code: string;
  zh: string;
  zhHant: string;
  en: string;
  /** Hanyu Pinyin, lowercase, space-separated syllables (precomputed). */
  pinyin: string;
  initials: string;
  population2020: number | null;
  /** A point inside the town polygon, [lon, lat] WGS-84; null where the shared data has no polygon. */
  label: [number, number] | null;
}

export const TOWNS: readonly Town[] = townList as Town[];
export const TOWN_BY_CODE: ReadonlyMap<string, Town> = new Map(TOWNS.map((t) => [t.code, t]));
export const isTownCode = (code: string): boolean => TOWN_BY_CODE.has(code);

/** The app's three UI languages (the same union as i18n's `Language`; geo imports nothing from i18n). */
export type TownNameLanguage = 'zh-Hans' | 'en' | 'zh-Hant';

/** A town's name in the UI language; an unknown code reads as itself. */
export function townName(code: string, lang: TownNameLanguage): string {
  const town = TOWN_BY_CODE.get(code);
  if (!town) return code;
  return lang === 'en' ? town.en : lang === 'zh-Hant' ? town.zhHant : town.zh;
}
