/**
 * Ed25519 signatures over feed files (issue 23, after TUF and signify/minisign): the key line format,
 * the detached signature file format, and verification. Shared word for word by the app's sync (in the
 * sync worker), the availability poll worker, `npm run data:validate` and the signing CLIs, so every
 * side gives one verdict on the same bytes.
 *
 * Verification uses WebCrypto Ed25519 where the runtime has it, and @noble/ed25519 (with @noble/hashes'
 * SHA-512, so it needs no crypto.subtle at all) where it does not: crypto.subtle is missing over plain
 * http on a LAN address and in some in-app browsers. Both follow RFC 8032 (noble with zip215: false).
 *
 * Pure and runtime-agnostic; loaded with the sync worker, never by the first screen.
 */
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { sha256Js } from './sha256.ts';

ed.hashes.sha512 = sha512;

/** First line of every signature file; a later format gets a new line. */
export const SIGNATURE_HEADER = 'dg-nearby signature v1';
export const MANIFEST_SIGNATURE_FILE = 'manifest.sig';
export const AVAILABILITY_SIGNATURE_FILE = 'availability.sig';
/** How long a signed manifest stays current unless the publisher says otherwise. */
export const DEFAULT_EXPIRES_DAYS = 14;

const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
/** A version written by feed:publish / feed:sign: decimal digits, no leading zero. */
export const SIGNED_VERSION_PATTERN = /^[1-9][0-9]{0,29}$/;

export interface PublicKey {
  /** First 8 bytes of sha256(public key), as 16 lowercase hex chars: the fingerprint shown to people. */
  keyId: string;
  publicKey: Uint8Array;
}

export interface DetachedSignature {
  keyId: string;
  signature: Uint8Array;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/* ---------- base64 (strict and canonical, so one text has one meaning) ---------- */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}

/** Decodes standard padded base64; null for anything that would not re-encode to the same text. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n =
      (B64.indexOf(text[i]!) << 18) |
      (B64.indexOf(text[i + 1]!) << 12) |
      ((text[i + 2] === '=' ? 0 : B64.indexOf(text[i + 2]!)) << 6) |
      (text[i + 3] === '=' ? 0 : B64.indexOf(text[i + 3]!));
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  // unused low bits set ("QQ==" vs "QR==") would give two texts for one key: refuse the non-canonical one
  return toBase64(out) === text ? out : null;
}

/* ---------- keys ---------- */

