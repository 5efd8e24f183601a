/**
 * The relay itself: each owner polled on its own schedule, mapped, checked with the app's own item
 * check, merged; the merged file written every pollSeconds when something changed; /healthz and
 * /metrics on a small HTTP server. Faults stay with their owner: a failing owner keeps its last good
 * figures and backs off with jitter while the others carry on. Clock, fetch, randomness and the
 * signer are injected so tests and the bench drive it directly.
 */
import { createServer, type Server } from 'node:http';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { AvailabilityItem } from '../../../src/data/feed-schema.ts';
import type { Category } from '../../../src/data/categories.ts';
import { validateAvailabilityItem } from '../../../src/data/availability-validate.ts';
import type { Owner, RelayConfig } from './config.ts';
import { readField } from './json-select.ts';
import { groupSlots, mapRow, mappedFields, type RawItem } from './kind-mapping.ts';
import { createLiveFigures } from './live-figures.ts';
import { quickItemOk } from './quick-item-check.ts';
import { readLiveFile, renderLiveFile, writeLiveFile, type Signer } from './live-file.ts';
import { fetchOwner, parseOwnerBody, type OwnerFault, type Validators } from './owner-fetch.ts';
import { newOwnerCounters, renderMetrics, type OwnerCounters, type RelayCounters } from './relay-metrics.ts';

export type RelayDeps = {
  /** The feed's services (id → category); called again when the feed's manifest.json changes. */
  loadServices: () => ReadonlyMap<string, Category>;
  fetchImpl?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** One JSON object per line (failures, writes); never a header value. */
  log?: (entry: Record<string, unknown>) => void;
  sign?: Signer;
};

export type Relay = {
  /** First poll of every owner; the config problems it finds (a selector that selects nothing, a field that isn't there). */
  probe(): Promise<string[]>;
  /** Polls every owner once now, outside their schedules (the bench's cycle). */
  pollAll(): Promise<void>;
  /** Starts the owners' schedules and the writer. */
  start(): void;
  /** One write cycle now (tests, shutdown). */
  flush(): Promise<void>;
  listen(port: number, host?: string): Promise<number>;
  metricsText(): string;
  healthy(): boolean;
  close(): Promise<void>;
  counters: RelayCounters;
};

/** A failing owner waits every·2^(n-1), up to this many intervals (and at most an hour unless `every` is longer). */
const MAX_BACKOFF_INTERVALS = 32;
const HEALTHY_INTERVALS = 3;

type OwnerState = {
  owner: Owner;
  validators: Validators;
  shapeChecked: boolean;
  timer: NodeJS.Timeout | null;
  polling: Promise<void> | null;
  c: OwnerCounters;
};

/** Which of the owner's mapped fields appear in none of its rows (a CSV's header counts even without rows). */
function missingFields(owner: Owner, rows: unknown[], root: unknown, columns?: string[]): string[] {
  return mappedFields(owner.mapping).filter((field) => {
    if (field.startsWith('$')) return readField(undefined, root, field) === undefined;
    if (columns) return !columns.includes(field);
    return !rows.some((row) => readField(row, root, field) !== undefined);
  });
}

