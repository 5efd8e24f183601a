import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import { readFeed, validateFolder } from './feed-folder.ts';
import { publishFeed, type PublishOptions } from './publish.ts';
import { parseKeyLine, verifySignedManifest } from '../../src/data/feed-signature.ts';
import { testKey } from '../../tests/fixtures/signing/test-keys.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(ROOT, 'docs/examples/publish');
const T0 = '2026-12-01T00:00:00.000Z';
const T1 = '2026-12-02T00:00:00.000Z';
const NOW = new Date('2026-12-06T00:00:00Z');

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dgn-publish-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the example folder to edit. */
function exampleCopy(): string {
  const d = tmp();
  cpSync(EXAMPLE, d, { recursive: true });
  return d;
}

const publish = (config: string, out: string, extra: Partial<PublishOptions> = {}) =>
  publishFeed({ config: join(config, 'publish.json'), out, generatedAt: T0, now: NOW, ...extra });

/** Every file of a folder → its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}
const feedFiles = (dir: string) => new Map([...snapshot(dir)].filter(([p]) => p !== 'publish-report.json'));

/** Edits the kindergarten workbook: rows are the data rows (header excluded), as arrays of cell values. */
async function editKindergartens(dir: string, edit: (rows: ExcelJS.CellValue[][]) => ExcelJS.CellValue[][]) {
  const file = join(dir, 'kindergartens.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1);
  const out = new ExcelJS.Workbook();
  const sheet = out.addWorksheet(ws.name);
  sheet.addRow(header);
  for (const r of edit(rows)) sheet.addRow(r);
  await out.xlsx.writeFile(file);
}

const byId = (records: ServiceRecord[]) => new Map(records.map((r) => [r.id, r]));

describe('feed:publish: the example (three owners)', () => {
  it('publishes a valid feed with the owner on every record, merges the OSM copy of a listed kindergarten, and maps the owner’s own terms', async () => {
    const out = join(tmp(), 'feed');
    const res = await publish(EXAMPLE, out);
    expect(res.errors).toEqual([]);
    expect(res.exitCode).toBe(0);
    const report = await validateFolder(out, NOW);
    expect(report.problems ?? []).toEqual([]);
    const { records, manifest } = readFeed(out);
    expect(manifest.version).toBe('1');
    expect(new Set(records.map((r) => r.source.id))).toEqual(new Set(['edu-kg', 'civil-affairs', 'osm']));
    expect(manifest.sources.find((s) => s.id === 'edu-kg')).toMatchObject({
      owner: { zh: '东莞市教育局（示例）', en: 'Dongguan Education Bureau (example)' },
      contact: 'tel:12345',
      licence: 'CC0 1.0 (example data)',
    });
    // The OSM node for 虎门 No. 1 is the education bureau's record (priority 10 > 1): one record, the bureau's id.
    expect(res.report!.merges).toEqual([
      { kept: { id: 'edu-kg-1', source: 'edu-kg' }, dropped: { id: 'osm-n9000000001', source: 'osm' }, metres: expect.any(Number) },
    ]);
    expect(records.some((r) => r.id === 'osm-n9000000001')).toBe(false);
    // categoryTerms: civil affairs' own codes (MZ-YL-0301 …) and an OSM tag the shared table lacks.
    expect(records.filter((r) => r.source.id === 'civil-affairs').map((r) => r.category)).toEqual(
      expect.arrayContaining(['elderly_daycare', 'elderly_daycare', 'elderly_daycare', 'nursery', 'nursery']),
    );
    expect(byId(records).get('osm-n9000000008')?.category).toBe('sports_venue');
    // Record bytes do not name a row: the id cell is the reference.
    expect(byId(records).get('edu-kg-3')?.source).toEqual({ id: 'edu-kg', kind: 'spreadsheet', reference: 'id 3', updated: T0 });
    // .gz and .br beside every JSON file, each decompressing to the file; a chunk's .gz is its gzip copy in the manifest.
    expect(manifest.chunks.map((c) => c.gzipPath)).toEqual(manifest.chunks.map((c) => `${c.path}.gz`));
    for (const path of ['manifest.json', ...manifest.chunks.map((c) => c.path), ...Object.keys(manifest.files ?? {})]) {
      const raw = readFileSync(join(out, path));
      expect(gunzipSync(readFileSync(join(out, `${path}.gz`))).equals(raw)).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(out, `${path}.br`))).equals(raw)).toBe(true);
    }
  });

  it('the owner’s categoryTerms are what imports its directory: without them its own codes are unmapped', async () => {
    const dir = exampleCopy();
    const config = JSON.parse(readFileSync(join(dir, 'publish.json'), 'utf8'));
    delete config.sources[1].categoryTerms;
    writeFileSync(join(dir, 'publish.json'), JSON.stringify(config));
    const res = await publish(dir, join(tmp(), 'feed'));
    expect(res.exitCode).toBe(0);
    // Only the names the shared table happens to know (长者饭堂, 日间照料中心) import; 普惠托育机构 does not.
    const civil = res.report!.sources['civil-affairs']!;
    expect([civil.read, civil.imported]).toEqual([5, 3]);
    expect(Object.keys(civil.import.skipped)).toEqual(['no category (unmapped terms; see category-terms.json or use --category)']);
  });

  it('a source whose rows all fail: exit 1 naming it, nothing written; --allow-removals publishes the others', async () => {
    const dir = exampleCopy();
    const osm = JSON.parse(readFileSync(join(dir, 'dongguan-osm.json'), 'utf8'));
    osm.elements = osm.elements.map((e: { tags: Record<string, string> }) => ({ ...e, tags: { amenity: 'bench' } }));
    writeFileSync(join(dir, 'dongguan-osm.json'), JSON.stringify(osm));
    const out = join(tmp(), 'feed');
    const res = await publish(dir, out);
    expect(res.exitCode).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(/^source osm: none of its 9 records could be imported/);
    expect(existsSync(out)).toBe(false);
    const allowed = await publish(dir, out, { allowRemovals: ['osm'] });
    expect(allowed.exitCode).toBe(0);
    expect(readFeed(out).records.some((r) => r.source.id === 'osm')).toBe(false);
  });
});

