import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/languages';

const LOCALES = path.resolve(__dirname, '../../src/i18n/locales');

/** Keys whose value is meant to read the same in every language: the language self-names and the bilingual brand. */
const SAME_EVERYWHERE = [/^languageName\./, /^app\.fullName$/];

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}
const read = (language: string, namespace: string) =>
  flatten(JSON.parse(fs.readFileSync(path.join(LOCALES, language, `${namespace}.json`), 'utf8')) as Tree);

const namespaces = [...new Set(LANGUAGES.flatMap((language) => fs.readdirSync(path.join(LOCALES, language))))]
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

describe('locales', () => {
  it('has a common namespace and finds every namespace file', () => {
    expect(namespaces).toContain('common');
  });

  for (const namespace of namespaces) {
    describe(namespace, () => {
      it('exists in every language with exactly the same keys', () => {
        const keysOf = (language: string) => {
          const file = path.join(LOCALES, language, `${namespace}.json`);
          expect(fs.existsSync(file), `${language}/${namespace}.json is missing`).toBe(true);
          return [...read(language, namespace).keys()].sort();
        };
        const english = keysOf('en');
        for (const language of LANGUAGES) {
          const keys = keysOf(language);
          expect(
            english.filter((key) => !keys.includes(key)),
            `keys missing from ${language}/${namespace}`,
          ).toEqual([]);
          expect(
            keys.filter((key) => !english.includes(key)),
            `keys only in ${language}/${namespace}`,
          ).toEqual([]);
        }
      });

      it('has no empty strings and no untranslated English in the Chinese locales', () => {
        const english = read('en', namespace);
        for (const language of LANGUAGES) {
          const values = read(language, namespace);
          for (const [key, value] of values) expect(value.trim(), `${language}/${namespace}: ${key} is empty`).not.toBe('');
          if (language === 'en') continue;
          const untranslated = [...values]
            .filter(([key]) => !SAME_EVERYWHERE.some((pattern) => pattern.test(key)))
            .filter(([key, value]) => value === english.get(key) && /[A-Za-z]{4,}/.test(value))
            .map(([key]) => key);
          expect(untranslated, `${language}/${namespace}: same English text as en`).toEqual([]);
        }
      });

      it('keeps interpolation variables the same in every language', () => {
        const english = read('en', namespace);
        const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)/g)].map((match) => match[1]).sort();
        for (const language of LANGUAGES) {
          for (const [key, value] of read(language, namespace)) {
            expect(variables(value), `${language}/${namespace}: ${key}`).toEqual(variables(english.get(key) ?? ''));
          }
        }
      });
    });
  }
});
