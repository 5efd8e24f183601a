import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'tests/fixtures/youth');

function run(file: string) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/programmes.ts'), file], {
    encoding: 'utf8',
    cwd: root,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'youth-cli-'));
  tempDirs.push(dir);
  return dir;
};

describe('npm run programmes', () => {
  it('prints matches with reasons and near misses with what is missing (exit 0)', () => {
    const r = run(join(fixtures, 'hk-graduate-24.json'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.asOf).toBe('2026-03-01');
    const ids = out.matches.map((m: { id: string }) => m.id);
    expect(ids).toContain('hk-gbayes-2025');
    expect(ids).not.toContain('hk-gbayes-2023');
    const gbayes = out.matches.find((m: { id: string }) => m.id === 'hk-gbayes-2025');
    expect(gbayes.kind).toBe('employment');
    expect(gbayes.reasons).toContainEqual({ zh: '年龄24岁：符合29岁或以下', en: 'Age 24: within 29 or under' });
  }, 30_000);

  it('a 31-year-old gets the scheme as a near miss with the January 2025 reason', () => {
    const r = run(join(fixtures, 'hk-31.json'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const miss = out.nearMisses.find((m: { id: string }) => m.id === 'hk-gbayes-2025');
    expect(miss.missing).toEqual([
      { zh: '年龄31岁：该计划自2025年1月起只接受29岁或以下', en: 'Age 31: this scheme takes 29 or under since January 2025' },
    ]);
  }, 30_000);

  it.each([
    ['bad-identity.json', /^programmes: invalid profile: identity: /],
    ['not-json.txt', /^programmes: cannot read .* as JSON/],
    ['does-not-exist.json', /^programmes: cannot read /],
  ])(
    '%s → exit 2 with one clear line',
    (file, message) => {
      const r = run(join(fixtures, file));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    },
    30_000,
  );

  it('rejects a profile without age or birth date, and unknown fields', () => {
    const dir = tempDir();
    const noAge = join(dir, 'no-age.json');
    writeFileSync(noAge, JSON.stringify({ identity: 'hk', education: 'bachelor', interests: ['employment'] }));
    expect(run(noAge)).toMatchObject({ code: 2, stderr: expect.stringContaining('give age or birthDate') });
    const extra = join(dir, 'extra.json');
    writeFileSync(extra, JSON.stringify({ age: 24, identity: 'hk', education: 'bachelor', interests: ['employment'], salary: 1 }));
    expect(run(extra).code).toBe(2);
  }, 30_000);
});
