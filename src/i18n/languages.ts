/** The app's three languages and how a browser's preferences map onto them. Pure: no i18next here. */
export const LANGUAGES = ['zh-Hans', 'en', 'zh-Hant'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-Hans';

const STORAGE_KEY = 'dg-nearby:language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * zh-HK / zh-MO / zh-TW (and zh-Hant-*) → zh-Hant; any other zh-* → zh-Hans; anything else → en.
 * The first preference that names a language decides.
 */
export function languageFromBrowser(preferences: readonly string[]): Language {
  for (const raw of preferences) {
    const tag = raw.toLowerCase();
    if (tag === 'zh' || tag.startsWith('zh-')) {
      if (/^zh-(hant|hk|mo|tw)(\b|-)/.test(tag)) return 'zh-Hant';
      return 'zh-Hans';
    }
    if (tag) return 'en';
  }
  return DEFAULT_LANGUAGE;
}

export function storedLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language | null {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage can throw in private modes: fall back to the browser's preference
  }
}

export function storeLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  try {
    storage?.setItem(STORAGE_KEY, language);
  } catch {
    /* not persisted; the choice still applies for this visit */
  }
}

/** Pick the right variant of feed text ({zh, en, zhHant?}): zh-Hant falls back to zh. */
export function pickText(text: { zh: string; en: string; zhHant?: string | undefined }, language: Language): string {
  if (language === 'en') return text.en;
  if (language === 'zh-Hant') return text.zhHant ?? text.zh;
  return text.zh;
}
