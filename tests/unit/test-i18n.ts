/** The app's i18next settings for component tests, with only the namespaces a test renders. */
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Initialises the global i18next (the one `useTranslation` reads) with `resources` ({ language: { namespace: json } });
 * the first language is the active one. No Suspense: tests render synchronously.
 */
export async function initTestI18n(resources: Resource): Promise<typeof i18next> {
  const [lng, namespaces] = Object.entries(resources)[0] ?? ['en', {}];
  const ns = Object.keys(namespaces);
  await i18next.use(initReactI18next).init({
    lng,
    ns,
    defaultNS: ns.includes('common') ? 'common' : ns[0],
    resources,
    interpolation: { escapeValue: false }, // as in src/i18n/i18n.ts: React escapes
    react: { useSuspense: false },
  });
  return i18next;
}
