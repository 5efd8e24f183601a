/**
 * The publishing side of signed feeds (issue 23): Ed25519 key files, and signing a manifest or any other
 * file (availability.json) as a detached `.sig` text. The formats and the verification are the app's
 * (src/data/feed-signature.ts), so what is signed here is exactly what the app and data:validate accept.
 *
 * A private key file holds the 32-byte seed; it must never sit inside the repository or a feed folder
 * (feed:keygen refuses both, see docs/security.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import * as ed from '@noble/ed25519';
import {
  DEFAULT_EXPIRES_DAYS,
  SIGNED_VERSION_PATTERN,
  formatKeyLine,
  formatSignature,
  fromBase64,
  keyIdOf,
  parseKeyList,
  toBase64,
} from '../../src/data/feed-signature.ts';
import { UsageError } from './cli-args.ts';

/** First line of a private key file. */
export const PRIVATE_KEY_HEADER = 'dg-nearby private key v1 (Ed25519 seed; keep it off the repository, the feed and the web server)';

export interface SigningKey {
  keyId: string;
  /** `<keyId>:<base64 of the 32-byte public key>`: what VITE_FEED_KEYS, `--keys` and a manifest's liveKeys hold. */
  publicKeyLine: string;
  /** The detached signature file's text for exactly these bytes. */
  sign(bytes: Uint8Array): Promise<string>;
}

export interface KeyPair {
  seed: Uint8Array;
  publicKey: Uint8Array;
  keyId: string;
}

export async function generateKeyPair(): Promise<KeyPair> {
  const { secretKey, publicKey } = await ed.keygenAsync();
  return { seed: secretKey, publicKey, keyId: keyIdOf(publicKey) };
}

export function formatPrivateKeyFile(pair: KeyPair): string {
  return `${PRIVATE_KEY_HEADER}\nkey: ${pair.keyId}\nseed: ${toBase64(pair.seed)}\n`;
}

export async function signingKeyFromSeed(seed: Uint8Array): Promise<SigningKey> {
  const publicKey = await ed.getPublicKeyAsync(seed);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKeyLine: formatKeyLine({ keyId, publicKey }),
    async sign(bytes) {
      const signature = await ed.signAsync(bytes, seed);
      return formatSignature({ keyId, signature });
    },
  };
}

/** Reads a key file written by feed:keygen; one clear line when it is not one. */
export function parsePrivateKeyFile(text: string, path = 'key file'): Uint8Array {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0] !== PRIVATE_KEY_HEADER) throw new Error(`${path}: not a private key written by feed:keygen`);
  const key = /^key: ([0-9a-f]{16})$/.exec(lines[1] ?? '');
  const seedLine = /^seed: (\S+)$/.exec(lines[2] ?? '');
  const seed = seedLine ? fromBase64(seedLine[1]!) : null;
  if (!key || !seed || seed.length !== 32) throw new Error(`${path}: the key file is damaged (needs "key:" and a 32-byte "seed:" line)`);
  return seed;
}

export async function loadSigningKey(privateKeyPath: string): Promise<SigningKey> {
  if (!existsSync(privateKeyPath)) throw new Error(`no such key file: ${privateKeyPath}`);
  const seed = parsePrivateKeyFile(readFileSync(privateKeyPath, 'utf8'), privateKeyPath);
  const key = await signingKeyFromSeed(seed);
  const named = /^key: (.*)$/m.exec(readFileSync(privateKeyPath, 'utf8'))?.[1];
  if (named !== key.keyId) throw new Error(`${privateKeyPath}: the key id in the file (${named}) does not match its seed (${key.keyId})`);
  return key;
}

/** The next version after `current`: digits + 1, or "1" after a non-digit (sample digest) version. */
export function nextVersion(current: string | undefined): string {
  if (current === undefined || !SIGNED_VERSION_PATTERN.test(current)) return '1';
  return (BigInt(current) + 1n).toString();
}

export interface SignManifestOptions {
  now?: Date;
  expiresDays?: number;
  /** Public key lines of the live keys allowed to sign availability.json (absent: keep the manifest's own). */
  liveKeys?: string[];
}

/**
 * Sets `keyId`, `signedAt` and `expires` (and `liveKeys` when given) on the manifest, serialises it
 * once, and signs exactly those bytes. The caller writes `manifestBytes` to manifest.json and
 * `signatureText` to manifest.sig (chunks first, manifest and signature last). `version` is the
 * caller's: it must be decimal digits, higher than any version published before.
 */
export async function signManifest<M extends { version: string }>(
  manifest: M,
  key: SigningKey,
  options: SignManifestOptions = {},
): Promise<{ manifest: M & { keyId: string; signedAt: string; expires: string }; manifestBytes: Uint8Array; signatureText: string }> {
  if (!SIGNED_VERSION_PATTERN.test(manifest.version))
    throw new Error(`manifest version "${manifest.version}" is not decimal digits: a signed manifest needs one`);
  const now = options.now ?? new Date();
  const days = options.expiresDays ?? DEFAULT_EXPIRES_DAYS;
  if (!(days > 0 && days <= 366)) throw new Error(`expiry of ${days} days: give 1 to 366`);
  const signed = {
    ...manifest,
    ...(options.liveKeys ? { liveKeys: options.liveKeys } : {}),
    keyId: key.keyId,
    signedAt: now.toISOString(),
    expires: new Date(now.getTime() + days * 86_400_000).toISOString(),
  };
  const manifestBytes = new TextEncoder().encode(JSON.stringify(signed));
  return { manifest: signed, manifestBytes, signatureText: await key.sign(manifestBytes) };
}

/** Why a private key may not be written at `path`, or null: never inside a git repository or a feed folder. */
export function privateKeyPlaceProblem(path: string): string | null {
  const full = resolve(path);
  for (let dir = dirname(full); ; dir = dirname(dir)) {
    if (existsSync(`${dir}${sep}.git`)) return `${path} is inside the repository ${dir}: keep private keys outside it (docs/security.md)`;
    if (existsSync(`${dir}${sep}manifest.json`)) return `${path} is inside the feed folder ${dir}: anything there gets published`;
    if (dirname(dir) === dir) return null;
  }
}

/** The fields signManifest adds; everything else is the publisher's content. */
const SIGNING_FIELDS = ['keyId', 'signedAt', 'expires', 'liveKeys'] as const;

/**
 * A signed manifest's text as it was before signing (signManifest appends its fields after the content's own, so
 * removing them restores the content's key order): for feed:publish to see that nothing changed since the last
 * signed publish and keep that version, its bytes and its manifest.sig.
 */
export function unsignedManifestText(signedText: string): string {
  const manifest = JSON.parse(signedText) as Record<string, unknown>;
  for (const field of SIGNING_FIELDS) delete manifest[field];
  return JSON.stringify(manifest);
}

/** The `--live-keys <keyId:base64,...>` option of feed:sign and feed:publish: the key lines, or a usage error. */
export function liveKeysOption(text: string): string[] {
  const parsed = parseKeyList(text);
  if (!parsed.ok) throw new UsageError(`--live-keys: ${parsed.reason}`);
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
