import { describe, expect, it } from 'vitest';
import { checkFeedUrl, defaultFeedUrl, effectiveFeedUrl } from './feed-url.ts';

describe('feed URL setting', () => {
  it.each([
    ['https://data.example.org/feed', 'https://data.example.org/feed/'],
    ['https://data.example.org/feed/', 'https://data.example.org/feed/'],
    ['  http://127.0.0.1:8080/x/manifest.json  ', 'http://127.0.0.1:8080/x/'],
    ['https://example.org', 'https://example.org/'],
    ['http://localhost:8787/', 'http://localhost:8787/'],
  ])('accepts %s as %s', (input, url) => {
    expect(checkFeedUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['', 'empty'],
    ['feed/', 'invalid'],
    ['//evil.example/feed/', 'invalid'],
    ['javascript:alert(1)', 'scheme'],
    ['data:application/json,{}', 'scheme'],
    ['file:///etc/', 'scheme'],
    ['ftp://example.org/feed/', 'scheme'],
    ['http://192.168.1.5/feed/', 'scheme'],
    ['http://data.example.org/feed/', 'scheme'],
    ['https://user:pw@example.org/feed/', 'invalid'],
  ])('rejects %j (%s)', (input, reason) => {
    expect(checkFeedUrl(input)).toEqual({ ok: false, reason });
  });

  it('defaults to /feed/ on the page origin and lets a valid setting win', () => {
    expect(defaultFeedUrl('http://127.0.0.1:4173/settings')).toBe('http://127.0.0.1:4173/feed/');
    expect(effectiveFeedUrl('https://x.example/f', 'http://127.0.0.1:4173/')).toBe('https://x.example/f/');
    expect(effectiveFeedUrl('javascript:alert(1)', 'http://127.0.0.1:4173/')).toBe('http://127.0.0.1:4173/feed/');
    expect(effectiveFeedUrl(undefined, 'http://127.0.0.1:4173/a/b')).toBe('http://127.0.0.1:4173/feed/');
  });
});