describe('feed:publish: real third-party data', () => {
  it('an owner’s categoryTerms import a real OSM extract whose tag the shared table leaves out (252 Hanoi health stations, amenity=hospital)', async () => {
    const dir = tmp();
    const source = {
      id: 'health',
      owner: { zh: '卫生健康局（测试）', en: 'Health commission (test)' },
      from: 'osm',
      file: join(ROOT, 'tests/fixtures/real/osm-hanoi-health-relocated.json'),
      categories: ['clinic'],
    };
    const others = [
      { id: 'osm-dg', owner: { zh: 'OSM', en: 'OSM' }, from: 'osm', file: join(ROOT, 'tests/fixtures/osm/dongguan-overpass.json') },
      {
        id: 'hsds-dg',
        owner: { zh: 'HSDS', en: 'HSDS' },
        from: 'hsds',
        file: join(ROOT, 'tests/fixtures/hsds/dongguan'),
        crs: 'wgs84',
        licence: 'test',
        attribution: 'test',
      },
    ];
    const run = async (terms: Record<string, string> | undefined, out: string, allow: string[] = []) => {
      writeFileSync(
        join(dir, 'publish.json'),
        JSON.stringify({ sources: [{ ...source, ...(terms ? { categoryTerms: terms } : {}) }, ...others] }),
      );
      return publishFeed({ config: join(dir, 'publish.json'), out, generatedAt: T0, now: NOW, allowRemovals: allow });
    };
    const without = await run(undefined, join(dir, 'a'));
    expect(without.exitCode).toBe(1);
    expect(without.errors[0]).toMatch(/^source health: none of its 252 records could be imported/);
    const withTerms = await run({ 'amenity=hospital': 'clinic' }, join(dir, 'b'));
    expect(withTerms.errors).toEqual([]);
    expect(withTerms.report!.sources.health).toMatchObject({ read: 252, imported: 236 });
    expect((await validateFolder(join(dir, 'b'), NOW)).problems).toEqual([]);
  });
});

