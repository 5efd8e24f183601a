/**
 * The Dexie-backed store behind the availability poll loop (availability-poll-loop.ts) and the
 * persisted fault counters. Used by the poll API (availability-poll-api.ts: in the poll worker, or on the
 * page when no worker runs) and by tests; the page side that starts the worker (availability-poller.ts)
 * does not load it.
 */
import type { AvailabilityItem } from './feed-schema.ts';
import { CATEGORIES, type Category } from './categories.ts';
import { isCurrentStartupRow } from './startup-form.ts';
import { getDb, type AvailabilityRow, type DgNearbyDb } from './db.ts';
import { AVAILABILITY_FAULTS_KEY, META_ID, recordsOf } from './stored-read.ts';
import { effectiveFeedUrl } from './feed-url.ts';
import type { AvailabilityStore } from './availability-poll-loop.ts';
import { FAULT_KINDS, type FaultKind } from './availability-validate.ts';
import { MAX_FUTURE_SKEW_MS, parseFeedTimestamp } from './feed-time.ts';
import { liveKeysOf } from './feed-signature.ts';

/** settings-table key of the persisted fault counters. */
export const FAULTS_KEY = AVAILABILITY_FAULTS_KEY;

export interface AvailabilityFaults {
  counts: Record<FaultKind, number>;
  /** Most recent problem (fetch or item), for the Data status screen. */
  lastFault: { kind: FaultKind; at: string; reason?: string } | null;
  /** Last fetch that returned a usable file. */
  lastSuccessAt: string | null;
  /** Since when availability.json has failed its signature check (null once a signed file is taken): badges say so. */
  unverifiedSince: string | null;
}

export function emptyFaults(): AvailabilityFaults {
  const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  return { counts, lastFault: null, lastSuccessAt: null, unverifiedSince: null };
}

/** Tolerant read of the stored counters (an older or hand-edited row never crashes the UI). */
export function readFaults(value: unknown): AvailabilityFaults {
  const out = emptyFaults();
  if (!value || typeof value !== 'object') return out;
  const v = value as Partial<AvailabilityFaults>;
  if (v.counts && typeof v.counts === 'object') {
    for (const k of FAULT_KINDS) {
      const n = (v.counts as Record<string, unknown>)[k];
      if (typeof n === 'number' && Number.isFinite(n) && n >= 0) out.counts[k] = n;
    }
  }
  if (v.lastFault && typeof v.lastFault === 'object' && (FAULT_KINDS as readonly string[]).includes(v.lastFault.kind)) out.lastFault = v.lastFault;
  if (typeof v.lastSuccessAt === 'string') out.lastSuccessAt = v.lastSuccessAt;
  if (typeof v.unverifiedSince === 'string') out.unverifiedSince = v.unverifiedSince;
  return out;
}

/** Known service ids → category, recomputed only when the synced feed version changes. */
function knownServicesLoader(db: DgNearbyDb) {
  let cachedVersion: string | undefined;
  let cached: ReadonlyMap<string, Category> = new Map();
  return async (): Promise<ReadonlyMap<string, Category>> => {
    const meta = await db.feedMeta.get(META_ID);
    const version = meta?.version ?? meta?.lastUpdated;
    if (version !== undefined && version === cachedVersion && cached.size > 0) return cached;
    const map = new Map<string, Category>();
    // Each chunk's start-up row holds its kept records' ids and categories as typed arrays: read those, and a
    // chunk's full records (inflated and parsed: ~1 s of CPU for 100k) only where its row is missing or out of date.
    const summaries = meta?.chunks ?? {};
    const paths = Object.keys(summaries);
    const startupRows = await db.startupChunks.bulkGet(paths);
    const unread: string[] = [];
    paths.forEach((path, i) => {
      const row = startupRows[i];
      if (!isCurrentStartupRow(row, summaries[path]!)) return void unread.push(path);
      for (let k = 0; k < row.count; k++) map.set(row.ids[k]!, CATEGORIES[row.category[k]!]!);
    });
    // opened after the read: a transaction waiting on an inflate would commit early
    const chunks = paths.length ? (await db.serviceChunks.bulkGet(unread)).filter((c) => c !== undefined) : await db.serviceChunks.toArray();
    for (const chunk of chunks) for (const r of await recordsOf(chunk)) map.set(r.id, r.category);
    cached = map;
    cachedVersion = version;
    return cached;
  };
}

