// Makes sure a Chromium exists for the browser tests: CHROME_PATH, then `chromium` on the PATH, then
// `apt-get install -y chromium` when we are root on Debian; otherwise one clear line and exit 1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { findChromium } from './find-chromium.mjs';

let found = findChromium();
if (!found) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const isDebian = fs.existsSync('/etc/debian_version');
  if (isRoot && isDebian) {
    console.log('Chromium not found: installing Debian chromium (apt-get install -y chromium)…');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], {
      stdio: 'inherit',
    });
    found = findChromium();
  }
}
if (!found) {
  console.error(
    'No Chromium found: set CHROME_PATH to a Chromium/Chrome binary, or install one (Debian: sudo apt-get install -y chromium).',
  );
  process.exit(1);
}
let version = 'version unknown';
try {
  version = execFileSync(found, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  // a wrapper that cannot print its version still runs the tests
}
// Debian ships different builds to different machines (150 and 156 seen): the log says which one ran.
console.log(`Chromium: ${found} (${version})`);