describe('feed:publish: deterministic and incremental', () => {
  it('same input → the same bytes; republishing over the previous feed changes nothing, not even the version', async () => {
    const a = join(tmp(), 'a');
    const b = join(tmp(), 'b');
    await publish(EXAMPLE, a);
    await publish(EXAMPLE, b);
    expect(feedFiles(b)).toEqual(feedFiles(a));
    const before = feedFiles(a);
    const again = await publish(EXAMPLE, a, { previous: a, generatedAt: T1 });
    expect(again.exitCode).toBe(0);
    expect(again.report!.changed).toBe(false);
    expect(again.report!.written).toEqual([]);
    expect(feedFiles(a)).toEqual(before);
  });

  it('an owner edits a phone, deletes two rows and adds one: version 2, only the chunks of those towns change, the diff says what changed', async () => {
    const dir = exampleCopy();
    const v1 = join(tmp(), 'v1');
    await publish(dir, v1);
    const first = readFeed(v1);
    // Rows: 1–6 虎门, 7–11 长安, 12–16 南城, 17–20 东城, 21–24 松山湖.
    await editKindergartens(dir, (rows) => {
      const kept = rows.filter((r) => r[0] !== 8 && r[0] !== 9); // two 长安 rows removed
      kept.find((r) => r[0] === 13)![5] = '0769-12349999'; // 南城: a phone edited
      const added = [...kept.find((r) => r[0] === 10)!];
      added[0] = 25;
      added[1] = '东莞市长安镇示例新开幼儿园（示例数据）';
      added[2] = "Chang'an Example New Kindergarten (example data)";
      kept.splice(2, 0, added); // a new row in the middle of the sheet: the rows after it move
      return kept;
    });
    const v2 = join(tmp(), 'v2');
    const res = await publish(dir, v2, { previous: v1, generatedAt: T1 });
    expect(res.errors).toEqual([]);
    expect(res.exitCode).toBe(0);
    const second = readFeed(v2);
    expect(second.manifest.version).toBe('2');
    const edu = res.report!.review.sources['edu-kg']!;
    expect(edu).toMatchObject({
      before: 24,
      after: 23,
      added: 1,
      removed: 2,
      changed: 1,
      addedIds: ['edu-kg-25'],
      removedIds: ['edu-kg-8', 'edu-kg-9'],
    });
    expect(edu.changedExamples).toEqual([{ id: 'edu-kg-13', fields: ['phone', 'source.updated'] }]);
    expect(res.report!.review.sources.osm).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect(res.report!.review.chunks.changed).toEqual(['services/441900004.json', 'services/441900119.json']);
    expect(res.report!.review.chunks.unchanged).toBe(3);
    // Unchanged chunks keep their bytes and sha256; unchanged records keep their date.
    for (const c of second.manifest.chunks)
      if (!res.report!.review.chunks.changed.includes(c.path)) {
        expect(c.sha256).toBe(first.manifest.chunks.find((x) => x.path === c.path)!.sha256);
        // and their file times, which a server's ETag is made of
        for (const file of [c.path, c.path + '.gz', c.path + '.br', c.packedPath!])
          expect(Math.floor(statSync(join(v2, file)).mtimeMs / 1000)).toBe(Math.floor(statSync(join(v1, file)).mtimeMs / 1000));
      }
    expect(byId(second.records).get('edu-kg-14')!.source.updated).toBe(T0);
    expect(byId(second.records).get('edu-kg-13')!.source.updated).toBe(T1);
    expect(byId(second.records).get('edu-kg-25')!.source.updated).toBe(T1);
    // the two changed chunks (each with its .gz and .br) and their packed copies (gzip only)
    expect(res.report!.written.filter((p) => p.startsWith('services/')).sort()).toEqual([
      'services/441900004-packed.json.gz',
      'services/441900004.json',
      'services/441900119-packed.json.gz',
      'services/441900119.json',
    ]);
    expect(
      readdirSync(join(v2, 'services'))
        .filter((f) => f.includes('-packed'))
        .every((f) => f.endsWith('-packed.json.gz')),
    ).toBe(true);
  });
});

