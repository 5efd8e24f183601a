/**
 * The relay's parts: config problems one line each, the first-answer checks (a selector that selects
 * nothing, a field that isn't there), the mapping (wall-clock times, text numbers, half-filled classes,
 * sports slots), the merge rules, the signed atomic write, and the CLI's exit codes and SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityItem } from '../../../src/data/feed-schema.ts';
import type { Category } from '../../../src/data/categories.ts';
import { parseKeyLine, verifyFileSignature } from '../../../src/data/feed-signature.ts';
import { testKey } from '../../../tests/fixtures/signing/test-keys.ts';
import { parkingApiOwner } from '../../../tests/fixtures/relay/owner-configs.ts';
import { formatPrivateKeyFile, generateKeyPair } from '../feed-signing.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { checkConfig } from './config.ts';
import { readCsv } from './csv-rows.ts';
import { quickItemOk } from './quick-item-check.ts';
import { validateAvailabilityItem } from '../../../src/data/availability-validate.ts';
import { feedServices } from './feed-services.ts';
import { groupSlots, mapRow, readInstant, type OwnerMapping } from './kind-mapping.ts';
import { createLiveFigures } from './live-figures.ts';
import { renderLiveFile, signaturePath, writeLiveFile } from './live-file.ts';
import { createRelay } from './relay.ts';

let dir: string;
const feed = path.resolve('public/feed');
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'live-relay-unit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const parkingOwner = (over: Record<string, unknown> = {}) =>
  parkingApiOwner({ id: 'park-a', url: 'http://127.0.0.1:9/spaces.json', ...over });
const configWith = (owners: unknown[], over: Record<string, unknown> = {}) => ({
  feed,
  out: path.join(dir, 'out', 'availability.json'),
  pollSeconds: 30,
  owners,
  ...over,
});

describe('config', () => {
  it('accepts the issue’s shape, resolving paths against the config file and headers from the environment', () => {
    const owner = parkingOwner({ headers: { Authorization: 'env:PARK_A_TOKEN', Accept: 'application/json' }, every: 60 });
    const checked = checkConfig(configWith([owner], { out: './out/availability.json' }), path.join(dir, 'live.json'), {
      PARK_A_TOKEN: 'Bearer s3cret',
    });
    expect(checked.problems).toEqual([]);
    expect(checked.config!.outFile).toBe(path.join(dir, 'out', 'availability.json'));
    expect(checked.config!.owners[0]).toMatchObject({
      id: 'park-a',
      everySeconds: 60,
      headers: { Authorization: 'Bearer s3cret', Accept: 'application/json' },
    });
  });

  it('names every problem on its own line: an owner twice, an unknown kind, an unreachable feed, a secret in the file, an unset variable, a misspelt map key', () => {
    const checked = checkConfig(
      configWith(
        [
          parkingOwner(),
          parkingOwner(),
          parkingOwner({ id: 'bus', kind: 'bus_stop' }),
          parkingOwner({ id: 'tok', headers: { Authorization: 'Bearer literal-secret' } }),
          parkingOwner({ id: 'env', headers: { 'X-Api-Key': 'env:NOT_SET_ANYWHERE' } }),
          parkingOwner({ id: 'typo', map: { ...parkingOwner().map, fre: 'x' } }),
          { ...parkingOwner({ id: 'kg' }), kind: 'kindergarten', map: { serviceId: 'a', observedAt: 'b', xiaobanFree: 'c' } },
        ],
        { feed: path.join(dir, 'no-such-feed') },
      ),
      path.join(dir, 'live.json'),
      {},
    );
    expect(checked.config).toBeUndefined();
    const lines = checked.problems;
    expect(lines.every((l) => !l.includes('\n') && l.startsWith('live.json: '))).toBe(true);
    expect(lines.find((l) => l.includes('cannot reach the feed folder'))).toBeDefined();
    expect(lines.find((l) => l.includes('owner "park-a" is named twice'))).toBeDefined();
    expect(lines.find((l) => l.includes('unknown kind "bus_stop"'))).toBeDefined();
    expect(lines.find((l) => l.includes('headers.Authorization: must be "env:NAME"'))).toBeDefined();
    expect(lines.find((l) => l.includes('environment variable NOT_SET_ANYWHERE is not set'))).toBeDefined();
    expect(lines.find((l) => l.startsWith('live.json: owners[5] (typo): map'))).toBeDefined();
    expect(lines.find((l) => l.includes('owners[6] (kg)') && l.includes('both <class>Free and <class>Total'))).toBeDefined();
    expect(lines.join('\n')).not.toContain('literal-secret');
  });

  it('refuses to write a file the feed pins by sha256 (the app would then refuse the whole feed)', async () => {
    const feedDir = path.join(dir, 'pinned-feed');
    await mkdir(feedDir, { recursive: true });
    await writeFile(path.join(feedDir, 'manifest.json'), JSON.stringify({ files: { 'availability.json': 'ab'.repeat(32) } }));
    const pinned = checkConfig(
      configWith([parkingOwner()], { feed: feedDir, out: path.join(feedDir, 'availability.json') }),
      path.join(dir, 'live.json'),
    );
    expect(pinned.problems).toEqual([
      'live.json: out: the feed\'s manifest.json lists availability.json with a sha256, so the app would refuse the feed once the relay rewrites it: publish the feed without it in "files" (the live file is not part of a version)',
    ]);
    await writeFile(path.join(feedDir, 'manifest.json'), JSON.stringify({ files: { 'towns.geojson': 'ab'.repeat(32) } }));
    expect(
      checkConfig(
        configWith([parkingOwner()], { feed: feedDir, out: path.join(feedDir, 'availability.json') }),
        path.join(dir, 'live.json'),
      ).problems,
    ).toEqual([]);
  });

  it('checks selectors and field paths by their syntax at start', () => {
    const checked = checkConfig(
      configWith([parkingOwner({ items: 'data.lots' }), parkingOwner({ id: 'b', items: '$.data[?(@.x)]' })]),
      path.join(dir, 'live.json'),
    );
    expect(checked.problems).toHaveLength(2);
    expect(checked.problems[0]).toMatch(/owners\[0\] \(park-a\): items: is not a selector/);
  });
});

describe('first answer', () => {
  it('reports a selector that selects nothing and a mapped field the answer lacks, one line each, and writes nothing', async () => {
    const answer = path.join(dir, 'owner.json');
    await writeFile(
      answer,
      JSON.stringify({ data: { lots: [{ lotCode: '441900003-pk-1', freeSpaces: 3, capacity: 9, updateTime: '2026-12-06 09:00' }] } }),
    );
    const owners = [
      parkingOwner({ id: 'empty', url: undefined, file: answer, items: '$.result.lots[*]' }),
      parkingOwner({ id: 'nofield', url: undefined, file: answer, map: { ...parkingOwner().map, free: 'free_spaces', evFree: 'ev' } }),
      parkingOwner({ id: 'fine', url: undefined, file: answer }),
    ];
    const checked = checkConfig(configWith(owners, { out: path.join(dir, 'probe', 'availability.json') }), path.join(dir, 'live.json'));
    expect(checked.problems).toEqual([]);
    const relay = createRelay(checked.config!, { loadServices: () => feedServices(feed) });
    expect(await relay.probe()).toEqual([
      'owner empty: items $.result.lots[*] selects nothing in the answer',
      'owner nofield: map names field "free_spaces", which the answer does not have',
      'owner nofield: map names field "ev", which the answer does not have',
    ]);
    expect(existsSync(path.join(dir, 'probe'))).toBe(false);
  });
});

describe('later answers', () => {
  it('an owner down at start has its answer’s shape checked at its first good answer (failure kind "shape")', async () => {
    let answer: () => [number, string] = () => [500, 'down'];
    const sentTokens: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      sentTokens.push(req.headers.authorization);
      const [status, body] = answer();
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    const owner0 = parkingOwner({ url, headers: { Authorization: 'env:LATER_TOKEN' } });
    const checked = checkConfig(configWith([owner0], { out: path.join(dir, 'later', 'availability.json') }), path.join(dir, 'live.json'), {
      LATER_TOKEN: 'Bearer later-s3cret',
    });
    const logged: string[] = [];
    const relay = createRelay(checked.config!, {
      loadServices: () => feedServices(feed),
      log: (entry) => logged.push(JSON.stringify(entry)),
    });
    expect(await relay.probe()).toEqual([]); // down is not a config fault
    answer = () => [
      200,
      JSON.stringify({ data: { lots: [{ lotCode: '441900003-pk-1', free: 3, capacity: 9, updateTime: '2026-12-06 09:00' }] } }),
    ];
    await relay.pollAll();
    const owner = relay.counters.owners.get('park-a')!;
    expect(owner.failures).toEqual({ http5xx: 1, shape: 1 });
    answer = () => [
      200,
      JSON.stringify({ data: { lots: [{ lotCode: '441900003-pk-1', freeSpaces: 3, capacity: 9, updateTime: '2026-12-06 09:00' }] } }),
    ];
    await relay.pollAll();
    expect(owner.accepted).toBe(1);
    // The token went to the owner on every request, and into no log line.
    expect(sentTokens).toEqual(['Bearer later-s3cret', 'Bearer later-s3cret', 'Bearer later-s3cret']);
    expect(logged.map((l) => JSON.parse(l).fault)).toEqual(['http5xx', 'shape']);
    expect(logged.join('\n')).not.toContain('s3cret');
    await relay.close();
    server.close();
  });

  it('a republished feed without a service drops that service’s figures at the next write', async () => {
    const feedDir = path.join(dir, 'republished');
    await mkdir(feedDir, { recursive: true });
    await writeFile(path.join(feedDir, 'manifest.json'), '{}');
    const answer = path.join(dir, 'two-lots.json');
    const lot = (code: string) => ({ lotCode: code, freeSpaces: 1, capacity: 5, updateTime: '2026-12-06 09:00' });
    await writeFile(answer, JSON.stringify({ data: { lots: [lot('a'), lot('b')] } }));
    const out = path.join(feedDir, 'availability.json');
    const checked = checkConfig(
      configWith([parkingOwner({ url: undefined, file: answer, map: { ...parkingOwner().map, idPrefix: '' } })], { feed: feedDir, out }),
      path.join(dir, 'live.json'),
    );
    let services = new Map<string, Category>([
      ['a', 'parking'],
      ['b', 'parking'],
    ]);
    const relay = createRelay(checked.config!, { loadServices: () => services });
    expect(await relay.probe()).toEqual([]);
    await relay.flush();
    const ids = () => (JSON.parse(readFileSync(out, 'utf8')) as { items: Array<{ serviceId: string }> }).items.map((i) => i.serviceId);
    expect(ids()).toEqual(['a', 'b']);
    services = new Map([['a', 'parking']]);
    await utimes(path.join(feedDir, 'manifest.json'), new Date(), new Date(Date.now() + 5000));
    await relay.flush();
    expect(ids()).toEqual(['a']);
    await relay.close();
  });
});

describe('mapping', () => {
  const parking: OwnerMapping = {
    kind: 'parking',
    map: { serviceId: 'code', idPrefix: 'p-', free: 'f', total: 't', observedAt: 'at', timezone: 'Asia/Shanghai' },
  };

  it('reads wall-clock times in the owner’s zone, epoch seconds and ISO with offsets', () => {
    expect(new Date(readInstant('2026-12-06 09:41:00', 'Asia/Shanghai') as number).toISOString()).toBe('2026-12-06T01:41:00.000Z');
    expect(new Date(readInstant('2026/12/6 9:41', 'Asia/Shanghai') as number).toISOString()).toBe('2026-12-06T01:41:00.000Z');
    expect(new Date(readInstant('2026-07-01 12:00', 'Europe/London') as number).toISOString()).toBe('2026-07-01T11:00:00.000Z');
    expect(readInstant(1_765_000_000, undefined)).toBe(1_765_000_000_000);
    expect(readInstant('2026-12-06T09:41:00+08:00', undefined)).toBe(Date.parse('2026-12-06T01:41:00Z'));
    expect(readInstant('2026-12-06 09:41', undefined)).toMatch(/no offset/);
    expect(readInstant('2026-02-30 09:41', 'Asia/Shanghai')).toMatch(/not a real time/);
  });

  it('turns text numbers into numbers, leaves fractions for the item check, and rejects what is missing or not a number', () => {
    const row = (f: unknown, t: unknown) => ({ code: 'A1', f, t, at: '2026-12-06 09:00:00' });
    expect(mapRow(parking, row(' 12 ', '40'), null)).toEqual({
      ok: true,
      item: { serviceId: 'p-A1', observedAt: '2026-12-06T01:00:00.000Z', figures: { kind: 'parking', free: 12, total: 40 } },
    });
    expect(mapRow(parking, row('1.5', 40), null)).toMatchObject({ ok: true, item: { figures: { free: 1.5 } } });
    expect(mapRow(parking, row('', 40), null)).toMatchObject({ ok: false, reason: 'missingField' });
    expect(mapRow(parking, row('many', 40), null)).toMatchObject({ ok: false, reason: 'notANumber' });
    expect(mapRow(parking, { ...row(1, 2), at: 'yesterday' }, null)).toMatchObject({ ok: false, reason: 'badTime' });
  });

  it('takes a time shared by the whole answer from the document root', () => {
    const m: OwnerMapping = { kind: 'parking', map: { serviceId: 'code', free: 'f', total: 't', observedAt: '$.meta.asOf' } };
    const root = { meta: { asOf: '2026-12-06T09:00:00+08:00' } };
    expect(mapRow(m, { code: 'x', f: 1, t: 2 }, root)).toMatchObject({ ok: true, item: { observedAt: '2026-12-06T01:00:00.000Z' } });
  });

  it('kindergartens: a class with no figures is left out, half a class is a missing field', () => {
    const kg: OwnerMapping = {
      kind: 'kindergarten',
      map: {
        serviceId: 'id',
        observedAt: 'at',
        timezone: 'Asia/Shanghai',
        xiaobanFree: 'xf',
        xiaobanTotal: 'xt',
        dabanFree: 'df',
        dabanTotal: 'dt',
      },
    };
    const at = '2026-12-06 08:00';
    expect(mapRow(kg, { id: 'k', xf: '3', xt: '30', df: '', dt: '', at }, null)).toMatchObject({
      ok: true,
      item: { figures: { kind: 'kindergarten', classes: { xiaoban: { free: 3, total: 30 } } } },
    });
    expect(mapRow(kg, { id: 'k', xf: '3', xt: '30', df: '1', dt: '', at }, null)).toMatchObject({
      ok: false,
      reason: 'missingField',
      detail: 'dt',
    });
  });

  it('sports: one row per slot, joined per service in time order', () => {
    const sp: OwnerMapping = {
      kind: 'sports_venue',
      map: {
        serviceId: 'venue',
        observedAt: 'at',
        timezone: 'Asia/Shanghai',
        start: 'start',
        durationMinutes: 60,
        remaining: 'left',
        maximum: 'max',
      },
    };
    const rows = [
      { venue: 'v', at: '2026-12-06 08:00', start: '2026-12-06 20:00', left: '2', max: '4' },
      { venue: 'v', at: '2026-12-06 08:05', start: '2026-12-06 19:00', left: '0', max: '4' },
    ];
    const mapped = rows.map((r) => mapRow(sp, r, null)).map((r) => (r.ok ? r.item : null)!);
    const [item] = groupSlots(mapped);
    expect(item).toEqual({
      serviceId: 'v',
      observedAt: '2026-12-06T00:05:00.000Z',
      figures: {
        kind: 'sports_venue',
        slots: [
          { start: '2026-12-06T11:00:00.000Z', durationMinutes: 60, remaining: 0, maximum: 4 },
          { start: '2026-12-06T12:00:00.000Z', durationMinutes: 60, remaining: 2, maximum: 4 },
        ],
      },
    });
  });
});

describe('CSV', () => {
  it('reads quotes, doubled quotes, line breaks in quotes, CRLF, a BOM and blank lines', () => {
    expect(readCsv('\uFEFFa,b\r\n"x,1","say ""hi"""\r\n\r\n"two\nlines",\n')).toEqual({
      ok: true,
      header: ['a', 'b'],
      rows: [
        ['x,1', 'say "hi"'],
        ['two\nlines', ''],
      ],
    });
    expect(readCsv('a;b\n1;2', ';')).toEqual({ ok: true, header: ['a', 'b'], rows: [['1', '2']] });
  });

  it('refuses what a cut or broken export looks like, with the line', () => {
    expect(readCsv('a,b\n"1,2\n')).toMatchObject({ ok: false, reason: expect.stringContaining('not closed') });
    expect(readCsv('a,b\n1,2,3\n')).toMatchObject({ ok: false, reason: 'row 2: 3 cells, the header has 2' });
    expect(readCsv('a,b\n1,x"y\n')).toMatchObject({ ok: false, reason: expect.stringContaining('quote inside') });
    expect(readCsv('')).toMatchObject({ ok: false, reason: 'empty file' });
  });

  it('reads what csv-parse reads, on generated files', () => {
    const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', ',', '"', 'a"b', '\n', '\r\n', '名称', ' x '));
    const table = fc
      .integer({ min: 1, max: 4 })
      .chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(table, fc.boolean(), (rows, crlf) => {
        // A row of one empty cell is a blank line to both readers: leave it out of the comparison.
        const kept = rows.filter((r) => !(r.length === 1 && r[0] === ''));
        if (kept.length === 0) return;
        const quote = (c: string) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
        const text = kept.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
        const theirs = parseCsv(text, { relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
        expect(readCsv(text)).toEqual({ ok: true, header: theirs[0], rows: theirs.slice(1) });
      }),
      { numRuns: 300 },
    );
  });
});

describe('quick item check', () => {
  const services = new Map<string, Category>([
    ['p', 'parking'],
    ['k', 'kindergarten'],
    ['n', 'nursery'],
    ['e', 'elderly_daycare'],
    ['s', 'sports_venue'],
    ['c', 'clinic'],
  ]);
  const nowMs = Date.parse('2026-12-06T02:00:00Z');

  it('says yes to what the mapper builds, and leaves booking links and other forms to the app’s check', () => {
    const item = { serviceId: 'p', observedAt: '2026-12-06T01:59:00.000Z', figures: { kind: 'parking', free: 3, total: 9 } };
    expect(quickItemOk(item, services, nowMs)).toBe(true);
    const slot = { start: '2026-12-06T12:00:00.000Z', durationMinutes: 60, remaining: 1, maximum: 4 };
    const sports = { serviceId: 's', observedAt: '2026-12-06T01:59:00.000Z', figures: { kind: 'sports_venue', slots: [slot] } };
    expect(quickItemOk(sports, services, nowMs)).toBe(true);
    expect(
      quickItemOk(
        { ...sports, figures: { kind: 'sports_venue', slots: [{ ...slot, bookingUrl: 'https://a.example/b' }] } },
        services,
        nowMs,
      ),
    ).toBe(false);
    expect(quickItemOk({ ...item, observedAt: '2026-12-06T01:59:00Z' }, services, nowMs)).toBe(false);
  });

  it('never says yes to an item the app’s check refuses or would change (generated items, valid and broken)', () => {
    // Mostly good values, so the quick path is taken often; the rest are the edges and breakages.
    const count = fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 12 },
      { arbitrary: fc.constantFrom(-1, 0, 100_000, 100_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null, undefined), weight: 1 },
    );
    const time = fc.oneof(
      { arbitrary: fc.integer({ min: nowMs - 86_400_000, max: nowMs + 3_600_000 }).map((t) => new Date(t).toISOString()), weight: 8 },
      {
        arbitrary: fc.constantFrom('2026-02-30T00:00:00.000Z', '2026-12-06T01:00:00Z', '2026-12-06T01:00:00.000+08:00', 'yesterday', '', 5),
        weight: 1,
      },
    );
    const pairOf = fc.record({ free: count, total: count });
    const figures = fc.oneof(
      fc.record({ kind: fc.constant('parking'), free: count, total: count }, { requiredKeys: ['kind'] }),
      fc.record({
        kind: fc.constant('parking'),
        free: count,
        total: count,
        evFree: count,
        evTotal: count,
        pricePerHourYuan: fc.oneof(count, fc.double()),
      }),
      fc.record({ kind: fc.constant('clinic'), appointmentsFree: count, appointmentsTotal: count }),
      fc.record(
        {
          kind: fc.constant('elderly_daycare'),
          places: pairOf,
          mealsToday: fc.record({ served: fc.oneof(fc.boolean(), fc.constant('yes')), seatsFree: count }, { requiredKeys: [] }),
        },
        { requiredKeys: ['kind', 'places'] },
      ),
      fc.record({
        kind: fc.constant('kindergarten'),
        classes: fc.record({ tuoban: pairOf, daban: pairOf, other: pairOf }, { requiredKeys: [] }),
      }),
      fc.record({
        kind: fc.constant('nursery'),
        bands: fc.array(fc.record({ fromMonths: count, toMonths: count, free: count, total: count }), { maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant('sports_venue'),
        slots: fc.array(
          fc.record({
            start: time,
            durationMinutes: fc.oneof(count, fc.constantFrom(5, 60, 1440, 1441)),
            remaining: count,
            maximum: count,
          }),
          { maxLength: 3 },
        ),
      }),
    );
    const idOf: Record<string, string> = {
      parking: 'p',
      kindergarten: 'k',
      nursery: 'n',
      elderly_daycare: 'e',
      sports_venue: 's',
      clinic: 'c',
    };
    const item = figures.chain((f) =>
      fc.record({
        // Mostly the service of that kind; sometimes another kind's, an unknown one or an over-long id.
        serviceId: fc.oneof(
          { arbitrary: fc.constant(idOf[f.kind]!), weight: 6 },
          { arbitrary: fc.constantFrom('p', 'k', 'x', 'p'.repeat(101)), weight: 1 },
        ),
        observedAt: time,
        figures: fc.constant(f),
      }),
    );
    let quickYes = 0;
    fc.assert(
      fc.property(item, (raw) => {
        if (!quickItemOk(raw, services, nowMs)) return;
        quickYes++;
        const verdict = validateAvailabilityItem(raw, services, nowMs);
        expect(verdict).toEqual({ ok: true, item: raw });
      }),
      // About 1 run in 27 takes the quick path: 3,000 runs gave 98–123 of them, so "more than 100" failed now and then.
      { numRuns: 6000 },
    );
    expect(quickYes).toBeGreaterThan(100); // the property did test the quick path
  });
});

describe('merge', () => {
  const item = (id: string, free: number, at: string): AvailabilityItem => ({
    serviceId: id,
    observedAt: at,
    figures: { kind: 'parking', free, total: 10 },
  });

  it('keeps one owner per service, never goes back in time, and counts what it refuses', () => {
    const figures = createLiveFigures();
    expect(figures.apply('a', [item('x', 1, '2026-12-06T01:00:00Z'), item('x', 2, '2026-12-06T01:00:00Z')])).toEqual({
      changed: 1,
      rejected: { duplicate: 1 },
    });
    expect(figures.apply('b', [item('x', 5, '2026-12-06T02:00:00Z')])).toEqual({ changed: 0, rejected: { ownedByOther: 1 } });
    expect(figures.apply('a', [item('x', 3, '2026-12-06T00:59:00Z')])).toEqual({ changed: 0, rejected: { older: 1 } });
    expect(figures.apply('a', [item('x', 1, '2026-12-06T01:00:00Z')])).toEqual({ changed: 0, rejected: {} });
    expect(figures.apply('a', [item('x', 4, '2026-12-06T01:01:00Z')])).toEqual({ changed: 1, rejected: {} });
    expect([...figures.items()]).toEqual([item('x', 4, '2026-12-06T01:01:00Z')]);
    expect(figures.holds('a', item('x', 4, '2026-12-06T01:01:00Z'))).toBe(true);
    expect(figures.holds('b', item('x', 4, '2026-12-06T01:01:00Z'))).toBe(false);
    expect(figures.holds('a', item('x', 5, '2026-12-06T01:01:00Z'))).toBe(false);
  });

  it('items read back after a restart may be renewed by any owner', () => {
    const figures = createLiveFigures();
    figures.adopt([item('x', 1, '2026-12-06T01:00:00Z')]);
    expect(figures.apply('b', [item('x', 2, '2026-12-06T01:05:00Z')]).changed).toBe(1);
    expect(figures.apply('c', [item('x', 3, '2026-12-06T01:06:00Z')]).rejected).toEqual({ ownedByOther: 1 });
  });
});

describe('writing', () => {
  it('replaces the file atomically and signs exactly the bytes written', async () => {
    const out = path.join(dir, 'signed', 'availability.json');
    const signed: Uint8Array[] = [];
    const fakeSign = async (bytes: Uint8Array) => {
      signed.push(bytes);
      return `sig:${Buffer.from(bytes).toString('base64').length}:${bytes.reduce((h, b) => (h * 33 + b) >>> 0, 5381)}`;
    };
    const bytes = renderLiveFile(
      [{ serviceId: 'b', observedAt: '2026-12-06T01:00:00Z', figures: { kind: 'parking', free: 1, total: 2 } }],
      3,
      new Date('2026-12-06T01:00:05Z'),
    );
    await writeLiveFile(out, bytes, fakeSign);
    const onDisk = readFileSync(out);
    expect(JSON.parse(onDisk.toString('utf8'))).toMatchObject({ pollSeconds: 5, generatedAt: '2026-12-06T01:00:05.000Z' });
    expect(readFileSync(signaturePath(out), 'utf8')).toBe(await fakeSign(onDisk));
    expect(Buffer.from(signed[0]!).equals(onDisk)).toBe(true);
    expect((await readdir(path.dirname(out))).sort()).toEqual(['availability.json', 'availability.sig']); // no temp files left

    // A signer that fails leaves the previous file and signature as they were.
    const failing = async () => {
      throw new Error('key unavailable');
    };
    await expect(writeLiveFile(out, renderLiveFile([], 30, new Date()), failing)).rejects.toThrow('key unavailable');
    expect(readFileSync(out).equals(onDisk)).toBe(true);
  });

  it('with the trust issue’s live key, the app’s own check accepts the pair and refuses a changed file', async () => {
    const key = await testKey('live');
    const publicKey = parseKeyLine(key.publicKeyLine);
    if (!publicKey.ok) throw new Error(publicKey.reason);
    const out = path.join(dir, 'live-signed', 'availability.json');
    const bytes = renderLiveFile(
      [{ serviceId: 'b', observedAt: '2026-12-06T01:00:00Z', figures: { kind: 'parking', free: 1, total: 2 } }],
      30,
      new Date(),
    );
    await writeLiveFile(out, bytes, (b) => key.sign(b));
    const sig = readFileSync(signaturePath(out), 'utf8');
    expect(await verifyFileSignature(readFileSync(out), sig, [publicKey.value], 'availability.json')).toMatchObject({
      ok: true,
      keyId: key.keyId,
    });
    const changed = Buffer.from(readFileSync(out).toString('utf8').replace('"free":1', '"free":2'));
    expect(await verifyFileSignature(changed, sig, [publicKey.value], 'availability.json')).toMatchObject({ ok: false, kind: 'invalid' });
  });
});

const cli = (args: string[]) =>
  spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/live-relay.ts', ...args], {
    env: { ...process.env, PARK_TOKEN: 'tok-123456' },
  });

function collect(child: ReturnType<typeof cli>) {
  const out = { stdout: '', stderr: '', exit: new Promise<number | null>((resolve) => child.on('exit', resolve)) };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  return out;
}

describe('CLI', () => {
  it('a bad config exits 2 with one line per problem', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify(configWith([parkingOwner(), parkingOwner(), parkingOwner({ id: 'x', kind: 'ufo' })])));
    const run = collect(cli([file]));
    expect(await run.exit).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'live:relay: bad.json: owners[1] (park-a): id: owner "park-a" is named twice',
      'live:relay: bad.json: owners[2] (x): kind: unknown kind "ufo" (one of kindergarten, clinic, nursery, elderly_daycare, sports_venue, parking)',
    ]);
  });

  it('an unreadable --sign key exits 2 with one line', async () => {
    const file = path.join(dir, 'sign-missing.json');
    await writeFile(file, JSON.stringify(configWith([parkingOwner()])));
    const run = collect(cli([file, '--sign', path.join(dir, 'no-such.key')]));
    expect(await run.exit).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`live:relay: no such key file: ${path.join(dir, 'no-such.key')}`]);
  });

  it('runs, writes and signs the file, answers /healthz, and stops cleanly on SIGTERM without logging the secret', async () => {
    const pair = await generateKeyPair();
    const keyFile = path.join(dir, 'live.key');
    await writeFile(keyFile, formatPrivateKeyFile(pair));
    const answer = path.join(dir, 'cli-owner.csv');
    await writeFile(answer, '\uFEFFcode,free,total,at\r\n441900003-pk-1,3,210,2026-12-06 09:00\r\n');
    const out = path.join(dir, 'cli-out', 'availability.json');
    const owner = {
      id: 'park-csv',
      file: answer,
      format: 'csv',
      kind: 'parking',
      headers: { Authorization: 'env:PARK_TOKEN' },
      map: { serviceId: 'code', idPrefix: 's-', free: 'free', total: 'total', observedAt: 'at', timezone: 'Asia/Shanghai' },
    };
    const file = path.join(dir, 'good.json');
    await writeFile(file, JSON.stringify(configWith([owner], { out, pollSeconds: 1 })));
    const child = cli([file, '--port', '0', '--sign', keyFile]);
    const run = collect(child);
    await expect.poll(() => /LIVE_RELAY_URL=(\S+)/.exec(run.stdout)?.[1], { timeout: 20_000 }).toBeTruthy();
    const url = /LIVE_RELAY_URL=(\S+)/.exec(run.stdout)![1]!;
    await expect.poll(async () => (await fetch(url + 'healthz')).status, { timeout: 5000 }).toBe(200);
    expect(JSON.parse(readFileSync(out, 'utf8')).items).toEqual([
      { serviceId: 's-441900003-pk-1', observedAt: '2026-12-06T01:00:00.000Z', figures: { kind: 'parking', free: 3, total: 210 } },
    ]);
    const verdict = await verifyFileSignature(
      readFileSync(out),
      readFileSync(signaturePath(out), 'utf8'),
      [{ keyId: pair.keyId, publicKey: pair.publicKey }],
      'availability.json',
    );
    expect(verdict).toMatchObject({ ok: true, keyId: pair.keyId });
    child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.stdout).toContain('"event":"stopped"');
    expect(run.stdout + run.stderr).not.toContain('tok-123456');
  });
});
