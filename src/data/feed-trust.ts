/**
 * Which manifest the sync may take (issue 23), decided before anything is stored:
 * - a build with no trusted keys (VITE_FEED_KEYS empty: local development, the embedded sample) takes
 *   any feed as today, and says "unsigned sample data";
 * - a manifest signed by a trusted key is taken from any address, unless it is a rollback (a version
 *   not above the highest one taken, with different bytes);
 * - on the official address, anything else is refused;
 * - on another address, an unsigned or untrusted feed is taken only after the resident accepted that
 *   address and that key fingerprint (Me → Data status), and is then labelled unofficial everywhere.
 * Runs in the sync worker (src/data/sync-api.ts); the first screen never loads it.
 */
import type { FeedManifest } from './feed-schema.ts';
import { parseKeyList, parseSignature, rollbackProblem, verifySignedManifest, type PublicKey, type VerifyEngine } from './feed-signature.ts';
import { type DgNearbyDb, type FeedTrust, type TrustFloor, type UnofficialSource } from './db.ts';
import { ACCEPTED_SOURCE_KEY } from './stored-read.ts';
import { defaultFeedUrl } from './feed-url.ts';

/** settings row: the highest signed version taken on this device (the rollback floor), whatever the address. */
export const TRUST_FLOOR_KEY = 'feed.trustFloor';

export interface AcceptedSource {
  url: string;
  keyId: string | null;
}

export interface FeedTrustPolicy {
  trustedKeys: readonly PublicKey[];
  officialFeedUrl: string;
  accepted: AcceptedSource | null;
  floor: TrustFloor | undefined;
  engine?: VerifyEngine;
}

export type TrustCheck =
  | { ok: true; trust: FeedTrust; floor?: TrustFloor }
  | { ok: false; code: 'signature' | 'rollback' | 'untrusted-source'; reason: string; unofficial?: UnofficialSource };

/** The keys this build trusts; a malformed VITE_FEED_KEYS fails loudly instead of trusting nothing. */
export function buildTrustedKeys(text: string | undefined): PublicKey[] {
  const parsed = parseKeyList(text);
  if (!parsed.ok) throw new Error(`VITE_FEED_KEYS: ${parsed.reason}`);
  return parsed.value;
}

export async function loadTrustPolicy(db: DgNearbyDb, base: string, keysText: string | undefined): Promise<FeedTrustPolicy> {
  const [accepted, floor] = await Promise.all([db.settings.get(ACCEPTED_SOURCE_KEY), db.settings.get(TRUST_FLOOR_KEY)]);
  return {
    trustedKeys: buildTrustedKeys(keysText),
    officialFeedUrl: defaultFeedUrl(base),
    accepted: isAccepted(accepted?.value) ? accepted.value : null,
    floor: isFloor(floor?.value) ? floor.value : undefined,
  };
}

export async function checkManifestTrust(input: {
  feedUrl: string;
  manifestBytes: Uint8Array;
  manifestSha256: string;
  manifest: FeedManifest;
  signatureText: string | null;
  policy: FeedTrustPolicy;
}): Promise<TrustCheck> {
  const { policy, manifest } = input;
  if (!policy.trustedKeys.length) return { ok: true, trust: { kind: 'unsigned-build' } };
  const verdict = await verifySignedManifest(input.manifestBytes, manifest, input.signatureText, policy.trustedKeys, policy.engine);
  if (verdict.ok) {
    const next = { version: manifest.version, sha256: input.manifestSha256 };
    const rollback = rollbackProblem(next, policy.floor);
    if (rollback) return { ok: false, code: 'rollback', reason: rollback };
    return { ok: true, trust: { kind: 'signed', keyId: verdict.keyId }, floor: next };
  }
  if (sameFolder(input.feedUrl, policy.officialFeedUrl)) return { ok: false, code: 'signature', reason: verdict.reason };
  // Another address: what the feed claims, for the resident to judge (the claimed key id, if the file reads).
  const claimed = input.signatureText === null ? null : parseSignature(input.signatureText);
  const keyId = claimed?.ok ? claimed.value.keyId : null;
  const host = new URL(input.feedUrl).host;
  if (policy.accepted && sameFolder(policy.accepted.url, input.feedUrl) && policy.accepted.keyId === keyId) {
    return { ok: true, trust: { kind: 'unofficial', host, keyId } };
  }
  const publisher = manifest.publisher ?? manifest.sources[0]?.name ?? null;
  return {
    ok: false,
    code: 'untrusted-source',
    reason: `${host} is not an official source (${verdict.reason}): accept it in Data status first`,
    unofficial: { url: input.feedUrl, host, publisher, keyId },
  };
}

function sameFolder(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

function isAccepted(x: unknown): x is AcceptedSource {
  const o = x as AcceptedSource | null;
  return typeof o === 'object' && o !== null && typeof o.url === 'string' && (o.keyId === null || typeof o.keyId === 'string');
}

function isFloor(x: unknown): x is TrustFloor {
  const o = x as TrustFloor | null;
  return typeof o === 'object' && o !== null && typeof o.version === 'string' && typeof o.sha256 === 'string';
}
