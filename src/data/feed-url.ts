/**
 * Where the feed lives: the build-time default (VITE_FEED_URL, else "/feed/" on this origin),
 * overridable by the user's `feedUrl` setting so an operator can point the app at a real feed.
 */

export type FeedUrlCheck = { ok: true; url: string } | { ok: false; reason: 'empty' | 'invalid' | 'scheme' };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Validates a feed folder URL typed by a user: absolute https: only (http: for 127.0.0.1 and localhost) (no javascript:, data:,
 * file: …), no credentials. Returns it normalised with a trailing slash so file names resolve inside it.
 */
export function checkFeedUrl(input: string): FeedUrlCheck {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  // Plain http can be changed by anyone on the way (issue 23): only this machine, for testing.
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'invalid' };
  url.hash = '';
  url.search = '';
  if (!url.pathname.endsWith('/')) {
    // ".../manifest.json" pasted by mistake means its folder
    url.pathname = url.pathname.endsWith('/manifest.json')
      ? url.pathname.slice(0, -'manifest.json'.length)
      : `${url.pathname}/`;
  }
  return { ok: true, url: url.href };
}

/** The build-time feed folder, resolved against `base` (the page location). */
export function defaultFeedUrl(base: string): string {
  const configured = (import.meta.env.VITE_FEED_URL as string | undefined) || '/feed/';
  const resolved = new URL(configured, base);
  if (!resolved.pathname.endsWith('/')) resolved.pathname += '/';
  return resolved.href;
}

/** The feed URL to use: a valid stored setting wins over the build-time default. */
export function effectiveFeedUrl(setting: unknown, base: string): string {
  if (typeof setting === 'string') {
    const checked = checkFeedUrl(setting);
    if (checked.ok) return checked.url;
  }
  return defaultFeedUrl(base);
}
