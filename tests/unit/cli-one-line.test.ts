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

/** A folder like a fresh clone's: no public/feed, no dist. */
const freshClone = mkdtempSync(join(tmpdir(), 'fresh-clone-'));

function run(script: string, args: string[], env: Record<string, string> = {}, cwd = root) {
  const cmd = script.endsWith('.mjs') ? [join(root, script), ...args] : [tsx, join(root, script), ...args];
  const r = spawnSync(process.execPath, cmd, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
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
    const path = file(
      'case-2019.json',
      JSON.stringify({
        ...workedCase,
        asOf: '2019-03-01',
        schoolYear: 2019,
        child: { ...workedCase.child, birthDate: '2012-03-01' },
        parent: { ...workedCase.parent, residencePermit: { ...workedCase.parent.residencePermit, since: '2016-01-01' } },
      }),
    );
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

  it.each([
    ['0000-01-01', 2026],
    ['1000-01-01', 1026],
    ['1900-01-01', 126],
  ])(
    'programmes: a birth date of %s (age %i)',
    (birthDate, age) => {
      const path = file(
        `born-${birthDate}.json`,
        JSON.stringify({ asOf: '2026-03-01', birthDate, identity: 'hk', education: 'bachelor', interests: ['employment'] }),
      );
      expectOneLine(
        run('scripts/programmes.ts', [path]),
        new RegExp(`^programmes: invalid profile: birthDate: gives age ${age} on 2026-03-01; age must be 10–80\n`),
      );
    },
    60_000,
  );

  it('data:build -- --services 50', () => {
    expectOneLine(
      run('scripts/data-build.ts', ['--services', '50', '--out', join(dir, 'feed-50')]),
      /^data:build: --services 50: the sample recipe places at least \d+ services/,
    );
  }, 60_000);

  it('data:export to a folder-like name', () => {
    expectOneLine(
      run('scripts/data-export.ts', ['--to', 'hsds', 'tests/fixtures/feeds/valid', `${dir}/out/`]),
      /^data:export: .*out\/ is a folder: give the output file/,
    );
  }, 60_000);

  it('data:validate on a missing folder', () => {
    expectOneLine(run('scripts/data-validate.ts', [join(dir, 'no-feed')]), /^data:validate: not a folder: /);
  }, 60_000);

  it('feed:simulate on a fresh clone names the command to run', () => {
    expectOneLine(
      run('scripts/feed-simulate.ts', ['--port', '0'], {}, freshClone),
      /^feed:simulate: no feed at public\/feed yet: run `npm run data:build` first/,
    );
  }, 60_000);

  it('data:validate -- public/feed on a fresh clone names the command to run', () => {
    expectOneLine(
      run('scripts/data-validate.ts', ['public/feed'], {}, freshClone),
      /^data:validate: not a folder: public\/feed \(run `npm run data:build` to write the sample feed there\)/,
    );
  }, 60_000);

  it('data:export: README and usage name the same arguments', () => {
    const usage = /const USAGE = '(usage: npm run data:export -- [^']+)'/.exec(
      readFileSync(join(root, 'scripts/data-export.ts'), 'utf8'),
    )![1]!;
    expect(usage).toBe('usage: npm run data:export -- --to hsds <feed-folder> <out.json>');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('`npm run data:export -- --to hsds <feed> <out.json>`');
    expectOneLine(
      run('scripts/data-export.ts', ['--to', 'hsds', 'tests/fixtures/feeds/valid', join(dir, 'export-out')]),
      /^data:export: .*export-out: the output file name must end in \.json/,
    );
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
  it('by data:build for its recipe', () => {
    const recipe = file('bom-recipe.json', BOM + readFileSync(join(root, 'data/sample-recipe.json'), 'utf8'));
    const r = run('scripts/data-build.ts', ['--recipe', recipe, '--services', '300', '--out', join(dir, 'feed-bom'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(
      JSON.parse(readFileSync(join(dir, 'feed-bom/manifest.json'), 'utf8')).chunks.reduce(
        (n: number, c: { count: number }) => n + c.count,
        0,
      ),
    ).toBe(300);
  }, 60_000);

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
