/**
 * Live availability polling (data layer, no React).
 *
 * While online and the page is visible, fetch `<feedUrl>availability.json` every `pollSeconds`
 * with If-None-Match, so an unchanged feed costs a 304 and no write. Errors and timeouts back off
 * exponentially with jitter; `online` resumes at once. Good items land in IndexedDB in one
 * transaction; bad ones are skipped and counted, never written over good figures.
 */
import { nextTask } from '../lib/when-idle.ts';
import { redateSampleAvailability } from './sample-availability.ts';
import * as v from 'valibot';
import { availabilityFileSchema, type AvailabilityItem } from './feed-schema.ts';
import { type Category } from './categories.ts';
import { classifyBadJson, validateAvailabilityItem, type FaultKind } from './availability-validate.ts';
import { AVAILABILITY_SIGNATURE_FILE, verifyFileSignature, type PublicKey } from './feed-signature.ts';

export const DEFAULT_POLL_SECONDS = 60;
export const MIN_POLL_SECONDS = 5;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Backoff never waits longer than this between attempts. */
export const MAX_BACKOFF_MS = 15 * 60_000;
const YIELD_EVERY = 250;
const AVAILABILITY_FILE_NAME = 'availability.json';

export interface AvailabilityStore {
  /** Feed folder URL ending in "/" (absolute or relative to the page). */
  feedUrl(): Promise<string>;
  /** Loaded services: id → category. Empty while the first feed sync hasn't finished. */
  knownServices(): Promise<ReadonlyMap<string, Category>>;
  /** The manifest's availabilityPollSeconds, if any. */
  manifestPollSeconds(): Promise<number | undefined>;
  /** Write items in one transaction, skipping any older than what is stored. Returns rows written. */
  putItems(items: readonly AvailabilityItem[], fetchedAt: string): Promise<number>;
  /**
   * The live keys availability.json must be signed by (the signed manifest's liveKeys), or null when
   * no signature is required (a build without trusted keys, an unofficial feed the resident accepted).
   */
  liveKeys?(): Promise<readonly PublicKey[] | null>;
  /** Add to the persisted fault counters; `success` marks a good fetch (200 or 304). */
  recordFaults(faults: Partial<Record<FaultKind, number>>, at: string, detail: { success: boolean; reason?: string }): Promise<void>;
}

export interface PollerEnv {
  isOnline(): boolean;
  isVisible(): boolean;
  /** Subscribe to 'online' | 'offline' | 'visibilitychange'; returns an unsubscribe. */
  listen(event: 'online' | 'offline' | 'visibilitychange', fn: () => void): () => void;
}