describe('feed:publish --sign (issue 23)', () => {
  /** The app's own check of a published folder's manifest.sig against the TEST publishing key. */
  async function appVerdict(dir: string) {
    const key = await testKey('publish');
    const bytes = readFileSync(join(dir, 'manifest.json'));
    const trusted = parseKeyLine(key.publicKeyLine);
    if (!trusted.ok) throw new Error(trusted.reason);
    return verifySignedManifest(bytes, JSON.parse(bytes.toString('utf8')), readFileSync(join(dir, 'manifest.sig'), 'utf8'), [
      trusted.value,
    ]);
  }

  it('signs what it writes; an unchanged republish keeps the signed bytes; a change is version 2, signed anew', async () => {
    const key = await testKey('publish');
    const live = await testKey('live');
    const dir = exampleCopy();
    const out = join(tmp(), 'feed');
    const first = await publish(dir, out, { sign: { key, liveKeys: [live.publicKeyLine] } });
    expect(first.exitCode, first.errors.join('\n')).toBe(0);
    expect(await appVerdict(out)).toEqual({ ok: true, keyId: key.keyId });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ version: '1', keyId: key.keyId, signedAt: T0, liveKeys: [live.publicKeyLine] });
    // the live file is never pinned: the relay rewrites it between publishes
    expect(manifest.files['availability.json']).toBeUndefined();

    const before = feedFiles(out);
    const same = await publish(dir, out, { previous: out, generatedAt: T1, sign: { key } });
    expect(same.report!.changed).toBe(false);
    expect(feedFiles(out)).toEqual(before);

    await editKindergartens(dir, (rows) => rows.slice(0, -1));
    const next = await publish(dir, out, { previous: out, generatedAt: T1, sign: { key } });
    expect(next.exitCode, next.errors.join('\n')).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ version: '2', signedAt: T1 });
    expect(await appVerdict(out)).toEqual({ ok: true, keyId: key.keyId });
  });

  it('a signed previous feed without --sign: exit 2, one line, the feed untouched (devices would refuse an unsigned version)', async () => {
    const out = join(tmp(), 'feed');
    await publish(EXAMPLE, out, { sign: { key: await testKey('publish') } });
    const before = feedFiles(out);
    const unsigned = await publish(EXAMPLE, out, { previous: out, generatedAt: T1 });
    expect(unsigned.exitCode).toBe(2);
    expect(unsigned.errors).toEqual([expect.stringContaining('is signed: give --sign <private-key>')]);
    expect(feedFiles(out)).toEqual(before);
  });

  it('a relay’s live file and its signature survive a republish', async () => {
    const dir = exampleCopy();
    const out = join(tmp(), 'feed');
    await publish(dir, out);
    const relayed = JSON.stringify({ generatedAt: T1, pollSeconds: 30, items: [] });
    writeFileSync(join(out, 'availability.json'), relayed);
    writeFileSync(join(out, 'availability.sig'), 'written by the relay');
    await editKindergartens(dir, (rows) => rows.slice(0, -1));
    const next = await publish(dir, out, { previous: out, generatedAt: T1 });
    expect(next.report!.changed).toBe(true);
    expect(readFileSync(join(out, 'availability.json'), 'utf8')).toBe(relayed);
    expect(readFileSync(join(out, 'availability.sig'), 'utf8')).toBe('written by the relay');
  });
});

