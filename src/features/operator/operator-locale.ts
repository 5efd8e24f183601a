/**
 * The operator page's strings (locales/<language>/operator.json), added to i18next by the page itself: the shell's
 * locale loader leaves them out so the first screen's code does not list them. Ready once the current language's
 * file is in; a language switch loads the other one.
 */
import { useEffect, useState } from 'react';
import i18next from 'i18next';
import type { Language } from '../../i18n/languages';

const files = import.meta.glob<{ default: Record<string, unknown> }>('../../i18n/locales/*/operator.json');

export function useOperatorLocale(language: Language): boolean {
  const [loaded, setLoaded] = useState<Language | null>(() => (i18next.hasResourceBundle(language, 'operator') ? language : null));
  useEffect(() => {
    if (i18next.hasResourceBundle(language, 'operator')) return setLoaded(language);
    let live = true;
    void files[`../../i18n/locales/${language}/operator.json`]?.().then((m) => {
      i18next.addResourceBundle(language, 'operator', m.default, true, true);
      if (live) setLoaded(language);
    });
    return () => {
      live = false;
    };
  }, [language]);
  return loaded === language;
}
