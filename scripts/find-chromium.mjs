// Where is a Chromium we may drive? CHROME_PATH first, then `chromium` (or chromium-browser) on the PATH.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      /* not on the PATH */
    }
  }
  return null;
}

/** Flags that keep Chromium quiet on a closed network (docs/architecture.md, "Test machine facts"). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
