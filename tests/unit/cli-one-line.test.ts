/**
 * Every CLI (issue 14, classes 1, 6, 7): unusable input gives exactly one line on stderr and exit 2,
 * never a stack trace, unless --debug asks for it. Each case is an exact input from the issue.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'cli-one-line-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const BOM = '\uFEFF';
const workedCase = JSON.parse(readFileSync(join(root, 'tests/fixtures/enrolment/worked-example.json'), 'utf8'));

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const cmd = script.endsWith('.mjs') ? [join(root, script), ...args] : [tsx, join(root, script), ...args];
  const r = spawnSync(process.execPath, cmd, { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One line on stderr, exit 2, no trace. */
function expectOneLine(r: ReturnType<typeof run>, pattern: RegExp) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).toMatch(pattern);
}

describe('one line and exit 2 for unusable input', () => {
  it('enrolment: an admission year before the rules (2019)', () => {
    const path = file('case-2019.json', JSON.stringify({ ...workedCase, asOf: '2019-03-01', schoolYear: 2019, child: { ...workedCase.child, birthDate: '2012-03-01' }, parent: { ...workedCase.parent, residencePermit: { ...workedCase.parent.residencePermit, since: '2016-01-01' } } }));
    expectOneLine(run('scripts/enrolment.ts', [path]), /^enrolment: invalid case: schoolYear: admission year 2019 is before 2020/);
  }, 60_000);

  it('enrolment: an array where the tax object belongs', () => {
    const path = file('case-array.json', JSON.stringify({ ...workedCase, parent: { ...workedCase.parent, tax: [] } }));
    expectOneLine(run('scripts/enrolment.ts', [path]), /^enrolment: invalid case: parent\.tax: expected an object/);
  }, 60_000);

  it('enrolment: --debug adds the trace', () => {
    const r = run('scripts/enrolment.ts', [join(dir, 'missing.json'), '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^enrolment: cannot read /);
    expect(r.stderr).toMatch(/^\s+at /m);
  }, 60_000);

  it('programmes: a birth date in year 0000', () => {
    const path = file('born-0000.json', JSON.stringify({ asOf: '2026-03-01', birthDate: '0000-01-01', identity: 'hk', education: 'bachelor', interests: ['employment'] }));
    expectOneLine(run('scripts/programmes.ts', [path]), /^programmes: invalid profile: birthDate: gives age 2026 on 2026-03-01; age must be 10–80\n/);
  }, 60_000);

  it('data:build -- --services 50', () => {
    expectOneLine(run('scripts/data-build.ts', ['--services', '50', '--out', join(dir, 'feed-50')]), /^data:build: --services 50: the sample recipe places at least \d+ services/);
  }, 60_000);

  it('data:export to a folder-like name', () => {
    expectOneLine(run('scripts/data-export.ts', ['--to', 'hsds', 'tests/fixtures/feeds/valid', `${dir}/out/`]), /^data:export: .*out\/ is a folder: give the output file/);
  }, 60_000);

  it('data:validate on a missing folder', () => {
    expectOneLine(run('scripts/data-validate.ts', [join(dir, 'no-feed')]), /^data:validate: not a folder: /);
  }, 60_000);

  it('feed:simulate without a feed', () => {
    expectOneLine(run('scripts/feed-simulate.ts', ['--feed', join(dir, 'no-feed'), '--port', '0']), /^feed:simulate: no feed at /);
  }, 60_000);

  it('size before a build names the command', () => {
    expectOneLine(run('scripts/size.mjs', [], { DIST_DIR: join(dir, 'no-dist') }), /^size: .* not found: run `npm run build` first/);
  }, 60_000);

  it('bench with an unknown row', () => {
    expectOneLine(run('scripts/bench.ts', ['--only', 'nope']), /^bench: unknown benchmark nope/);
  }, 60_000);
});

describe('a UTF-8 byte-order mark is accepted', () => {
  it('by enrolment', () => {
    const r = run('scripts/enrolment.ts', [file('bom-case.json', BOM + JSON.stringify(workedCase))]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).points.total).toBe(146);
  }, 60_000);

  it('by programmes', () => {
    const profile = readFileSync(join(root, 'tests/fixtures/youth/hk-graduate-24.json'), 'utf8');
    const r = run('scripts/programmes.ts', [file('bom-profile.json', BOM + profile)]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).age).toBe(24);
  }, 60_000);
});
