/**
 * Shared plumbing for the bench modules: stats, generated feeds, builds, a tiny static server and
 * Chromium. Generated files live under node_modules/.cache/bench/ (never committed).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceRecord } from '../../src/data/feed-schema';
// @ts-expect-error: plain ESM helper shared with the Node scripts (no declaration file), as in playwright.config.ts
import { CHROMIUM_FLAGS as FLAGS, findChromium as find } from '../../scripts/find-chromium.mjs';

const findChromium = find as () => string | null;
const CHROMIUM_FLAGS = FLAGS as readonly string[];

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CACHE = path.join(ROOT, 'node_modules/.cache/bench');

export interface BenchContext {
  quick: boolean;
  log: (msg: string) => void;
}

/* ---------- stats ---------- */

export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
};
export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Rounds to `d` decimals (default 3). */
export const round = (x: number, d = 3): number => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

/** Dongguan's extent (WGS-84), used for random query points. */
export const DONGGUAN_BBOX = { west: 113.52, south: 22.66, east: 114.26, north: 23.15 };

/* ---------- generated feeds ---------- */

/** A generated feed of `services` records, made once by the project's own generator (`npm run data:build`). */
export function ensureFeed(services: number, log: (m: string) => void): string {
  const dir = path.join(CACHE, `feed-${services}`);
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { chunks: { count: number; gzipPath?: string; packedPath?: string }[] };
    // the generator may add a fixed extra record (an escaping canary)
    const n = m.chunks.reduce((s, c) => s + c.count, 0);
    // a feed generated before chunks had gzip and packed copies (issue 26) is generated again
    if (n >= services && n <= services + 10 && m.chunks.every((c) => c.gzipPath && c.packedPath)) return dir;
  }
  log(`generating a ${services}-service feed (npm run data:build) …`);
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/data-build.ts', '--out', dir, '--services', String(services), '--quiet'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  return dir;
}

type ChunkCopyKey = 'gzipPath' | 'packedPath' | 'packedSha256';

/**
 * The same feed as `dir` under a manifest whose chunks name none of `copies` (as a feed built before those copies
 * existed): a folder `${dir}-${name}` beside it with that manifest and links to the other files. The import bench
 * syncs them in one run.
 */
export function feedWithoutCopies(dir: string, name: string, copies: readonly ChunkCopyKey[]): string {
  const out = `${dir}-${name}`;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out);
  for (const file of fs.readdirSync(dir)) if (file !== 'manifest.json') fs.symlinkSync(path.join(dir, file), path.join(out, file));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    chunks: Partial<Record<ChunkCopyKey, string>>[];
  };
  for (const chunk of manifest.chunks) for (const key of copies) delete chunk[key];
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest));
  return out;
}

/** Every record of a feed folder, in manifest order. */
export function readFeedRecords(dir: string): ServiceRecord[] {
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { chunks: { path: string }[] };
  return m.chunks.flatMap((c) => (JSON.parse(fs.readFileSync(path.join(dir, c.path), 'utf8')) as { services: ServiceRecord[] }).services);
}

/** The embedded sample feed (public/feed), generated if missing. */
export function ensureSampleFeed(log: (m: string) => void): string {
  const dir = path.join(ROOT, 'public/feed');
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    log('public/feed missing: npm run data:build …');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/data-build.ts', '--quiet'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  return dir;
}

/* ---------- builds (own output folders, so colleagues' dist is never touched) ---------- */

export const APP_DIST = path.join(CACHE, 'app/dist');

/** A Vite dev server in this process (the runner's module loader) sets NODE_ENV=development: builds must not inherit it. */
const PROD_ENV = { ...process.env, NODE_ENV: 'production' };

let appBuilt = false;
/** Production build of the app (`vite build`, the project's config) into node_modules/.cache/bench/app/dist. */
export function ensureAppBuild(log: (m: string) => void): string {
  if (appBuilt) return APP_DIST;
  ensureSampleFeed(log);
  log('building the app (vite build) …');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', APP_DIST, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      env: PROD_ENV,
      stdio: 'inherit',
    },
  );
  appBuilt = true;
  return APP_DIST;
}

export const PAGE_DIST = path.join(CACHE, 'page');
let pageBuilt = false;
/** Bundles the in-browser bench pages (tests/bench/browser/*.html) with Vite, apart from the app's build. */
export async function ensureBenchPages(log: (m: string) => void): Promise<string> {
  if (pageBuilt) return PAGE_DIST;
  log('bundling the browser bench pages (vite build) …');
  const { build } = await import('vite');
  const root = path.join(ROOT, 'tests/bench/browser');
  await build({
    configFile: false,
    mode: 'production',
    root,
    base: '/page/',
    logLevel: 'error',
    build: {
      outDir: PAGE_DIST,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { idb: path.join(root, 'idb-import.html'), cluster: path.join(root, 'cluster.html') } },
    },
    worker: { format: 'es' },
  });
  pageBuilt = true;
  return PAGE_DIST;
}

/* ---------- a static server for the bench pages and the generated feeds ---------- */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves `mounts` ({"/page/": dir, "/feed-100000/": dir}) on 127.0.0.1; returns the origin. */
export async function serveStatic(mounts: Record<string, string>): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const prefix = Object.keys(mounts).find((p) => url.pathname.startsWith(p));
    if (!prefix) {
      res.writeHead(404).end();
      return;
    }
    const base = mounts[prefix]!;
    const file = path.join(base, decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html');
    if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nobody listens on right now (colleagues run their own servers on this machine). */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/**
 * `vite preview` of the app build (or another built folder) on 127.0.0.1 (a free port); resolves once it
 * answers. A child process, so a bench may block its own event loop (spawnSync) while a browser loads pages.
 */
export async function startPreview(outDir = APP_DIST): Promise<{ origin: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'],
    { cwd: ROOT, env: PROD_ENV, stdio: 'ignore' },
  );
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(origin + '/');
      if (res.ok) return { origin, stop: () => child.kill() };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not start on ${origin}`);
}

/* ---------- Chromium ---------- */

export function chromiumPath(): string {
  const exe = findChromium();
  if (!exe) throw new Error('no Chromium found (set CHROME_PATH)');
  return exe;
}

export const chromiumFlags = (): string[] => [...CHROMIUM_FLAGS];

export async function launchChromium(extraArgs: string[] = []) {
  const { chromium } = await import('playwright-core');
  const flags = chromiumFlags().filter((f) => f !== '--headless');
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // precise-memory-info: performance.memory without the 100 KB bucketing
    args: [...flags, '--enable-precise-memory-info', ...extraArgs],
  });
}

export function chromiumVersion(): string {
  try {
    return execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
