import { describe, expect, it } from 'vitest';
import { TOWNS, townName } from './towns';

describe('townName', () => {
  it('names a town in each of the three languages', () => {
    expect(townName('441900003', 'zh-Hans')).toBe('东城街道');
    expect(townName('441900003', 'zh-Hant')).toBe('東城街道');
    expect(townName('441900003', 'en')).toBe('Dongcheng Subdistrict');
  });
  it('gives every official unit a name in every language', () => {
    for (const town of TOWNS) {
      for (const lang of ['zh-Hans', 'en', 'zh-Hant'] as const)
        expect(townName(town.code, lang), `${town.code} ${lang}`).not.toBe(town.code);
    }
  });
  it('reads an unknown code as itself', () => {
    expect(townName('999999999', 'en')).toBe('999999999');
  });
});
