import { describe, expect, it } from 'vitest';
import { languageFromBrowser, pickText, storeLanguage, storedLanguage } from './languages';

describe('languageFromBrowser', () => {
  it.each([
    [['zh-HK'], 'zh-Hant'],
    [['zh-MO'], 'zh-Hant'],
    [['zh-TW'], 'zh-Hant'],
    [['zh-Hant-HK'], 'zh-Hant'],
    [['zh-CN'], 'zh-Hans'],
    [['zh-SG'], 'zh-Hans'],
    [['zh'], 'zh-Hans'],
    [['zh-Hans-HK'], 'zh-Hans'],
    [['en-GB'], 'en'],
    [['fr-FR', 'zh-CN'], 'en'],
    [['', 'zh-HK'], 'zh-Hant'],
    [[], 'zh-Hans'],
  ] as const)('%j → %s', (preferences, expected) => {
    expect(languageFromBrowser(preferences)).toBe(expected);
  });
});

describe('stored language', () => {
  it('round-trips a valid choice and ignores junk', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(storedLanguage(storage)).toBeNull();
    storeLanguage(storage, 'zh-Hant');
    expect(storedLanguage(storage)).toBe('zh-Hant');
    store.set('dg-nearby:language', 'klingon');
    expect(storedLanguage(storage)).toBeNull();
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(storedLanguage(broken)).toBeNull();
    expect(() => storeLanguage(broken, 'en')).not.toThrow();
  });
});

describe('pickText', () => {
  it('uses zh-Hant when present and falls back to zh', () => {
    expect(pickText({ zh: '虎门', en: 'Humen', zhHant: '虎門' }, 'zh-Hant')).toBe('虎門');
    expect(pickText({ zh: '虎门', en: 'Humen' }, 'zh-Hant')).toBe('虎门');
    expect(pickText({ zh: '虎门', en: 'Humen' }, 'en')).toBe('Humen');
  });
});