export function createRelay(config: RelayConfig, deps: RelayDeps): Relay {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const fetchImpl = deps.fetchImpl ?? fetch;
  const log = deps.log ?? (() => {});
  let services = deps.loadServices();
  let manifestMtime = manifestTime(config.feedDir);
  const figures = createLiveFigures();
  const counters: RelayCounters = {
    owners: new Map(),
    writes: 0,
    writeFailures: 0,
    lastWriteMs: null,
    lastWriteSeconds: 0,
    outputItems: 0,
    outputBytes: 0,
  };
  const states: OwnerState[] = config.owners.map((owner) => {
    const c = newOwnerCounters();
    counters.owners.set(owner.id, c);
    return { owner, validators: {}, shapeChecked: false, timer: null, polling: null, c };
  });
  let dirty = false;
  let running = false;
  let closed = false;
  let writerTimer: NodeJS.Timeout | null = null;
  let writing: Promise<void> | null = null;
  let server: Server | null = null;

  // A restart keeps the last good figures: they are our own previous output.
  const previous = readLiveFile(config.outFile, services, now());
  figures.adopt(previous.items);
  counters.outputItems = figures.size;
  if (previous.dropped) dirty = true;
  try {
    counters.lastWriteMs = statSync(config.outFile).mtimeMs;
  } catch {
    dirty = true; // no file yet: write one (even empty) so the app and the health check see it
  }

  const count = (into: Record<string, number>, key: string, n = 1) => (into[key] = (into[key] ?? 0) + n);

  function failure(s: OwnerState, fault: OwnerFault, detail: string): 'fault' {
    s.c.failures[fault] = (s.c.failures[fault] ?? 0) + 1;
    s.c.consecutiveFailures++;
    log({ level: 'warn', event: 'owner-failure', owner: s.owner.id, fault, detail, consecutiveFailures: s.c.consecutiveFailures });
    return 'fault';
  }

  /** One poll: returns the outcome, or config problems when `probing` finds the answer's shape wrong. */
  async function pollOnce(s: OwnerState, probing: boolean): Promise<'ok' | 'fault' | string[]> {
    s.c.polls++;
    const got = await fetchOwner(s.owner, s.validators, fetchImpl);
    if (got.status === 'fault') return failure(s, got.fault, got.detail);
    if (got.status === 'notModified') {
      s.c.notModified++;
      s.c.lastSuccessMs = now();
      s.c.consecutiveFailures = 0;
      return 'ok';
    }
    const parsed = parseOwnerBody(s.owner, got.text, got.contentType);
    if (!parsed.ok) return failure(s, parsed.fault, parsed.detail);
    if (parsed.rows.length === 0 && s.owner.format === 'json') {
      const line = `owner ${s.owner.id}: items ${s.owner.items} selects nothing in the answer`;
      if (probing) return [line];
      return failure(s, 'shape', line);
    }
    if (!s.shapeChecked) {
      const missing = missingFields(s.owner, parsed.rows, parsed.root, parsed.columns);
      if (missing.length) {
        const lines = missing.map((f) => `owner ${s.owner.id}: map names field "${f}", which the answer does not have`);
        if (probing) return lines;
        return failure(s, 'shape', lines.join('; '));
      }
      s.shapeChecked = true;
    }
    const nowMs = now();
    const mapped: RawItem[] = [];
    for (const row of parsed.rows) {
      const r = mapRow(s.owner.mapping, row, parsed.root);
      if (r.ok) mapped.push(r.item);
      else count(s.c.rejected, r.reason);
    }
    const raw = s.owner.mapping.kind === 'sports_venue' ? groupSlots(mapped) : mapped;
    const good: AvailabilityItem[] = [];
    let unchanged = 0;
    for (const item of raw) {
      // An owner without ETag repeats itself: what is already held as is was checked when it was stored.
      if (figures.holds(s.owner.id, item)) {
        unchanged++;
        continue;
      }
      if (quickItemOk(item, services, nowMs)) {
        good.push(item);
        continue;
      }
      const verdict = validateAvailabilityItem(item, services, nowMs);
      if (verdict.ok) good.push(verdict.item);
      else count(s.c.rejected, verdict.reason === 'observedAt is in the future' ? 'futureTime' : verdict.fault);
    }
    const merged = figures.apply(s.owner.id, good);
    for (const [reason, n] of Object.entries(merged.rejected)) count(s.c.rejected, reason, n);
    s.c.accepted += unchanged + good.length - Object.values(merged.rejected).reduce((a, b) => a + b, 0);
    if (merged.changed) dirty = true;
    s.validators = got.validators;
    s.c.lastSuccessMs = nowMs;
    s.c.consecutiveFailures = 0;
    return 'ok';
  }

  function delayAfter(s: OwnerState): number {
    const every = s.owner.everySeconds * 1000;
    if (s.c.consecutiveFailures === 0) return every;
    const cap = Math.max(every, Math.min(every * MAX_BACKOFF_INTERVALS, 3_600_000));
    const base = Math.min(cap, every * 2 ** (s.c.consecutiveFailures - 1));
    // Jitter: owners that failed together (a shared outage) don't come back in step.
    return base * (0.5 + random() * 0.5);
  }

  function schedule(s: OwnerState, ms: number) {
    if (!running) return;
    s.timer = setTimeout(() => {
      s.timer = null;
      s.polling = pollOnce(s, false)
        .then(() => undefined)
        .catch((e: unknown) => void failure(s, 'network', String(e)))
        .finally(() => {
          s.polling = null;
          schedule(s, delayAfter(s));
        });
    }, ms);
  }

  function reloadServicesIfRepublished() {
    const mtime = manifestTime(config.feedDir);
    if (mtime === manifestMtime) return;
    manifestMtime = mtime;
    try {
      services = deps.loadServices();
    } catch (e) {
      log({ level: 'warn', event: 'feed-reload-failed', detail: String(e instanceof Error ? e.message : e) });
      return;
    }
    const nowMs = now();
    const dropped = figures.retain((item) => validateAvailabilityItem(item, services, nowMs).ok);
    if (dropped) dirty = true;
    log({ level: 'info', event: 'feed-reloaded', services: services.size, droppedItems: dropped });
  }

  async function writeCycle(): Promise<void> {
    reloadServicesIfRepublished();
    if (!dirty) {
      counters.lastWriteMs = now();
      return;
    }
    dirty = false;
    const started = performance.now();
    try {
      const bytes = renderLiveFile(figures.items(), config.pollSeconds, new Date(now()));
      await writeLiveFile(config.outFile, bytes, deps.sign);
      counters.writes++;
      counters.lastWriteMs = now();
      counters.outputItems = figures.size;
      counters.outputBytes = bytes.length;
      counters.lastWriteSeconds = (performance.now() - started) / 1000;
    } catch (e) {
      dirty = true;
      counters.writeFailures++;
      log({ level: 'error', event: 'write-failed', detail: String(e instanceof Error ? e.message : e) });
    }
  }

  function flush(): Promise<void> {
    const run = (writing ?? Promise.resolve()).then(writeCycle);
    writing = run.finally(() => {
      if (writing === run) writing = null;
    });
    return run;
  }

  function scheduleWriter() {
    if (!running) return;
    writerTimer = setTimeout(() => {
      void flush().finally(scheduleWriter);
    }, config.pollSeconds * 1000);
  }

  const healthy = () => counters.lastWriteMs !== null && now() - counters.lastWriteMs <= HEALTHY_INTERVALS * config.pollSeconds * 1000;

  return {
    counters,
    async probe() {
      const results = await Promise.all(states.map((s) => pollOnce(s, true)));
      return results.flatMap((r) => (Array.isArray(r) ? r : []));
    },
    async pollAll() {
      await Promise.all(states.map((s) => pollOnce(s, false)));
    },
    start() {
      if (running || closed) return;
      running = true;
      void flush();
      for (const s of states) schedule(s, delayAfter(s));
      scheduleWriter();
    },
    flush,
    async listen(port, host = '127.0.0.1') {
      server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://relay');
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405, { Allow: 'GET, HEAD' }).end();
          return;
        }
        if (url.pathname === '/healthz') {
          const ok = healthy();
          const since = counters.lastWriteMs === null ? null : Math.round((now() - counters.lastWriteMs) / 1000);
          res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
          res.end(
            JSON.stringify({ ok, secondsSinceWrite: since, limitSeconds: HEALTHY_INTERVALS * config.pollSeconds, items: figures.size }) +
              '\n',
          );
          return;
        }
        if (url.pathname === '/metrics') {
          res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
          res.end(renderMetrics(counters, now()));
          return;
        }
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: /healthz and /metrics live here\n');
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      const address = server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    metricsText: () => renderMetrics(counters, now()),
    healthy,
    async close() {
      closed = true;
      running = false;
      if (writerTimer) clearTimeout(writerTimer);
      for (const s of states) if (s.timer) clearTimeout(s.timer);
      // Let polls in flight finish (each is bounded by its owner's timeout), then write what they brought.
      await Promise.all(states.map((s) => s.polling));
      await flush();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
    },
  };
}

function manifestTime(feedDir: string): number {
  try {
    return statSync(path.join(feedDir, 'manifest.json')).mtimeMs;
  } catch {
    return 0;
  }
}
