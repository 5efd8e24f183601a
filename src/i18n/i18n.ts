/**
 * i18next set-up. Locales are split by namespace (src/i18n/locales/<language>/<namespace>.json). The first screen's
 * namespaces are bundled with the app in all three languages, so its first render waits for no download; every other
 * namespace is a build chunk loaded on demand, which the service worker precaches, so all languages work offline.
 */
import i18next, { type BackendModule, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language, languageFromBrowser, storeLanguage, storedLanguage } from './languages';

/** The namespaces the finder's first screen uses: in the app's own code, for every language (about 12 KB gzip more). */
const FIRST_SCREEN_NAMESPACES = ['common', 'finder', 'availability'];
const firstScreenFiles = import.meta.glob<Record<string, unknown>>('./locales/*/{common,finder,availability}.json', {
  eager: true,
  import: 'default',
});
// The operator page's strings are loaded by that page (src/features/operator/operator-locale.ts): listing them here
// would put three more entries into the first screen's code for a page residents never open.
const localeFiles = import.meta.glob<{ default: Record<string, unknown> }>([
  './locales/*/*.json',
  '!./locales/*/operator.json',
  '!./locales/*/{common,finder,availability}.json',
]);

function firstScreenResources(): Resource {
  const resources: Resource = {};
  for (const [file, strings] of Object.entries(firstScreenFiles)) {
    const [, language, namespace] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file)!;
    (resources[language!] ??= {})[namespace!] = strings;
  }
  return resources;
}

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

/** Sets i18next up; with the first screen's strings bundled, it is ready without waiting for a download. */
export async function initI18n(language: Language = initialLanguage()): Promise<typeof i18next> {
  await i18next
    .use(lazyLocales)
    .use(initReactI18next)
    .init({
      lng: language,
      resources: firstScreenResources(),
      // the bundled namespaces are complete; the backend loads every other namespace on first use
      partialBundledLanguages: true,
      // No fallback language: every key exists in all three (tests/unit/locales.test.ts), and a fallback would make
      // an en or zh-Hant visitor download the zh-Hans files too, on the first screen.
      fallbackLng: false,
      supportedLngs: [...LANGUAGES],
      load: 'currentOnly',
      ns: FIRST_SCREEN_NAMESPACES,
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
