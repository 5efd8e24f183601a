import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';
// @ts-expect-error: plain ESM helper shared with the Node scripts
import { CHROMIUM_FLAGS, findChromium } from './scripts/find-chromium.mjs';

// A free port, chosen once in the main process and inherited by the workers through the environment.
function freePort(): string {
  return execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}
const port = (process.env.E2E_PORT ??= freePort());
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1, // two cores: one browser at a time keeps timings sane
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results',
  use: {
    baseURL,
    locale: 'zh-CN', // the default user: Simplified Chinese
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: (findChromium() as string | null) ?? undefined,
      args: CHROMIUM_FLAGS as string[],
    },
  },
  // The built app on 127.0.0.1, started and stopped by Playwright (by PID) — never `npx vite preview`.
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${process.env.DIST_DIR ?? 'dist'}`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
