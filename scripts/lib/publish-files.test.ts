import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkKnownFile } from '../../src/data/feed-structure.ts';
import type { OfficesFile } from '../../src/data/published-files-schema.ts';
import officesEmbedded from '../../src/features/enrolment/rules/education-offices.json';
import { validateFolder } from './feed-folder.ts';
import { buildPublishedFiles } from './publish-files.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(ROOT, 'docs/examples/publish');
const FILES = JSON.parse(readFileSync(join(EXAMPLE, 'publish.json'), 'utf8')).files;

const dirs: string[] = [];
function exampleCopy(): string {
  const d = mkdtempSync(join(tmpdir(), 'dgn-publish-files-'));
  dirs.push(d);
  cpSync(EXAMPLE, d, { recursive: true });
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const editJson = (file: string, edit: (json: any) => void) => {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json));
};

describe('the owned files of the example publish', () => {
  it('builds holidays, programmes, the 2027 rules and the offices, each passing the sync validator', async () => {
    const built = await buildPublishedFiles(FILES, EXAMPLE);
    expect(built.problems).toEqual([]);
    expect(Object.keys(built.files).sort()).toEqual(['enrolment-2027.json', 'holidays.json', 'offices.json', 'programmes.json']);
    for (const [path, text] of Object.entries(built.files)) expect(checkKnownFile(path, JSON.parse(text)), path).toEqual([]);
  });

  it('the offices template: 36 town units, only the offices the repository knows go into the feed, no invented value', async () => {
    const csv = readFileSync(join(EXAMPLE, 'offices.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(1 + 36);
    const offices = JSON.parse((await buildPublishedFiles(FILES, EXAMPLE)).files['offices.json']!) as OfficesFile;
    const embedded = officesEmbedded.offices as Record<string, { phone?: string; name?: { zh: string }; address?: { zh: string } }>;
    expect(Object.keys(offices.offices).sort()).toEqual(Object.keys(embedded).sort());
    for (const [town, o] of Object.entries(offices.offices)) {
      expect(o.phone, town).toBe(embedded[town]!.phone);
      expect(o.name?.zh, town).toBe(embedded[town]!.name?.zh);
      expect(o.address?.zh, town).toBe(embedded[town]!.address?.zh);
      expect(o.window, town).toBeUndefined();
      expect(o.source.status, town).toBe('secondary');
    }
  });

  it('a text the owner gave only in zh and en gets its Traditional Chinese, derived from zh', async () => {
    const dir = exampleCopy();
    editJson(join(dir, 'enrolment-2027.json'), (j) => {
      delete j.documents[0].text.zhHant;
      delete j.publisher.zhHant;
    });
    const file = join(dir, 'offices.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace(',東城教育管理中心,', ',,'));
    const built = await buildPublishedFiles(FILES, dir);
    expect(built.problems).toEqual([]);
    const rules = JSON.parse(built.files['enrolment-2027.json']!);
    expect(rules.documents[0].text.zhHant).toBe(
      JSON.parse(readFileSync(join(EXAMPLE, 'enrolment-2027.json'), 'utf8')).documents[0].text.zhHant,
    );
    expect(rules.publisher).toEqual({
      zh: '东莞市教育局（示例）',
      en: 'Dongguan Education Bureau (example)',
      zhHant: '東莞市教育局（示例）',
    });
    expect(JSON.parse(built.files['offices.json']!).offices['441900003'].name.zhHant).toBe('東城教育管理中心');
  });

  it('no files key: nothing to add', async () => {
    expect(await buildPublishedFiles(undefined, EXAMPLE)).toEqual({ files: {}, problems: [] });
  });
});

describe('bad owned files: one line each, nothing built', () => {
  type Case = [name: string, spoil: (dir: string, files: any) => void, line: RegExp];
  const cases: Case[] = [
    ['a files key it does not know', (_d, f) => (f.rules = 'rules.json'), /^files: rules: /],
    ['offices from something other than csv', (_d, f) => (f.offices.from = 'hsds'), /^files: offices\.from: offices "from" must be "csv"/],
    [
      'a missing enrolment file',
      (_d, f) => (f.enrolment = ['enrolment-2028.json']),
      /^files\.enrolment: no such file: enrolment-2028\.json$/,
    ],
    [
      'a rules file that fails its schema',
      (d) => editJson(join(d, 'enrolment-2027.json'), (j) => (j.parameters.pointsHome.value.sameTown = 'twenty')),
      /^enrolment-2027\.json: \$\.parameters\.pointsHome\.value\.sameTown: /,
    ],
    [
      'a rules file that is not JSON',
      (d) => writeFileSync(join(d, 'enrolment-2027.json'), '{"schoolYear": 2027,'),
      /^files\.enrolment: cannot read .*enrolment-2027\.json as JSON/,
    ],
    [
      'a rules file without its school year',
      (d) => editJson(join(d, 'enrolment-2027.json'), (j) => delete j.schoolYear),
      /^enrolment-2027\.json: \$\.schoolYear: /,
    ],
    [
      'two rules files for one year',
      (d, f) => {
        cpSync(join(d, 'enrolment-2027.json'), join(d, 'enrolment-2027-copy.json'));
        f.enrolment.push('enrolment-2027-copy.json');
      },
      /^enrolment-2027-copy\.json: rules for 2027 are also in enrolment-2027\.json$/,
    ],
    [
      'a programme list without its publisher',
      (d) => editJson(join(d, 'programmes.json'), (j) => delete j.publisher),
      /^programmes\.json: \$\.publisher: /,
    ],
    [
      'a holiday table that fails its schema',
      (d) => editJson(join(d, 'holidays.json'), (j) => (j.years = [2030, 2020])),
      /^holidays\.json: \$\.years: /,
    ],
    [
      'an offices mapping that names a missing column',
      (d) => editJson(join(d, 'offices-map.json'), (j) => (j.columns.phone = '联系电话')),
      /^files\.offices: offices\.csv: the mapping names columns the sheet does not have: 联系电话$/,
    ],
    [
      'an offices mapping without a citation column',
      (d) => editJson(join(d, 'offices-map.json'), (j) => delete j.columns['source.checked']),
      /^offices-map\.json: columns: columns must name town, source\.document, source\.url, source\.status, source\.checked$/,
    ],
    [
      'an office row with a Chinese name but no English one',
      (d) => {
        const file = join(d, 'offices.csv');
        writeFileSync(file, readFileSync(file, 'utf8').replace(',Dongcheng Education Management Centre,', ',,'));
      },
      /^offices\.csv: row 2 \(town 441900003\): name needs both its Chinese and its English text$/,
    ],
    [
      'an office row whose status is neither official nor secondary',
      (d) => {
        const file = join(d, 'offices.csv');
        writeFileSync(file, readFileSync(file, 'utf8').replace('11228854.html,转载,', '11228854.html,网传,'));
      },
      /^offices\.csv: \$\.offices\["441900003"\]\.source\.status: unknown value "网传"/,
    ],
    [
      'an office row for a town code that does not exist',
      (d) => {
        const file = join(d, 'offices.csv');
        writeFileSync(file, readFileSync(file, 'utf8').replace('441900003,东城街道', '441900999,东城街道'));
      },
      /^offices\.csv: \$\.offices\["441900999"\]: unknown town code 441900999$/,
    ],
  ];
  it.each(cases)('%s', async (_name, spoil, line) => {
    const dir = exampleCopy();
    const files = structuredClone(FILES);
    spoil(dir, files);
    const built = await buildPublishedFiles(files, dir);
    expect(built.files).toEqual({});
    expect(
      built.problems.some((p) => line.test(p)),
      built.problems.join('\n'),
    ).toBe(true);
    for (const p of built.problems) expect(p).not.toMatch(/\n/);
  });
});

describe('feed:publish with owned files', () => {
  it('publishes them beside the records, listed in the manifest, and data:validate finds nothing wrong', () => {
    const dir = exampleCopy();
    const out = join(dir, 'out');
    const run = spawnSync(
      'npx',
      ['tsx', 'scripts/feed-publish.ts', join(dir, 'publish.json'), '--out', out, '--generated-at', '2026-12-05T00:00:00Z'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    for (const f of ['enrolment-2027.json', 'offices.json', 'programmes.json', 'holidays.json']) {
      expect(manifest.files[f], f).toMatch(/^[0-9a-f]{64}$/);
      expect(existsSync(join(out, `${f}.gz`)), f).toBe(true);
    }
    return validateFolder(out).then((report) => expect(report.problems).toEqual([]));
  });

  it('a rules file that fails its schema: exit 2, one line, nothing written', () => {
    const dir = exampleCopy();
    editJson(join(dir, 'enrolment-2027.json'), (j) => (j.parameters.primary1AgeCutoff.status = 'rumour'));
    const out = join(dir, 'out');
    const run = spawnSync('npx', ['tsx', 'scripts/feed-publish.ts', join(dir, 'publish.json'), '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^feed:publish: enrolment-2027\.json: \$\.parameters\.primary1AgeCutoff\.status: /)]);
    expect(existsSync(out)).toBe(false);
  });
});
