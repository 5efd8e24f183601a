import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DONGGUAN_ACCEPT_BBOX,
  DONGGUAN_OUTLINE_BBOX,
  formatProblem,
  validateFeed,
  validateServiceRecord,
} from '../../src/data/validate-feed.ts';
import { validateFolder } from './feed-folder.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => `${root}tests/fixtures/feeds/${name}`;
const NOW = new Date('2026-11-28T00:00:00Z');
const URL_REASON = 'URL scheme must be https:, http: or tel:';

// Each broken fixture differs from `valid/` in one way (see tests/fixtures/feeds/generate-fixtures.ts).
const cases: [string, string[]][] = [
  ['manifest-missing', ['manifest.json: -: $: missing manifest.json']],
  ['manifest-invalid-json', ['manifest.json: -: $: invalid or truncated JSON (Unexpected end of JSON input)']],
  ['manifest-bad-field', ['manifest.json: -: $.sample: wrong type: expected boolean, got "yes"']],
  [
    'truncated-chunk',
    ["services/441900003.json: -: $: invalid or truncated JSON (Expected ',' or '}' after property value in JSON at position 150)"],
  ],
  ['missing-chunk', ['manifest.json: -: $.chunks[0].path: chunk file services/441900003.json is missing']],
  ['count-mismatch', ['services/441900003.json: -: $.services: has 2 records, manifest $.chunks[0].count says 4']],
  [
    'sha-mismatch',
    [
      'services/441900121.json: -: $: sha256 6924c35eef54eb89e51562c10f95915418e4cae2c55bf84453a81c311f7371a7 does not match manifest $.chunks[1].sha256 6e397430bddf8346f44dc9cb76d9d45414a2462a35eebadbaceaac9f60d34c5a',
    ],
  ],
  [
    'file-sha-mismatch',
    [
      'availability.json: -: $: sha256 d39970b597920ac4278678b7b018912ef924c3b668f61ca0eae819c18d79cc42 does not match manifest $.files["availability.json"] 362f73fccc5163360e81758fd992efc9f66cc9e0f7567c7beee7749146e708a4',
    ],
  ],
  ['missing-field', ['services/441900121.json: hm-pk-1: $.services[1].name.en: missing required field']],
  ['wrong-type', ['services/441900121.json: hm-kg-1: $.services[0].capacity: wrong type: expected number, got "270"']],
  ['coords-out-of-range', ['services/441900121.json: hm-pk-1: $.services[1].lat: Invalid value: Expected <=90 but received 95']],
  [
    'coords-far-outside',
    ['services/441900121.json: hm-cl-1: $.services[2].lat: coordinates 39.9042,116.4074 are more than 20 km outside Dongguan'],
  ],
  ['duplicate-id', ['services/441900121.json: hm-cl-1: $.services[2].id: duplicate id, first seen in services/441900003.json']],
  ['unknown-category', ['services/441900003.json: dc-sp-1: $.services[0].category: unknown value "school"']],
  ['unknown-town', ['services/441900003.json: dc-el-1: $.services[1].town: unknown town code 441900999']],
  ['town-mismatch', ['services/441900121.json: hm-cl-1: $.services[2].town: record town 441900003 is not the chunk town 441900121']],
  [
    'unsafe-urls',
    [
      `services/441900003.json: dc-sp-1: $.services[0].url: ${URL_REASON}`,
      `services/441900121.json: hm-kg-1: $.services[0].url: ${URL_REASON}`,
      `services/441900121.json: hm-pk-1: $.services[1].url: ${URL_REASON}`,
      `services/441900121.json: hm-cl-1: $.services[2].url: ${URL_REASON}`,
    ],
  ],
  ['string-too-long', ['services/441900003.json: dc-sp-1: $.services[0].name.zh: Invalid length: Expected <=200 but received 201']],
  ['availability-over-capacity', ['availability.json: hm-pk-1: $.items[1].figures.free: free 201 is greater than total 200']],
  ['availability-negative', ['availability.json: dc-el-1: $.items[2].figures.places.free: Invalid value: Expected >=0 but received -1']],
  ['availability-future', ['availability.json: hm-kg-1: $.items[0].observedAt: observedAt is more than 10 minutes in the future']],
  ['availability-unknown-service', ['availability.json: no-such-service: $.items[2].serviceId: unknown service id no-such-service']],
  [
    'availability-kind-mismatch',
    ['availability.json: dc-el-1: $.items[2].figures.kind: kind parking does not match service category elderly_daycare'],
  ],
];

