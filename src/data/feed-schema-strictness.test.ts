/**
 * Regression cases of issue 14, class 3: inputs the validator used to accept or print on more than one line.
 * Each case is the exact input of the hostile-input campaign.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { manifestSchema } from './feed-schema.ts';
import { parseFeedTimestamp } from './feed-time.ts';
import { formatProblem, validateAvailabilityItem, validateServiceRecord } from './validate-feed.ts';

const fixture = fileURLToPath(new URL('../../tests/fixtures/feeds/valid/', import.meta.url));
const good = JSON.parse(readFileSync(`${fixture}services/441900121.json`, 'utf8')).services[0];
const manifest = JSON.parse(readFileSync(`${fixture}manifest.json`, 'utf8'));
const NOW = Date.parse('2026-11-28T00:00:00Z');
const kindergarten = () => 'kindergarten' as const;
const item = (observedAt: string) => ({ serviceId: 'hm-kg-1', observedAt, figures: { kind: 'kindergarten', classes: {} } });

const reasons = (raw: unknown) => {
  const res = validateServiceRecord(raw);
  return res.ok ? [] : res.issues.map((i) => `${i.path}: ${i.reason}`);
};

describe('manifest files keys', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('rejects a files key %s', (key) => {
    const text = JSON.stringify({ ...manifest, files: {} }).replace('"files":{}', `"files":{"${key}":"${'a'.repeat(64)}"}`);
    const parsed = v.safeParse(manifestSchema, JSON.parse(text));
    expect(parsed.success).toBe(false);
  });

  it('still accepts ordinary file names', () => {
    expect(v.safeParse(manifestSchema, manifest).success).toBe(true);
  });

  it.each(['../secret.json', '/towns.geojson', '//evil.example/x', 'a//b.json', './towns.geojson'])('rejects a files key %s', (key) => {
    expect(v.safeParse(manifestSchema, { ...manifest, files: { [key]: 'a'.repeat(64) } }).success).toBe(false);
  });
});

describe('chunk paths stay inside the feed', () => {
  it.each(['/services/441900121.json', '//evil.example/services/441900121.json', 'services/../441900121.json', 'services//441900121.json'])(
    'rejects %s',
    (path) => {
      const chunks = [{ ...manifest.chunks[0], path }];
      expect(v.safeParse(manifestSchema, { ...manifest, chunks }).success).toBe(false);
    },
  );
  it('accepts services/441900121.json', () => {
    const chunks = [{ ...manifest.chunks[0], path: 'services/441900121.json' }];
    expect(v.safeParse(manifestSchema, { ...manifest, chunks }).success).toBe(true);
  });
});

describe('arrays where an object belongs', () => {
  it('rejects an array as the manifest', () => {
    expect(v.safeParse(manifestSchema, [manifest]).success).toBe(false);
  });
  it('rejects an array as name, hours, source and pinyin', () => {
    expect(reasons({ ...good, name: ['测试', 'Test'] })).toEqual(['$.name: expected an object']);
    expect(reasons({ ...good, hours: [] })).toEqual(['$.hours: expected an object']);
    expect(reasons({ ...good, source: [] })[0]).toBe('$.source: expected an object');
    expect(reasons({ ...good, pinyin: [] })[0]).toBe('$.pinyin: expected an object');
  });
  it('rejects an array of all-optional classes in availability', () => {
    const res = validateAvailabilityItem({ ...item('2026-11-27T23:00:00Z'), figures: { kind: 'kindergarten', classes: [] } }, kindergarten, NOW);
    expect(res.ok).toBe(false);
  });
});

describe('dates', () => {
  it('rejects Feb 30 in source.updated', () => {
    expect(reasons({ ...good, source: { ...good.source, updated: '2026-02-30T00:00:00Z' } })).toEqual(['$.source.updated: not a real date and time']);
  });
  it('reads +08 and +0800 offsets', () => {
    expect(parseFeedTimestamp('2026-11-28T08:00:00+08')).toBe(NOW);
    expect(parseFeedTimestamp('2026-11-28T08:00:00+0800')).toBe(NOW);
    expect(parseFeedTimestamp('2026-11-28T08:00:00+08:00')).toBe(NOW);
    expect(parseFeedTimestamp('2024-02-29T00:00:00Z')).toBe(Date.parse('2024-02-29T00:00:00Z'));
    expect(parseFeedTimestamp('2026-02-29T00:00:00Z')).toBeNaN();
  });
  it('rejects availability observed in year 9999 written with a +08 offset', () => {
    const res = validateAvailabilityItem(item('9999-01-01T00:00:00+08'), kindergarten, NOW);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues).toEqual([{ path: '$.observedAt', reason: 'observedAt is more than 10 minutes in the future' }]);
  });
});

describe('hours', () => {
  it.each(['08:00-24:01', '08:00-24:59', '08:00-17:00,18:00-24:30'])('rejects %s', (span) => {
    const weekly = [span, '', '', '', '', '', ''];
    expect(validateServiceRecord({ ...good, hours: { weekly, publicHolidays: 'closed' } }).ok).toBe(false);
  });
  it('accepts 00:00-24:00 and 18:00-02:00', () => {
    const weekly = ['00:00-24:00', '18:00-02:00', '', '', '', '', ''];
    expect(validateServiceRecord({ ...good, hours: { weekly, publicHolidays: 'closed' } }).ok).toBe(true);
  });
});

describe('ageMonths', () => {
  it.each([[[36, -5]], [[1e999, 72]], [[36, 72, 99]], [[72, 36]], [[36]], [[Number.NaN, 72]]])('rejects %j', (ageMonths) => {
    expect(validateServiceRecord({ ...good, ageMonths }).ok).toBe(false);
  });
  it('accepts [36, 72] and [0, 0]', () => {
    expect(validateServiceRecord({ ...good, ageMonths: [36, 72] }).ok).toBe(true);
    expect(validateServiceRecord({ ...good, ageMonths: [0, 0] }).ok).toBe(true);
  });
});

describe('one line per problem, whatever the value', () => {
  it('escapes a newline in an unknown category', () => {
    const res = validateServiceRecord({ ...good, category: 'school\nservices/x.json: fake: $: injected' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const line = formatProblem({ file: 'services/441900121.json', id: 'a\nb', path: res.issues[0]!.path, reason: res.issues[0]!.reason, level: 'record' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('a\\nb');
  });
  it('keeps a 10 MB value to a short line', () => {
    const res = validateServiceRecord({ ...good, category: 'x'.repeat(10_000_000) });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const line = formatProblem({ file: 'f', id: 'y'.repeat(10_000), path: res.issues[0]!.path, reason: res.issues[0]!.reason, level: 'record' });
    expect(line.length).toBeLessThan(1_000);
  });
});

describe('feed files are read within bounds', () => {
  it('refuses a file over the size bound without parsing it, and nesting over the depth bound', async () => {
    const { decodeFeedJson, MAX_FEED_FILE_BYTES, MAX_JSON_DEPTH } = await import('./feed-structure.ts');
    expect(decodeFeedJson(new Uint8Array(MAX_FEED_FILE_BYTES + 1))).toEqual({ ok: false, reason: 'file is larger than 64 MB' });
    const deep = (n: number) => new TextEncoder().encode('['.repeat(n) + ']'.repeat(n));
    expect(decodeFeedJson(deep(MAX_JSON_DEPTH))).toMatchObject({ ok: true });
    expect(decodeFeedJson(deep(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    expect(decodeFeedJson(deep(3000), Infinity)).toMatchObject({ ok: true });
    expect(decodeFeedJson(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({ ok: true, value: {} });
    expect(decodeFeedJson(new Uint8Array([0x22, 0xff, 0x22]))).toEqual({ ok: false, reason: 'not valid UTF-8' });
  });
});
