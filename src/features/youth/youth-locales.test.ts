import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en/youth.json';
import zhHans from '../../i18n/locales/zh-Hans/youth.json';
import zhHant from '../../i18n/locales/zh-Hant/youth.json';

const flatten = (o: Record<string, unknown>, prefix = ''): Record<string, string> =>
  Object.entries(o).reduce<Record<string, string>>((acc, [k, val]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (val && typeof val === 'object') Object.assign(acc, flatten(val as Record<string, unknown>, key));
    else acc[key] = String(val);
    return acc;
  }, {});

describe('youth namespace', () => {
  const e = flatten(en);
  it.each([
    ['zh-Hans', flatten(zhHans)],
    ['zh-Hant', flatten(zhHant)],
  ])('%s has every key of en, and no untranslated English', (_lang, other) => {
    expect(Object.keys(other).sort()).toEqual(Object.keys(e).sort());
    const untranslated = Object.keys(e).filter((k) => other[k] === e[k] && /[A-Za-z]/.test(e[k]!) && e[k]!.length > 3);
    expect(untranslated).toEqual([]);
  });
  it('zh-Hant is not the simplified text', () => {
    const s = flatten(zhHans);
    const t = flatten(zhHant);
    expect(t.title).not.toBe(s.title);
    expect(t.title).toBe('港澳青年計劃');
  });
});
