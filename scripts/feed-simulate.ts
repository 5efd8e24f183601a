/**
 * `npm run feed:simulate -- [--port 8787] [--feed public/feed] [--fault MODE] [--poll 5] [--tick 4] [--seed 1]`
 *
 * A local live feed for development and e2e: serves a feed folder (manifest, chunks, towns,
 * availability.json) on 127.0.0.1 with CORS and ETag/If-None-Match, and moves the availability
 * figures every few seconds (cars arrive and leave, courts get booked) by a seeded random walk.
 * Faults can be switched at start (--fault) and while running: `POST /__fault?mode=500`.
 *
 * Fault modes (they affect availability.json only, so the app's main feed sync keeps working):
 *   none       normal
 *   500        HTTP 500
 *   garbage    HTTP 200 with a body that is not JSON
 *   truncated  HTTP 200 whose body stops half-way (connection cut)
 *   timeout    the request is accepted and never answered
 *   unknown    normal figures plus items for service ids that don't exist
 *   negative   normal figures except some parking items with negative / impossible numbers
 *
 * The simulator is also an owner's system for `live:relay` (issue 24): the same moving figures in the
 * owners' own shapes, with ETag/304 and their own fault switch (`POST /__owner-fault?mode=timeout`):
 *   GET /owners/parking.json              a car-park operator's JSON API ({ data: { lots: [...] } },
 *                                         wall-clock "updateTime" in Asia/Shanghai)
 *   GET /owners/kindergarten-places.csv   an education office's CSV of free places by class (UTF-8, Chinese header)
 * With --live-file, availability.json is served from that file (what the relay writes) instead of the
 * simulator's own figures, so one local server plays the feed's CDN: docs/examples/live/local.json.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runCli } from './lib/run-cli.ts';
import { createRng, type Rng } from './lib/prng.ts';
import { parseArgs, UsageError } from './lib/cli-args.ts';
import { generateKeyPair, signingKeyFromSeed, type SigningKey } from './lib/feed-signing.ts';

export const FAULT_MODES = ['none', '500', 'garbage', 'truncated', 'timeout', 'unknown', 'negative'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface SimulatorOptions {
  port?: number;
  host?: string;
  feedDir?: string;
  fault?: FaultMode;
  /** pollSeconds advertised in availability.json and the manifest. */
  pollSeconds?: number;
  /** How often the figures move, in ms (0 = only on POST /__tick). */
  tickMs?: number;
  seed?: number;
  /** Extra allowed CORS origins; loopback origins (127.0.0.1, localhost, [::1]) are always allowed. */
  origins?: string[];
  /** Serve availability.json from this file (the relay's output), read on every request. */
  liveFile?: string;
  log?: (line: string) => void;
  /** Signs every availability.json as availability.sig (issue 23); default: a development key made at start. */
  liveKey?: SigningKey;
  /** Called with the path of every GET/HEAD request (tests count which chunks a device downloads). */
  onRequest?: (path: string) => void;
}

export interface Simulator {
  port: number;
  url: string;
  setFault(mode: FaultMode): void;
  /** Faults of the owner routes (/owners/…), independent of availability.json's. */
  setOwnerFault(mode: FaultMode): void;
  /** Move the figures once now. */
  tick(): void;
  /** Current availability document (after the last tick). */
  snapshot(): AvailabilityDoc;
  close(): Promise<void>;
}

interface Slot {
  start: string;
  durationMinutes: number;
  remaining: number;
  maximum: number;
  [k: string]: unknown;
}
type Figures = { kind: string; [k: string]: unknown };
interface Item {
  serviceId: string;
  observedAt: string;
  figures: Figures;
}
interface AvailabilityDoc {
  generatedAt: string;
  pollSeconds: number;
  items: Item[];
}

const CST_OFFSET_MS = 8 * 3600_000;
const DAY = 86_400_000;
const cstDayNumber = (t: number) => Math.floor((t + CST_OFFSET_MS) / DAY);

const REOBSERVE_MS = 60_000;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const step = (rng: Rng, n: number, max: number, spread: number) => clamp(n + rng.int(-spread, spread), 0, max);