describe('validateFeed on fixtures', () => {
  it('accepts the valid fixture and counts its records', async () => {
    const report = await validateFolder(fixture('valid'), NOW);
    expect(report.problems).toEqual([]);
    expect(report.records).toBe(5);
    expect(report.counts).toEqual({ kindergarten: 1, parking: 1, clinic: 1, sports_venue: 1, elderly_daycare: 1 });
  });

  it.each(cases)('%s', async (name, lines) => {
    const report = await validateFolder(fixture(name), NOW);
    expect(report.problems.map(formatProblem)).toEqual(lines);
  });

  it('uses crypto.subtle when no hash function is passed (browser path)', async () => {
    const read = async (p: string) => {
      try {
        return readFileSync(`${fixture('sha-mismatch')}/${p}`);
      } catch {
        return null;
      }
    };
    const report = await validateFeed({ read, now: NOW });
    expect(report.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/^sha256 6924c35e.* does not match manifest/)]);
  });

  it('accepts availability observed 9 minutes ahead (clock skew) but not 11', async () => {
    const report = await validateFolder(fixture('availability-future'), new Date('2026-11-28T00:51:00Z'));
    expect(report.problems).toEqual([]);
    const late = await validateFolder(fixture('availability-future'), new Date('2026-11-28T00:49:00Z'));
    expect(late.problems).toHaveLength(1);
  });
});

describe('validateServiceRecord', () => {
  const good = JSON.parse(readFileSync(`${fixture('valid')}/services/441900121.json`, 'utf8')).services[0];

  it('returns the parsed record when valid', () => {
    const res = validateServiceRecord(good);
    expect(res).toEqual({ ok: true, record: good });
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['data:text/html,x'],
    ['vbscript:x'],
    ['//evil.example'],
    ['tel:javascript'],
    [' https://x.example'],
  ])('rejects url %s', (url) => {
    const res = validateServiceRecord({ ...good, url });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues[0]!.path).toBe('$.url');
  });

  it.each([['https://x.example/a'], ['http://x.example'], ['tel:12345'], ['tel:+86-769-12345']])('accepts url %s', (url) => {
    expect(validateServiceRecord({ ...good, url }).ok).toBe(true);
  });

  it('rejects non-finite and out-of-range coordinates', () => {
    for (const lat of [Number.NaN, Infinity, -91, '22.8', null]) {
      const res = validateServiceRecord({ ...good, lat });
      expect(res.ok, String(lat)).toBe(false);
    }
  });

  it('reports a missing field with its path', () => {
    const { name: _drop, ...rest } = good;
    void _drop;
    expect(validateServiceRecord(rest)).toEqual({ ok: false, issues: [{ path: '$.name', reason: 'missing required field' }] });
  });
});

describe('Dongguan bounding box', () => {
  it('matches the city outline file', () => {
    const outline = JSON.parse(readFileSync(`${root}data/sources/dongguan/city-outline.geojson`, 'utf8'));
    const xs: number[] = [];
    const ys: number[] = [];
    const walk = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') {
        xs.push(c[0]);
        ys.push(c[1] as number);
      } else if (Array.isArray(c)) c.forEach(walk);
    };
    for (const f of outline.features) walk(f.geometry.coordinates);
    expect([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]).toEqual([...DONGGUAN_OUTLINE_BBOX]);
    // ~20 km margin: about 0.18° of latitude.
    expect(DONGGUAN_OUTLINE_BBOX[1] - DONGGUAN_ACCEPT_BBOX[1]).toBeCloseTo(0.18, 2);
  });
});

describe('data:validate CLI', () => {
  const run = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/data-validate.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 90_000 });

  it('exits 0 on a valid feed, 1 with problem lines on a broken one, 2 on usage errors', () => {
    const ok = run(fixture('valid'), '--now', NOW.toISOString());
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
    const bad = run(fixture('unknown-town'), '--now', NOW.toISOString());
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('services/441900003.json: dc-el-1: $.services[1].town: unknown town code 441900999\n');
    expect(run(fixture('no-such-folder')).status).toBe(2);
  }, 180_000);
});