export interface PollerDeps {
  store: AvailabilityStore;
  fetch?: typeof fetch;
  env?: PollerEnv;
  now?: () => Date;
  random?: () => number;
  timeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Told the outcome of every poll (the page's network status listens). */
  onOutcome?: (outcome: PollOutcome) => void;
}

export type PollOutcome =
  | { status: 'updated'; written: number; rejected: number }
  | { status: 'not-modified' }
  | { status: 'fault'; fault: FaultKind }
  | { status: 'skipped'; reason: 'offline' | 'hidden' | 'no-services' | 'busy' };

/**
 * Delay before the next attempt after `failures` consecutive failures (0 = healthy → the poll
 * interval). Doubles per failure up to MAX_BACKOFF_MS, with "equal jitter": uniformly within
 * [d/2, d], so many clients that failed together don't retry together, and a retry is never
 * sooner than the normal poll interval.
 */
export function backoffDelayMs(failures: number, pollMs: number, random: () => number = Math.random): number {
  if (failures <= 0) return pollMs;
  const cap = Math.max(pollMs, MAX_BACKOFF_MS);
  const d = Math.min(cap, pollMs * 2 ** Math.min(failures, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.max(pollMs, Math.round(d / 2 + r * (d / 2)));
}

export function clampPollSeconds(s: number | undefined): number | undefined {
  if (s === undefined || !Number.isFinite(s)) return undefined;
  return Math.min(86400, Math.max(MIN_POLL_SECONDS, Math.round(s)));
}

const browserEnv: PollerEnv = {
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  isVisible: () => typeof document === 'undefined' || document.visibilityState !== 'hidden',
  listen(event, fn) {
    const target: EventTarget | undefined = event === 'visibilitychange' ? globalThis.document : globalThis.window;
    if (!target) return () => {};
    target.addEventListener(event, fn);
    return () => target.removeEventListener(event, fn);
  },
};

export interface AvailabilityPoller {
  start(): void;
  stop(): void;
  /** One fetch now (used by the loop and by tests). */
  pollOnce(): Promise<PollOutcome>;
  /** Current consecutive-failure count and interval, for diagnostics and tests. */
  state(): PollerState;
}

export interface PollerState {
  failures: number;
  pollSeconds: number;
  etag: string | null;
  running: boolean;
  nextDelayMs: number | null;
  /** Why the poll worker was given up for the page (set by availability-poller.ts). */
  workerError?: string;
}

export function createAvailabilityPoller(deps: PollerDeps): AvailabilityPoller {
  const store = deps.store;
  const doFetch = deps.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
  const env = deps.env ?? browserEnv;
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));

  let etag: string | null = null;
  let etagUrl: string | null = null;
  let failures = 0;
  let pollSeconds: number | null = null;
  let running = false;
  let inFlight: Promise<PollOutcome> | null = null;
  let timer: unknown = null;
  let nextDelayMs: number | null = null;
  let lastAttemptAt = 0;
  let unlisten: Array<() => void> = [];

  async function effectivePollSeconds(): Promise<number> {
    if (pollSeconds !== null) return pollSeconds;
    const fromManifest = clampPollSeconds(await store.manifestPollSeconds().catch(() => undefined));
    return fromManifest ?? DEFAULT_POLL_SECONDS;
  }

  async function fault(kind: FaultKind, reason: string): Promise<PollOutcome> {
    failures++;
    await store.recordFaults({ [kind]: 1 }, now().toISOString(), { success: false, reason }).catch(() => {});
    return { status: 'fault', fault: kind };
  }

  async function fetchAndApply(): Promise<PollOutcome> {
    if (!env.isOnline()) return { status: 'skipped', reason: 'offline' };
    const services = await store.knownServices();
    // Before the first feed sync every id would look unknown: wait rather than count false faults.
    if (services.size === 0) return { status: 'skipped', reason: 'no-services' };

    const base = await store.feedUrl();
    const pageBase = typeof location !== 'undefined' ? location.href : 'http://localhost/';
    const url = new URL('availability.json', new URL(base, pageBase)).href;
    if (url !== etagUrl) {
      etag = null;
      etagUrl = url;
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (etag) headers['If-None-Match'] = etag;

    const ctrl = new AbortController();
    let timedOut = false;
    const t = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, timeoutMs);
    lastAttemptAt = now().getTime();
    try {
      let res: Response;
      try {
        // no-store: neither the HTTP cache nor a service worker cache may answer for the live feed;
        // with our own If-None-Match a 304 reaches us as is.
        res = await doFetch(url, { headers, cache: 'no-store', signal: ctrl.signal, credentials: 'omit' });
      } catch (e) {
        return fault(timedOut ? 'timeout' : 'network', String(e));
      }
      if (res.status === 304) {
        failures = 0;
        return { status: 'not-modified' };
      }
      if (res.status >= 500) return fault('http5xx', `HTTP ${res.status}`);
      if (!res.ok) return fault('httpOther', `HTTP ${res.status}`);

      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        // The body stream broke after the headers: a cut connection (or our timeout).
        return fault(timedOut ? 'timeout' : 'truncated', String(e));
      }
      const declared = Number(res.headers.get('Content-Length'));
      if (declared > 0 && bytes.length < declared) return fault('truncated', 'short body');
      const text = new TextDecoder().decode(bytes);

      // Signed live figures (issue 23): the exact bytes, by a live key the signed manifest lists.
      const liveKeys = (await store.liveKeys?.()) ?? null;
      if (liveKeys) {
        let signatureText: string | null;
        try {
          const sigRes = await doFetch(new URL(AVAILABILITY_SIGNATURE_FILE, url).href, { cache: 'no-store', signal: ctrl.signal, credentials: 'omit' });
          if (!sigRes.ok && sigRes.status !== 404) return fault(sigRes.status >= 500 ? 'http5xx' : 'httpOther', `${AVAILABILITY_SIGNATURE_FILE}: HTTP ${sigRes.status}`);
          signatureText = sigRes.ok ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(await sigRes.arrayBuffer()) : null;
        } catch (e) {
          return fault(timedOut ? 'timeout' : 'network', String(e));
        }
        const verdict = await verifyFileSignature(bytes, signatureText, liveKeys, AVAILABILITY_FILE_NAME);
        if (!verdict.ok) return fault('unverified', verdict.reason);
      }

      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        return fault(classifyBadJson(text), String(e));
      }
      const file = v.safeParse(availabilityFileSchema, json);
      if (!file.success) return fault('invalidItem', 'availability.json: ' + (file.issues[0]?.message ?? 'invalid'));

      pollSeconds = clampPollSeconds(file.output.pollSeconds) ?? pollSeconds;
      const nowMs = now().getTime();
      const good: AvailabilityItem[] = [];
      const itemFaults: Partial<Record<FaultKind, number>> = {};
      let firstReason: string | undefined;
      for (const [i, raw] of file.output.items.entries()) {
        // Validating thousands of items takes a while on a phone: let the page breathe.
        if (i > 0 && i % YIELD_EVERY === 0) await nextTask();
        const verdict = validateAvailabilityItem(raw, services, nowMs);
        if (verdict.ok) good.push(verdict.item);
        else {
          itemFaults[verdict.fault] = (itemFaults[verdict.fault] ?? 0) + 1;
          firstReason ??= `${verdict.fault}: ${verdict.reason}`;
        }
      }
      const fetchedAt = now().toISOString();
      const items = file.output.sample === true ? redateSampleAvailability(good, now()) : good;
      const written = items.length ? await store.putItems(items, fetchedAt) : 0;
      await store.recordFaults(itemFaults, fetchedAt, { success: true, reason: firstReason }).catch(() => {});
      failures = 0;
      // Remember the ETag only once the body is safely stored, so a failed write is retried in full.
      etag = res.headers.get('ETag');
      return { status: 'updated', written, rejected: file.output.items.length - good.length };
    } finally {
      clearTimeout(t);
    }
  }

  function pollOnce(): Promise<PollOutcome> {
    if (inFlight) return inFlight.then(() => ({ status: 'skipped', reason: 'busy' }) as const);
    inFlight = fetchAndApply()
      .catch(async (e: unknown) => fault('network', String(e)))
      .then((outcome) => {
        deps.onOutcome?.(outcome);
        return outcome;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  function clear() {
    if (timer !== null) clearTimer(timer);
    timer = null;
    nextDelayMs = null;
  }

  function schedule(ms: number) {
    clear();
    if (!running || !env.isOnline() || !env.isVisible()) return;
    nextDelayMs = ms;
    timer = setTimer(() => {
      timer = null;
      nextDelayMs = null;
      void tick();
    }, ms);
  }

  async function tick() {
    if (!running) return;
    await pollOnce();
    const pollMs = (await effectivePollSeconds()) * 1000;
    schedule(backoffDelayMs(failures, pollMs, random));
  }

  function onOnline() {
    failures = 0; // the network is back: don't sit out an old backoff
    void tick();
  }
  function onOffline() {
    clear();
  }
  async function onVisibility() {
    if (!env.isVisible()) return clear();
    const pollMs = (await effectivePollSeconds()) * 1000;
    const since = now().getTime() - lastAttemptAt;
    if (failures === 0 && since >= pollMs) void tick();
    else schedule(Math.max(0, backoffDelayMs(failures, pollMs, random) - since));
  }

  return {
    start() {
      if (running) return;
      running = true;
      unlisten = [
        env.listen('online', onOnline),
        env.listen('offline', onOffline),
        env.listen('visibilitychange', () => void onVisibility()),
      ];
      if (env.isOnline() && env.isVisible()) void tick();
    },
    stop() {
      running = false;
      clear();
      for (const u of unlisten) u();
      unlisten = [];
    },
    pollOnce,
    state: () => ({ failures, pollSeconds: pollSeconds ?? DEFAULT_POLL_SECONDS, etag, running, nextDelayMs }),
  };
}
