/**
 * The production build the signed-feed e2e (trust.spec.ts) runs against: the same app, built into
 * dist-trust/ with VITE_FEED_KEYS set to the TEST publishing key's public line (tests/fixtures/signing).
 * `npm test` runs it once after the main build; trust.spec.ts runs it itself when dist-trust/ is missing.
 *   npx tsx tests/e2e/trust-build.ts
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testKey } from '../fixtures/signing/test-keys.ts';

export const TRUST_DIST = 'dist-trust';

export async function buildTrustedApp(): Promise<void> {
  const key = await testKey('publish');
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const result = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', TRUST_DIST, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, VITE_FEED_KEYS: key.publicKeyLine },
    },
  );
  if (result.status !== 0) throw new Error(`vite build into ${TRUST_DIST} failed (exit ${result.status})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildTrustedApp();
