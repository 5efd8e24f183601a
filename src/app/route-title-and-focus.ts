/**
 * Two things every route change needs, done once for all pages:
 * - the document title follows the page's <h1> (so it is in the active language, and a service page
 *   is titled with the service's name): "附近的服务 · 莞邻";
 * - after a navigation inside the app, focus moves to the new page's <h1>, so screen-reader and
 *   keyboard users start at the top of the new page instead of on a link that no longer exists.
 * Pages load lazily and read IndexedDB, so both watch <main> until the heading appears.
 * A component of its own chunk (rendered by the shell under Suspense): the first paint does not wait for it.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useLanguage } from '../i18n/use-language';

const FOCUS_WAIT_MS = 5000;

function pageHeading(main: HTMLElement): HTMLHeadingElement | null {
  return main.querySelector('h1');
}

export function useRouteTitleAndFocus(mainId: string): void {
  const { t } = useTranslation();
  const language = useLanguage();
  const [location] = useLocation();
  const appName = t('app.name');
  const first = useRef(true);

  // Title: recomputed whenever <main> changes (new page, data loaded, language switched).
  useEffect(() => {
    const main = document.getElementById(mainId);
    if (!main) return;
    const update = () => {
      const h1 = pageHeading(main)?.textContent?.trim();
      const title = h1 ? `${h1} · ${appName}` : appName;
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [mainId, appName, language]);

  // Focus: not on the first load (the browser starts at the top anyway), only after in-app navigation.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById(mainId);
    if (!main) return;
    // A page revealed by Suspense can sit in the DOM hidden for a moment (focus() then does nothing):
    // keep trying on every change until the heading really has focus, or give up after a while.
    const focusedBefore = document.activeElement; // e.g. the link just tapped, possibly still in the DOM, hidden
    const observer = new MutationObserver(() => focusHeading());
    const stop = setTimeout(() => observer.disconnect(), FOCUS_WAIT_MS);
    function focusHeading(): void {
      const h1 = pageHeading(main!);
      if (!h1 || h1.getClientRects().length === 0) return; // not there or not shown yet
      const active = document.activeElement;
      if (active && active !== focusedBefore && active !== document.body && active !== h1 && main!.contains(active)) {
        observer.disconnect(); // the user has already moved on inside the page: leave their focus alone
        return;
      }
      if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
      if (document.activeElement === h1) {
        window.scrollTo(0, 0);
        observer.disconnect();
        clearTimeout(stop);
      }
    }
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden'] });
    focusHeading();
    return () => {
      observer.disconnect();
      clearTimeout(stop);
    };
  }, [location, mainId]);
}

/** The hook as a component, so the shell can load it lazily. */
export default function RouteTitleAndFocus({ mainId }: { mainId: string }): null {
  useRouteTitleAndFocus(mainId);
  return null;
}