function signature(item: AvailabilityItem): { t: number; figures: string } {
  return { t: parseFeedTimestamp(item.observedAt), figures: JSON.stringify(item.figures) };
}

/** `pageBase`: the page's URL (a worker's own location is its script's, not the page's). */
export function createDexieAvailabilityStore(db: DgNearbyDb = getDb(), pageBase?: string): AvailabilityStore {
  let known: Map<string, { t: number; figures: string }> | undefined;
  return {
    async feedUrl() {
      const row = await db.settings.get('feedUrl');
      const base = pageBase ?? (typeof location !== 'undefined' ? location.href : 'http://localhost/');
      return effectiveFeedUrl(row?.value, base);
    },
    knownServices: knownServicesLoader(db),
    async liveKeys() {
      // Only a manifest taken on a trusted signature vouches for live keys; otherwise figures are read as before.
      const meta = await db.feedMeta.get(META_ID);
      return meta?.trust?.kind === 'signed' && meta.manifest ? liveKeysOf(meta.manifest) : null;
    },
    async manifestPollSeconds() {
      return (await db.feedMeta.get(META_ID))?.manifest?.availabilityPollSeconds;
    },
    async putItems(items: readonly AvailabilityItem[], fetchedAt: string) {
      // What this tab last stored, so an unchanged item costs no IndexedDB read or write at all:
      // a city feed has thousands of items and most polls change only some of them.
      known ??= new Map((await db.availability.toArray()).map((r) => [r.serviceId, signature(r)]));
      const seen = known;
      // Figures stored with a far-future observedAt (written before the poller bounded it) never outrank a real update.
      const trustedUntil = Date.parse(fetchedAt) + MAX_FUTURE_SKEW_MS;
      const candidates = items.filter((item) => {
        const old = seen.get(item.serviceId);
        if (!old || old.t > trustedUntil) return true;
        const t = parseFeedTimestamp(item.observedAt);
        return t > old.t || (t === old.t && JSON.stringify(item.figures) !== old.figures);
      });
      if (candidates.length === 0) return 0;
      const written = await db.transaction('rw', db.availability, async () => {
        // Re-check inside the transaction: another tab may have stored newer figures meanwhile.
        const existing = await db.availability.bulkGet(candidates.map((i) => i.serviceId));
        const rows: AvailabilityRow[] = [];
        candidates.forEach((item, i) => {
          const old = existing[i];
          // Out-of-order or replayed data must not replace newer figures.
          const oldT = old ? parseFeedTimestamp(old.observedAt) : Number.NaN;
          if (old && oldT <= trustedUntil && oldT > parseFeedTimestamp(item.observedAt)) return;
          // Identical figures: no write, so live queries don't re-render for nothing.
          if (old && old.observedAt === item.observedAt && JSON.stringify(old.figures) === JSON.stringify(item.figures)) return;
          rows.push({ ...item, fetchedAt });
        });
        if (rows.length) await db.availability.bulkPut(rows);
        return rows;
      });
      for (const r of written) seen.set(r.serviceId, signature(r));
      return written.length;
    },
    async recordFaults(faults, at, detail) {
      const kinds = Object.entries(faults).filter(([, n]) => (n ?? 0) > 0) as Array<[FaultKind, number]>;
      if (kinds.length === 0 && !detail.success) return;
      await db.transaction('rw', db.settings, async () => {
        const current = readFaults((await db.settings.get(FAULTS_KEY))?.value);
        for (const [k, n] of kinds) current.counts[k] += n;
        const first = kinds[0];
        if (first) current.lastFault = { kind: first[0], at, reason: detail.reason };
        if (detail.success) current.lastSuccessAt = at;
        if (detail.success) current.unverifiedSince = null;
        else if (faults.unverified) current.unverifiedSince ??= at;
        await db.settings.put({ key: FAULTS_KEY, value: current });
      });
    },
  };
}