/** Shift every slot by whole days so the grid starts today (the sample file is dated). */
function rebaseSlots(items: Item[], now: number): void {
  let first = Infinity;
  for (const it of items)
    if (it.figures.kind === 'sports_venue')
      for (const s of it.figures.slots as Slot[]) first = Math.min(first, cstDayNumber(Date.parse(s.start)));
  if (!Number.isFinite(first)) return;
  const shift = (cstDayNumber(now) - first) * DAY;
  if (shift === 0) return;
  for (const it of items)
    if (it.figures.kind === 'sports_venue')
      for (const s of it.figures.slots as Slot[]) {
        // Keep the "+08:00" wall-clock form the feed uses.
        const t = Date.parse(s.start) + shift;
        s.start = new Date(t + CST_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
      }
}

/** One step of the random walk; bounds are always respected (0 ≤ free ≤ total). */
function moveFigures(items: Item[], rng: Rng, nowIso: string): void {
  const now = Date.parse(nowIso);
  for (const it of items) {
    const f = it.figures as Record<string, any>;
    const before = JSON.stringify(f);
    switch (f.kind) {
      case 'parking':
        f.free = step(rng, f.free, f.total, Math.max(1, Math.round(f.total / 40)));
        if (typeof f.evFree === 'number' && typeof f.evTotal === 'number') f.evFree = step(rng, f.evFree, f.evTotal, 1);
        if (typeof f.accessibleFree === 'number' && typeof f.accessibleTotal === 'number' && rng.chance(0.2))
          f.accessibleFree = step(rng, f.accessibleFree, f.accessibleTotal, 1);
        break;
      case 'clinic':
        if (rng.chance(0.3)) f.appointmentsFree = step(rng, f.appointmentsFree, f.appointmentsTotal, 2);
        break;
      case 'sports_venue':
        for (const s of f.slots as Slot[]) {
          if (rng.chance(0.05)) s.remaining = clamp(s.remaining + (rng.chance(0.7) ? -1 : 1), 0, s.maximum);
        }
        break;
      case 'elderly_daycare':
        if (rng.chance(0.1)) f.places.free = step(rng, f.places.free, f.places.total, 1);
        break;
      case 'kindergarten':
        for (const p of Object.values(f.classes) as Array<{ free: number; total: number }>)
          if (rng.chance(0.01)) p.free = step(rng, p.free, p.total, 1);
        break;
      case 'nursery':
        for (const b of f.bands as Array<{ free: number; total: number }>) if (rng.chance(0.02)) b.free = step(rng, b.free, b.total, 1);
        break;
    }
    // A changed counter is observed now; unchanged ones are re-confirmed once a minute (like a
    // sensor heartbeat), so figures stay fresh without rewriting every item on every tick.
    if (JSON.stringify(f) !== before || now - Date.parse(it.observedAt) >= REOBSERVE_MS) it.observedAt = nowIso;
  }
}

function faultyItems(doc: AvailabilityDoc, mode: FaultMode): Item[] {
  if (mode === 'unknown') {
    const extra: Item[] = Array.from({ length: 5 }, (_, i) => ({
      serviceId: `no-such-service-${i}`,
      observedAt: doc.generatedAt,
      figures: { kind: 'parking', free: 10, total: 20 },
    }));
    return [...doc.items, ...extra];
  }
  if (mode === 'negative') {
    // The first three parking items turn impossible; their last good figures must survive in the app.
    let n = 0;
    return doc.items.map((it) => {
      if (it.figures.kind !== 'parking' || n >= 3) return it;
      const total = it.figures.total as number;
      const bad = [{ free: -5 }, { free: total + 50 }, { free: 1.5 }][n++]!;
      return { ...it, figures: { ...it.figures, ...bad } };
    });
  }
  return doc.items;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
};

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

/** Wall-clock time in Dongguan, as owners' systems write it: "2026-12-06 09:41:00". */
const cstWallClock = (iso: string) => new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

/** The parking items as a car-park operator's API answers: its own field names and lot codes. */
function parkingOwnerBody(items: Item[]): string {
  const lots = items
    .filter((it) => it.figures.kind === 'parking')
    .map((it) => {
      const f = it.figures as Record<string, unknown>;
      return {
        lotCode: it.serviceId.replace(/^s-/, ''),
        freeSpaces: f.free,
        capacity: f.total,
        ...(f.evTotal !== undefined ? { evFree: f.evFree, evTotal: f.evTotal } : {}),
        ...(f.accessibleTotal !== undefined ? { disabledFree: f.accessibleFree, disabledTotal: f.accessibleTotal } : {}),
        ...(f.pricePerHourYuan !== undefined ? { feePerHour: f.pricePerHourYuan } : {}),
        updateTime: cstWallClock(it.observedAt),
      };
    });
  return JSON.stringify({ code: 0, message: 'ok', data: { lots } });
}

const KINDERGARTEN_CSV_HEADER = [
  '机构代码',
  '托班空位',
  '托班学位',
  '小班空位',
  '小班学位',
  '中班空位',
  '中班学位',
  '大班空位',
  '大班学位',
  '更新时间',
];

/** The kindergarten items as an education office's CSV export: a row per kindergarten, empty cells for classes it doesn't run. */
function kindergartenOwnerCsv(items: Item[]): string {
  const rows = [KINDERGARTEN_CSV_HEADER.join(',')];
  for (const it of items) {
    if (it.figures.kind !== 'kindergarten') continue;
    const classes = it.figures.classes as Record<string, { free: number; total: number } | undefined>;
    const cells = ['tuoban', 'xiaoban', 'zhongban', 'daban'].flatMap((c) => [classes[c]?.free ?? '', classes[c]?.total ?? '']);
    rows.push([it.serviceId.replace(/^s-/, ''), ...cells, cstWallClock(it.observedAt)].join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

const etagOf = (body: string | Buffer) => `"${createHash('sha256').update(body).digest('hex').slice(0, 20)}"`;

/** Does the If-None-Match header list this ETag (or "*")? Weak prefixes compare equal. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v === etag;
  });
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** JSON files saved by Windows editors start with a byte-order mark, which JSON.parse refuses. */
const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const feedDir = path.resolve(opts.feedDir ?? 'public/feed');
  const host = opts.host ?? '127.0.0.1';
  const pollSeconds = opts.pollSeconds ?? 5;
  const tickMs = opts.tickMs ?? 4000;
  const rng = createRng(opts.seed ?? 20261128);
  const log = opts.log ?? (() => {});
  const origins = new Set(opts.origins ?? []);
  let fault: FaultMode = opts.fault ?? 'none';
  // A development live key, never written anywhere: its public line goes into the served manifest's liveKeys.
  const liveKey = opts.liveKey ?? (await signingKeyFromSeed((await generateKeyPair()).seed));
  let ownerFault: FaultMode = 'none';

  // Static files, read once (the feed folder is small and fixed while the simulator runs).
  const files = new Map<string, { body: Buffer; etag: string; type: string }>();
  for (const rel of await listFiles(feedDir)) {
    if (rel === 'availability.json') continue;
    let body = await readFile(path.join(feedDir, rel));
    if (rel === 'manifest.json') {
      // Advertise the simulator's poll interval; the version stays, so the app need not re-sync.
      const manifest = JSON.parse(withoutBom(body.toString('utf8')));
      manifest.availabilityPollSeconds = pollSeconds;
      // availability.json is live here, so it is not part of the versioned files the sync checks by sha256.
      if (manifest.files) delete manifest.files['availability.json'];
      manifest.liveKeys = [liveKey.publicKeyLine];
      body = Buffer.from(JSON.stringify(manifest));
    }
    files.set('/' + rel, { body, etag: etagOf(body), type: CONTENT_TYPES[path.extname(rel)] ?? 'application/octet-stream' });
  }
  const availPath = path.join(feedDir, 'availability.json');
  await stat(availPath);
  const source = JSON.parse(withoutBom(await readFile(availPath, 'utf8'))) as AvailabilityDoc;
  const doc: AvailabilityDoc = { generatedAt: new Date().toISOString(), pollSeconds, items: source.items };
  rebaseSlots(doc.items, Date.now());
  // A run id in the ETag: a restarted simulator must never answer 304 to an old generation.
  const runId = Date.now().toString(36);
  let generation = 0;
  let current = { body: '', etag: '', signature: Promise.resolve('') };
  const render = () => {
    const body = JSON.stringify({ ...doc, items: faultyItems(doc, fault) });
    current = { body, etag: `"av-${runId}-${generation}-${fault}"`, signature: liveKey.sign(Buffer.from(body)) };
  };
  const tick = () => {
    generation++;
    doc.generatedAt = new Date().toISOString();
    moveFigures(doc.items, rng, doc.generatedAt);
    render();
  };
  tick();
  const timer = tickMs > 0 ? setInterval(tick, tickMs) : null;
  timer?.unref();
  const hanging = new Set<ServerResponse>();

  const cors = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (origin && (isLoopbackOrigin(origin) || origins.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'ETag, Content-Length');
    }
    res.setHeader('Vary', 'Origin');
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    cors(req, res);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, Accept, Content-Type');
      if (req.headers['access-control-request-private-network']) res.setHeader('Access-Control-Allow-Private-Network', 'true');
      res.setHeader('Access-Control-Max-Age', '600');
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/__fault' && req.method === 'POST') {
      const mode = url.searchParams.get('mode') as FaultMode | null;
      if (!mode || !FAULT_MODES.includes(mode)) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`mode must be one of ${FAULT_MODES.join(', ')}\n`);
        return;
      }
      fault = mode;
      render();
      log(`fault → ${mode}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ fault }));
      return;
    }
    if (url.pathname === '/__owner-fault' && req.method === 'POST') {
      const mode = url.searchParams.get('mode') as FaultMode | null;
      if (!mode || !FAULT_MODES.includes(mode)) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`mode must be one of ${FAULT_MODES.join(', ')}\n`);
        return;
      }
      ownerFault = mode;
      log(`owner fault → ${mode}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ownerFault }));
      return;
    }
    if (url.pathname === '/__tick' && req.method === 'POST') {
      tick();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ generation }));
      return;
    }
    if (url.pathname === '/__state') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ fault, generation, pollSeconds, etag: current.etag }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    opts.onRequest?.(url.pathname);
    if (url.pathname === '/availability.json') return opts.liveFile ? serveLiveFile(req, res, opts.liveFile) : serveAvailability(req, res);
    if (url.pathname === '/availability.sig') {
      const signature = opts.liveFile ? liveFileSignature(opts.liveFile) : current.signature;
      void signature.then((text) =>
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' }).end(text),
      );
      return;
    }
    if (url.pathname === '/owners/parking.json' || url.pathname === '/owners/kindergarten-places.csv')
      return serveOwner(req, res, url.pathname);
    const file = files.get(url.pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    if (matches(req.headers['if-none-match'], file.etag)) {
      res.writeHead(304, { ETag: file.etag }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.length, ETag: file.etag, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  /** The relay's output as a static host serves it: read fresh, ETag from the bytes, 304 when unchanged. */
  function serveLiveFile(req: IncomingMessage, res: ServerResponse, file: string) {
    if (fault !== 'none') return serveAvailability(req, res);
    readFile(file).then(
      (body) => sendBody(req, res, body, etagOf(body), 'application/json; charset=utf-8'),
      () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('the relay has not written its file yet\n'),
    );
  }

  /** The relay's current file signed by the simulator's development live key (the one its manifest lists). */
  async function liveFileSignature(file: string): Promise<string> {
    return liveKey.sign(await readFile(file));
  }

  function sendBody(req: IncomingMessage, res: ServerResponse, body: Buffer, etag: string, type: string) {
    const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
    if (matches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function serveOwner(req: IncomingMessage, res: ServerResponse, route: string) {
    const items = faultyItems(doc, ownerFault);
    const csv = route.endsWith('.csv');
    const body = Buffer.from(csv ? kindergartenOwnerCsv(items) : parkingOwnerBody(items));
    if (ownerFault === 'none' || ownerFault === 'unknown' || ownerFault === 'negative')
      return sendBody(
        req,
        res,
        body,
        `"owner-${runId}-${generation}-${ownerFault}"`,
        csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      );
    serveFault(res, ownerFault, body);
  }

  /** 500, garbage, a cut body or no answer at all, for availability.json and the owner routes alike. */
  function serveFault(res: ServerResponse, mode: FaultMode, full: Buffer) {
    switch (mode) {
      case '500':
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('simulated server error\n');
        return;
      case 'garbage':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('<html><body>502 Bad Gateway (simulated)</body></html>');
        return;
      case 'timeout':
        // Never answer; the client's own timeout must fire. Cut after a minute so sockets don't pile up.
        hanging.add(res);
        setTimeout(() => {
          hanging.delete(res);
          res.destroy();
        }, 60_000).unref();
        return;
      default:
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': full.length });
        res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.destroy());
    }
  }

  function serveAvailability(req: IncomingMessage, res: ServerResponse) {
    // 'unknown' and 'negative' are bad figures in a good answer (render() put them in); the rest are transport faults.
    if (fault === '500' || fault === 'garbage' || fault === 'timeout' || fault === 'truncated')
      return serveFault(res, fault, Buffer.from(current.body));
    sendBody(req, res, Buffer.from(current.body), current.etag, 'application/json; charset=utf-8');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 8787);
  return {
    port,
    url: `http://${host}:${port}/`,
    setFault(mode) {
      fault = mode;
      render();
    },
    setOwnerFault(mode) {
      ownerFault = mode;
    },
    tick,
    snapshot: () => JSON.parse(current.body) as AvailabilityDoc,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(argv: string[]): Promise<number> {
  const { options } = parseArgs(argv, ['port', 'feed', 'fault', 'poll', 'tick', 'seed', 'origin', 'live-file']);
  const feedDir = options.feed ?? 'public/feed';
  // A fresh clone has no built feed yet: name the command that writes it instead of an ENOENT trace.
  if (!existsSync(path.join(feedDir, 'manifest.json'))) {
    throw new UsageError(
      options.feed
        ? `no feed at ${feedDir} (no manifest.json)`
        : 'no feed at public/feed yet: run `npm run data:build` first (npm start and npm run build do it too)',
    );
  }
  if (!existsSync(path.join(feedDir, 'availability.json'))) throw new UsageError(`${feedDir} has no availability.json to move`);
  const fault = (options.fault ?? 'none') as FaultMode;
  if (!FAULT_MODES.includes(fault)) throw new UsageError(`--fault must be one of ${FAULT_MODES.join(', ')}`);
  const num = (name: string, fallback: number) => {
    const raw = options[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number`);
    return n;
  };
  const sim = await startSimulator({
    port: num('port', 8787),
    feedDir,
    fault,
    pollSeconds: Math.max(5, num('poll', 5)),
    tickMs: num('tick', 4) * 1000,
    seed: num('seed', 20261128),
    origins: options.origin ? options.origin.split(',') : [],
    ...(options['live-file'] ? { liveFile: path.resolve(options['live-file']) } : {}),
    log: (line) => console.log(line),
  });
  // The first line is machine-readable for tests that spawn the CLI with --port 0.
  console.log(`FEED_SIMULATOR_URL=${sim.url}`);
  console.log(`feed simulator serving ${options.feed ?? 'public/feed'} (fault: ${fault})`);
  console.log(`  app against it:  VITE_FEED_URL=${sim.url} npm start   (or Me → Data status → feed URL: ${sim.url})`);
  console.log(`  switch faults:   curl -X POST '${sim.url}__fault?mode=500'   modes: ${FAULT_MODES.join(' ')}`);
  console.log(
    `  as an owner:     ${sim.url}owners/parking.json  ${sim.url}owners/kindergarten-places.csv  (faults: POST /__owner-fault?mode=…)`,
  );
  if (options['live-file']) console.log(`  availability.json is served from ${options['live-file']} (written by npm run live:relay)`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCli('feed:simulate', main);
}
