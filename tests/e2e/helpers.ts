import { test as base, expect, type Page } from '@playwright/test';

/**
 * The project's e2e `test`: identical to Playwright's, plus a guard that fails any test whose page sent a request
 * anywhere but 127.0.0.1 (no third-party requests with default settings).
 */
export const test = base.extend<{ offsiteRequests: string[] }>({
  offsiteRequests: [
    async ({ context }, use) => {
      const offsite: string[] = [];
      context.on('request', (request) => {
        const url = new URL(request.url());
        if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return; // data:, blob:, chrome-extension:
        if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') offsite.push(request.url());
      });
      await use(offsite);
      expect(offsite, 'requests that left 127.0.0.1').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Waits until the service worker is `activated` and controls this page (TOOLCHAIN pitfall 6). */
export async function waitForServiceWorker(page: Page, timeoutMs = 45_000): Promise<void> {
  // Polled with evaluate: waitForFunction would treat an async predicate's Promise as already truthy.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    });
    if (ready) return;
    if (Date.now() > deadline) throw new Error('the service worker did not activate and take control in time');
    await page.waitForTimeout(250);
  }
}

/** Sets the UI language and elder mode the way a returning user would have them, before the app starts. */
export async function presetPreferences(page: Page, prefs: { language?: 'zh-Hans' | 'en' | 'zh-Hant'; elder?: boolean }) {
  await page.addInitScript((p) => {
    if (p.language) localStorage.setItem('dg-nearby:language', p.language);
    localStorage.setItem('dg-nearby:elder-mode', p.elder ? 'on' : 'off');
  }, prefs);
}

/** The screenshot set every changed screen gets: three languages and elder mode ([language, elder, file suffix]). */
export const SCREEN_VARIANTS = [
  ['zh-Hans', false, 'zh-Hans'],
  ['en', false, 'en'],
  ['zh-Hant', false, 'zh-Hant'],
  ['zh-Hans', true, 'zh-Hans-elder'],
] as const;
/** Runs one get or put against the app's own IndexedDB (raw API, whatever version the app opened). */
export function idb(page: Page, op: 'get' | 'put', store: string, arg: unknown): Promise<unknown> {
  return page.evaluate(
    ([op, store, arg]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('dg-nearby');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            resolve(undefined);
            return;
          }
          const tx = db.transaction(store, op === 'put' ? 'readwrite' : 'readonly');
          const req = op === 'put' ? tx.objectStore(store).put(arg) : tx.objectStore(store).get(arg as IDBValidKey);
          if (op === 'get') req.onsuccess = () => resolve(req.result);
          // A put is answered once committed: the caller may reload the page straight away.
          tx.oncomplete = () => {
            db.close();
            if (op === 'put') resolve(true);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [op, store, arg] as const,
  );
}