export function keyIdOf(publicKey: Uint8Array): string {
  let hex = '';
  for (const b of sha256Js(publicKey).subarray(0, 8)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function formatKeyLine(key: PublicKey): string {
  return `${key.keyId}:${toBase64(key.publicKey)}`;
}

/** One `<keyId>:<base64 of 32 bytes>` line; the key id must be the one derived from the key (a typo is caught). */
export function parseKeyLine(line: string): Parsed<PublicKey> {
  const text = line.trim();
  const colon = text.indexOf(':');
  if (colon < 0) return { ok: false, reason: `key "${short(text)}" is not <keyId>:<base64 of 32 bytes>` };
  const keyId = text.slice(0, colon);
  const publicKey = fromBase64(text.slice(colon + 1));
  if (!KEY_ID_PATTERN.test(keyId)) return { ok: false, reason: `key id "${short(keyId)}" is not 16 lowercase hex characters` };
  if (!publicKey || publicKey.length !== 32) return { ok: false, reason: `key ${keyId}: the part after ":" is not base64 of 32 bytes` };
  if (keyIdOf(publicKey) !== keyId) return { ok: false, reason: `key ${keyId}: the id does not match the key (expected ${keyIdOf(publicKey)})` };
  return { ok: true, value: { keyId, publicKey } };
}

/** A comma-separated list (VITE_FEED_KEYS, `--keys`); empty text is an empty list. */
export function parseKeyList(text: string | undefined): Parsed<PublicKey[]> {
  const parts = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const keys: PublicKey[] = [];
  for (const part of parts) {
    const parsed = parseKeyLine(part);
    if (!parsed.ok) return parsed;
    if (!keys.some((k) => k.keyId === parsed.value.keyId)) keys.push(parsed.value);
  }
  return { ok: true, value: keys };
}

/* ---------- the detached signature file ---------- */

export function formatSignature(sig: DetachedSignature): string {
  return `${SIGNATURE_HEADER}\nkey: ${sig.keyId}\nsig: ${toBase64(sig.signature)}\n`;
}

/**
 * Reads a signature file. Strict: it must be exactly what formatSignature writes (so any changed byte,
 * a BOM or a CRLF from an editor is refused here, with a reason, rather than failing later unexplained).
 */
export function parseSignature(text: string): Parsed<DetachedSignature> {
  if (text.length > 1000) return { ok: false, reason: 'signature file is too long' };
  if (text.charCodeAt(0) === 0xfeff) return { ok: false, reason: 'signature file starts with a byte-order mark' };
  if (text.includes('\r')) return { ok: false, reason: 'signature file has Windows line ends (CR LF)' };
  const lines = text.split('\n');
  if (lines[0] !== SIGNATURE_HEADER) return { ok: false, reason: `signature file does not start with "${SIGNATURE_HEADER}"` };
  const keyLine = /^key: (.*)$/.exec(lines[1] ?? '');
  const sigLine = /^sig: (.*)$/.exec(lines[2] ?? '');
  if (!keyLine || !sigLine) return { ok: false, reason: 'signature file needs a "key: " line and a "sig: " line' };
  const keyId = keyLine[1]!;
  if (!KEY_ID_PATTERN.test(keyId)) return { ok: false, reason: `signature key id "${short(keyId)}" is not 16 lowercase hex characters` };
  const signature = fromBase64(sigLine[1]!);
  if (!signature || signature.length !== 64) return { ok: false, reason: 'signature is not base64 of 64 bytes' };
  const parsed = { keyId, signature };
  if (formatSignature(parsed) !== text) return { ok: false, reason: 'signature file has extra text (it must end after the "sig: " line)' };
  return { ok: true, value: parsed };
}

/* ---------- verification ---------- */

export type VerifyEngine = 'webcrypto' | 'noble';

let webCryptoWorks: boolean | undefined;

/** RFC 8032 verification in pure JS (no crypto.subtle needed). */
export function verifyWithNoble(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** WebCrypto Ed25519; null when the runtime has none (no crypto.subtle, or no Ed25519 in it). */
export async function verifyWithWebCrypto(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle || webCryptoWorks === false) return null;
  let key: CryptoKey;
  try {
    key = await subtle.importKey('raw', publicKey as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  } catch (err) {
    if (isUnsupported(err)) {
      webCryptoWorks = false;
      return null;
    }
    return false; // bytes that are no point on the curve
  }
  try {
    const ok = await subtle.verify({ name: 'Ed25519' }, key, signature as Uint8Array<ArrayBuffer>, message as Uint8Array<ArrayBuffer>);
    webCryptoWorks = true;
    return ok;
  } catch (err) {
    if (isUnsupported(err)) {
      webCryptoWorks = false;
      return null;
    }
    return false;
  }
}

function isUnsupported(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'NotSupportedError' || (name === 'TypeError' && /algorithm|ed25519/i.test(String((err as Error).message)));
}

/** One signature against one key, on the best engine available (or the one a test asks for). */
export async function verifyDetached(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
  engine?: VerifyEngine,
): Promise<boolean> {
  if (engine !== 'noble') {
    const viaWebCrypto = await verifyWithWebCrypto(signature, message, publicKey);
    if (viaWebCrypto !== null) return viaWebCrypto;
    if (engine === 'webcrypto') throw new Error('this runtime has no WebCrypto Ed25519');
  }
  return verifyWithNoble(signature, message, publicKey);
}

export type SignatureVerdict =
  | { ok: true; keyId: string }
  | { ok: false; kind: 'missing' | 'malformed' | 'untrusted' | 'invalid'; keyId?: string; reason: string };

/**
 * The exact bytes of a file against its detached signature text (null when the file was not found)
 * and the keys trusted for that file.
 */
export async function verifyFileSignature(
  bytes: Uint8Array,
  signatureText: string | null,
  trusted: readonly PublicKey[],
  file: string,
  engine?: VerifyEngine,
): Promise<SignatureVerdict> {
  const sigFile = `${file.replace(/\.json$/, '')}.sig`;
  if (signatureText === null) return { ok: false, kind: 'missing', reason: `${sigFile} is missing: the ${file} is not signed` };
  const parsed = parseSignature(signatureText);
  if (!parsed.ok) return { ok: false, kind: 'malformed', reason: `${sigFile}: ${parsed.reason}` };
  const { keyId, signature } = parsed.value;
  const key = trusted.find((k) => k.keyId === keyId);
  if (!key) return { ok: false, kind: 'untrusted', keyId, reason: `${sigFile}: signed by key ${keyId}, which this app does not trust` };
  if (!(await verifyDetached(signature, bytes, key.publicKey, engine))) {
    return { ok: false, kind: 'invalid', keyId, reason: `${sigFile}: the signature does not match the bytes of ${file} (changed after signing?)` };
  }
  return { ok: true, keyId };
}

/* ---------- the signed manifest's own rules (version, expiry, key id, live keys) ---------- */

/** The fields a signed manifest carries besides the feed contract's (all optional in the schema; required when signed). */
export interface SignedManifestFields {
  version: string;
  signedAt?: string;
  expires?: string;
  keyId?: string;
  liveKeys?: string[];
}

/**
 * What a signature over the manifest bytes does not check by itself: a digit version, signedAt and
 * expires present and ordered, the key id inside matching the signature's. Null when all is well.
 */
export function signedManifestProblem(manifest: SignedManifestFields, signatureKeyId: string): string | null {
  if (!SIGNED_VERSION_PATTERN.test(manifest.version)) return `manifest.json: a signed manifest needs a "version" of decimal digits (got "${short(manifest.version)}")`;
  if (!manifest.signedAt || !manifest.expires) return 'manifest.json: a signed manifest needs "signedAt" and "expires"';
  if (Date.parse(manifest.expires) <= Date.parse(manifest.signedAt)) return 'manifest.json: "expires" is not after "signedAt"';
  if (manifest.keyId !== signatureKeyId) return `manifest.json: "keyId" (${short(manifest.keyId ?? 'none')}) is not the key that signed it (${signatureKeyId})`;
  return null;
}

/** -1, 0 or 1 for two digit versions (any length: compared as numbers, not text). */
export function compareVersions(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The rollback rule: a version lower than or equal to the highest one accepted, with different bytes, is
 * refused. Null when the new manifest may be taken.
 */
export function rollbackProblem(next: { version: string; sha256: string }, floor: { version: string; sha256: string } | undefined): string | null {
  if (!floor || !SIGNED_VERSION_PATTERN.test(floor.version)) return null;
  const order = compareVersions(next.version, floor.version);
  if (order > 0) return null;
  if (order === 0 && next.sha256 === floor.sha256) return null;
  return `manifest.json: version ${next.version} is not newer than ${floor.version}, already on this device (an old manifest replayed?)`;
}

/** The live keys a signed manifest lists; lines that do not parse are left out (the validator reports them). */
export function liveKeysOf(manifest: { liveKeys?: readonly string[] }): PublicKey[] {
  const out: PublicKey[] = [];
  for (const line of manifest.liveKeys ?? []) {
    const parsed = parseKeyLine(line);
    if (parsed.ok) out.push(parsed.value);
  }
  return out;
}

function short(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

export type ManifestVerdict =
  | { ok: true; keyId: string }
  | { ok: false; kind: 'missing' | 'malformed' | 'untrusted' | 'invalid' | 'fields'; keyId?: string; reason: string };

/**
 * The whole signature check of a manifest, as the app's sync and `data:validate --keys` both run it:
 * the detached signature over the exact bytes by a trusted key, then the signed fields (digit version,
 * signedAt < expires, the key id inside, well-formed live keys).
 */
export async function verifySignedManifest(
  bytes: Uint8Array,
  manifest: SignedManifestFields,
  signatureText: string | null,
  trusted: readonly PublicKey[],
  engine?: VerifyEngine,
): Promise<ManifestVerdict> {
  const verdict = await verifyFileSignature(bytes, signatureText, trusted, 'manifest.json', engine);
  if (!verdict.ok) return verdict;
  const problem = signedManifestProblem(manifest, verdict.keyId);
  if (problem) return { ok: false, kind: 'fields', keyId: verdict.keyId, reason: problem };
  for (const [i, line] of (manifest.liveKeys ?? []).entries()) {
    const parsed = parseKeyLine(line);
    if (!parsed.ok) return { ok: false, kind: 'fields', keyId: verdict.keyId, reason: `manifest.json: liveKeys[${i}]: ${parsed.reason}` };
  }
  return verdict;
}
