/** The youth pages' translate function and language, and the attributes of their links to other sites. */
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import type { Translate, YouthLang } from './describe-check.ts';

export const EXTERNAL = { target: '_blank', rel: 'noopener noreferrer' } as const;

export function useYouthT(): { t: Translate; lang: YouthLang } {
  const { t } = useTranslation('youth');
  const lang = useLanguage();
  // React escapes text itself; i18next escaping would turn "/" into an entity.
  const tr: Translate = (key, params) => t(key, { ...params, interpolation: { escapeValue: false } }) as string;
  return { t: tr, lang };
}
