/**
 * i18next set-up. Locales are split by namespace (src/i18n/locales/<language>/<namespace>.json) and loaded on
 * demand; every file is a build chunk that the service worker precaches, so all languages work offline.
 */
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language, languageFromBrowser, storeLanguage, storedLanguage } from './languages';

// The operator page's strings are loaded by that page (src/features/operator/operator-locale.ts): listing them here
// would put three more entries into the first screen's code for a page residents never open.
const localeFiles = import.meta.glob<{ default: Record<string, unknown> }>(['./locales/*/*.json', '!./locales/*/operator.json']);

const lazyLocales: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = localeFiles[`./locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`missing locale file ${language}/${namespace}`), null);
      return;
    }
    load().then(
      (module) => callback(null, module.default as never),
      (error: unknown) => callback(error as Error, null),
    );
  },
};

export function initialLanguage(): Language {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  return (
    storedLanguage(storage) ?? languageFromBrowser(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]))
  );
}

/** The namespaces the finder's first screen uses besides `common`: loaded with i18next on "/" instead of on first use. */
export const FIRST_SCREEN_NAMESPACES = ['finder', 'availability'];

export async function initI18n(language: Language = initialLanguage(), extraNamespaces: string[] = []): Promise<typeof i18next> {
  await i18next
    .use(lazyLocales)
    .use(initReactI18next)
    .init({
      lng: language,
      // No fallback language: every key exists in all three (tests/unit/locales.test.ts), and a fallback would make
      // an en or zh-Hant visitor download the zh-Hans files too, on the first screen.
      fallbackLng: false,
      supportedLngs: [...LANGUAGES],
      load: 'currentOnly',
      ns: ['common', ...extraNamespaces],
      defaultNS: 'common',
      interpolation: { escapeValue: false }, // React escapes
      react: { useSuspense: true },
      returnNull: false,
    });
  applyDocumentLanguage(language);
  return i18next;
}

function applyDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(typeof localStorage === 'undefined' ? undefined : localStorage, language);
  await i18next.changeLanguage(language);
  applyDocumentLanguage(language);
}
