/**
 * The signing CLIs end to end (issue 23): feed:keygen writes a key pair only outside the repository and
 * feed folders; feed:sign signs and bumps the version; data:validate --keys gives the verdict; bad input
 * is one line and exit 2.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const run = (script: string, args: string[]) => {
  const r = spawnSync(process.execPath, [tsx, join(root, script), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const oneLine = (r: ReturnType<typeof run>, pattern: RegExp) => {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
};

describe('feed:keygen, feed:sign, data:validate --keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feed-sign-'));
  const feed = join(dir, 'feed');
  cpSync(join(root, 'tests/fixtures/feeds/valid'), feed, { recursive: true });

  it('refuses to write a private key inside the repository or a feed folder', () => {
    oneLine(run('scripts/feed-keygen.ts', ['--out', join(root, 'tmp-publish.key')]), /inside the repository/);
    oneLine(run('scripts/feed-keygen.ts', ['--out', join(feed, 'publish.key')]), /inside the feed folder/);
    expect(existsSync(join(root, 'tmp-publish.key'))).toBe(false);
    expect(existsSync(join(feed, 'publish.key'))).toBe(false);
  });

  it('signs a feed the validator then accepts with that key, and refuses once a byte changed', () => {
    const key = join(dir, 'publish.key');
    const made = run('scripts/feed-keygen.ts', ['--out', key]);
    expect(made.code, made.stderr).toBe(0);
    const line = made.stdout.trim();
    expect(line).toMatch(/^[0-9a-f]{16}:[A-Za-z0-9+/]{43}=$/);
    expect(readFileSync(`${key}.pub`, 'utf8').trim()).toBe(line);
    expect(statSync(key).mode & 0o077).toBe(0);

    expect(run('scripts/feed-sign.ts', [feed, '--key', key]).code).toBe(0);
    const first = JSON.parse(readFileSync(join(feed, 'manifest.json'), 'utf8')) as {
      version: string;
      keyId: string;
      signedAt: string;
      expires: string;
    };
    expect(first.version).toBe('1');
    expect(first.keyId).toBe(line.slice(0, 16));
    expect(Date.parse(first.expires) - Date.parse(first.signedAt)).toBe(14 * 86_400_000);
    // every signing is a new version: the same version with other bytes would be refused as a rollback
    expect(run('scripts/feed-sign.ts', [feed, '--key', key, '--expires-days', '30']).code).toBe(0);
    expect((JSON.parse(readFileSync(join(feed, 'manifest.json'), 'utf8')) as { version: string }).version).toBe('2');

    const ok = run('scripts/data-validate.ts', [feed, '--keys', line, '--now', '2026-11-28T00:00:00Z']);
    // the fixture's availability.json is not signed: reported, the feed itself is valid for the app
    expect(ok.stdout).not.toMatch(/^manifest/m);
    writeFileSync(join(feed, 'manifest.json'), `${readFileSync(join(feed, 'manifest.json'), 'utf8')}\n`);
    const bad = run('scripts/data-validate.ts', [feed, '--keys', line, '--now', '2026-11-28T00:00:00Z']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^manifest\.sig: -: \$: manifest\.sig: the signature does not match the bytes of manifest\.json/m);
  });

  it('bad input: one line each', () => {
    oneLine(run('scripts/data-validate.ts', [feed, '--keys', 'abc:def']), /--keys: key id "abc" is not 16 lowercase hex characters/);
    oneLine(run('scripts/feed-sign.ts', [feed, '--key', join(dir, 'missing.key')]), /no such key file/);
    const notAKey = join(dir, 'not-a.key');
    writeFileSync(notAKey, 'hello\n');
    oneLine(run('scripts/feed-sign.ts', [feed, '--key', notAKey]), /not a private key written by feed:keygen/);
    oneLine(run('scripts/feed-sign.ts', [feed]), /--key <private-key> is required/);
  });
});