describe('feed:diff', () => {
  it('prints for two feed folders the review feed:publish printed for them (--json: the same figures)', async () => {
    const dir = exampleCopy();
    const v1 = join(tmp(), 'v1');
    const v2 = join(tmp(), 'v2');
    await publish(dir, v1);
    await editKindergartens(dir, (rows) => rows.filter((r) => r[0] !== 20));
    const res = await publish(dir, v2, { previous: v1, generatedAt: T1 });
    const run = (args: string[]) => spawnSync('npx', ['tsx', 'scripts/feed-diff.ts', v1, v2, ...args], { cwd: ROOT, encoding: 'utf8' });
    const json = run(['--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(res.report!.review);
    const text = run([]);
    expect(text.stdout).toContain('edu-kg: 24 → 23 records: +0 added, -1 removed, ~0 changed');
    expect(text.stdout).toContain('removed: edu-kg-20');
    const missing = spawnSync('npx', ['tsx', 'scripts/feed-diff.ts', v1, join(dir, 'nope')], { cwd: ROOT, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('feed:publish: the removals breaker', () => {
  it('a truncated list is refused (exit 2, one line naming the source and the counts), --allow-removals lets it through and the report says so', async () => {
    const dir = exampleCopy();
    const v1 = join(tmp(), 'v1');
    await publish(dir, v1);
    const before = feedFiles(v1);
    await editKindergartens(dir, (rows) => rows.slice(0, 15)); // the owner's export stopped at row 16
    const refused = await publish(dir, v1, { previous: v1, generatedAt: T1 });
    expect(refused.exitCode).toBe(2);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toMatch(
      /^source edu-kg would remove 9 of its 24 records \(37\.5 %; .*\); 15 remain\. .*--allow-removals edu-kg$/,
    );
    expect(feedFiles(v1)).toEqual(before);
    const allowed = await publish(dir, v1, { previous: v1, generatedAt: T1, allowRemovals: ['edu-kg'] });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.report!.allowedRemovals).toEqual([expect.stringMatching(/^source edu-kg would remove 9 of its 24 records/)]);
    expect(allowed.out.some((l) => l.startsWith('allowed by --allow-removals edu-kg: source edu-kg would remove 9'))).toBe(true);
    expect(readFeed(v1).manifest.version).toBe('2');
  });

  it('replacing a one-list feed (records without a source id) needs --allow-removals -', async () => {
    const previous = join(tmp(), 'single');
    cpSync(join(ROOT, 'tests/fixtures/feeds/valid'), previous, { recursive: true });
    const out = join(tmp(), 'out');
    const refused = await publish(EXAMPLE, out, { previous });
    expect(refused.exitCode).toBe(2);
    expect(refused.errors).toEqual([expect.stringMatching(/^source - would remove \d+ of its \d+ records .*--allow-removals -$/)]);
    const allowed = await publish(EXAMPLE, out, { previous, allowRemovals: ['-'] });
    expect(allowed.exitCode).toBe(0);
  });

  it('removing every record of a category in one town trips it even under 10 %', async () => {
    const dir = exampleCopy();
    const v1 = join(tmp(), 'v1');
    await publish(dir, v1);
    const osm = JSON.parse(readFileSync(join(dir, 'dongguan-osm.json'), 'utf8'));
    osm.elements = osm.elements.filter((e: { id: number }) => e.id !== 9000000007); // 长安's only sports centre
    writeFileSync(join(dir, 'dongguan-osm.json'), JSON.stringify(osm));
    const res = await publish(dir, v1, { previous: v1, generatedAt: T1 });
    expect(res.exitCode).toBe(2);
    expect(res.errors).toEqual([expect.stringMatching(/^source osm would remove 1 of its 7 records \(14\.3 %/)]);
  });
});

describe('feed:publish: bad input (exit 2, one line each, nothing written, the previous feed untouched)', () => {
  const cases: [string, (dir: string, config: { sources: Record<string, unknown>[] }) => void, RegExp][] = [
    ['a missing source file', (_d, c) => (c.sources[2]!.file = 'gone.json'), /^source osm: no such file or folder: gone\.json$/],
    ['an unreadable source file', (d) => writeFileSync(join(d, 'dongguan-osm.json'), '{"elements": ['), /^source osm: .*not JSON/],
    ['an unknown from', (_d, c) => (c.sources[2]!.from = 'shapefile'), /sources\.2\.from: from must be one of csv, hsds, osm, feed$/],
    [
      'a mapping that names a missing column',
      (d) => {
        const map = JSON.parse(readFileSync(join(d, 'kindergarten-map.json'), 'utf8'));
        map.columns.phone = '电话号码';
        writeFileSync(join(d, 'kindergarten-map.json'), JSON.stringify(map));
      },
      /^source edu-kg: the mapping names columns the file does not have: 电话号码/,
    ],
    ['two sources with one id', (_d, c) => (c.sources[2]!.id = 'edu-kg'), /^source edu-kg: two sources have the id "edu-kg"$/],
    [
      'a category the source may not supply',
      (_d, c) => (c.sources[2]!.categories = ['clinic', 'parking', 'sports_venue']),
      /^source osm: 2 records of category kindergarten, which it may not supply \(categories: clinic, parking, sports_venue\)$/,
    ],
    ['a config that is not JSON', (d) => writeFileSync(join(d, 'publish.json'), '{ sources: }'), /publish\.json as JSON/],
  ];
  for (const [name, spoil, line] of cases)
    it(name, async () => {
      const dir = exampleCopy();
      const previous = join(tmp(), 'previous');
      await publish(dir, previous);
      const before = feedFiles(previous);
      const config = JSON.parse(readFileSync(join(dir, 'publish.json'), 'utf8'));
      spoil(dir, config);
      if (name !== 'a config that is not JSON') writeFileSync(join(dir, 'publish.json'), JSON.stringify(config));
      const out = join(tmp(), 'out');
      const res = await publish(dir, out, { previous });
      expect(res.exitCode).toBe(2);
      expect(res.errors.some((e) => line.test(e))).toBe(true);
      for (const e of res.errors) expect(e).not.toMatch(/\n/);
      expect(existsSync(out)).toBe(false);
      expect(feedFiles(previous)).toEqual(before);
    });

  it('every problem of a config is its own line', async () => {
    const dir = exampleCopy();
    const config = JSON.parse(readFileSync(join(dir, 'publish.json'), 'utf8'));
    config.sources[0].file = 'missing.xlsx';
    config.sources[1].id = 'osm';
    writeFileSync(join(dir, 'publish.json'), JSON.stringify(config));
    const res = await publish(dir, join(tmp(), 'out'));
    expect(res.exitCode).toBe(2);
    expect(res.errors).toEqual(['source edu-kg: no such file or folder: missing.xlsx', 'source osm: two sources have the id "osm"']);
  });

  it('the CLI prints one line per problem on stderr and exits 2', () => {
    const dir = exampleCopy();
    const config = JSON.parse(readFileSync(join(dir, 'publish.json'), 'utf8'));
    config.sources[2].from = 'shapefile';
    config.sources[0].id = 'Edu KG';
    writeFileSync(join(dir, 'publish.json'), JSON.stringify(config));
    const run = spawnSync('npx', ['tsx', 'scripts/feed-publish.ts', join(dir, 'publish.json'), '--out', join(dir, 'out')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^feed:publish: .*publish\.json: sources\.\d\.(id|from): /);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
