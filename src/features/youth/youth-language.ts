/** Maps i18next's current language onto the app's three (anything unexpected → the default). */
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../i18n/languages.ts';

export function toYouthLang(code: string | undefined): Language {
  return isLanguage(code) ? code : DEFAULT_LANGUAGE;
}
