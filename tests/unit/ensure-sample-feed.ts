/**
 * Vitest global set-up: a few unit tests read the generated sample feed (public/feed, not committed). Build it once
 * when a fresh clone runs the unit tests before anything else; the build is deterministic and takes about a second.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function ensureSampleFeed(): void {
  if (existsSync('public/feed/manifest.json')) return;
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/data-build.ts'], { stdio: 'inherit' });
}
