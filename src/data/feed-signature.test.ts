import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ed from '@noble/ed25519';
import {
  compareVersions,
  formatSignature,
  fromBase64,
  keyIdOf,
  parseKeyLine,
  parseKeyList,
  parseSignature,
  rollbackProblem,
  toBase64,
  verifyFileSignature,
  verifyWithNoble,
  verifyWithWebCrypto,
} from './feed-signature.ts';
import { expiredDays } from './feed-expiry.ts';
import { signManifest, signingKeyFromSeed, type SigningKey } from '../../scripts/lib/feed-signing.ts';
import { testKey } from '../../tests/fixtures/signing/test-keys.ts';

let publish: SigningKey;
beforeAll(async () => {
  publish = await testKey('publish');
});
const keyOf = (key: SigningKey) => {
  const parsed = parseKeyLine(key.publicKeyLine);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

describe('key lines and signature files (bad input: one clear line each)', () => {
  it('round-trips a key line and derives the key id from the key', () => {
    const key = keyOf(publish);
    expect(key.keyId).toBe(keyIdOf(key.publicKey));
    expect(parseKeyList(` ${publish.publicKeyLine} ,${publish.publicKeyLine},`)).toMatchObject({ ok: true, value: [{ keyId: key.keyId }] });
    expect(parseKeyList('')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['no colon', 'abcdef', /is not <keyId>:<base64 of 32 bytes>/],
    ['short key id', 'abc:AAAA', /key id "abc" is not 16 lowercase hex characters/],
    ['31 bytes', `0123456789abcdef:${toBase64(new Uint8Array(31))}`, /not base64 of 32 bytes/],
    ['bad base64', '0123456789abcdef:!!!!', /not base64 of 32 bytes/],
    ['id of another key', `0123456789abcdef:${toBase64(new Uint8Array(32))}`, /the id does not match the key \(expected [0-9a-f]{16}\)/],
  ])('refuses a key line with %s', (_name, line, reason) => {
    const parsed = parseKeyLine(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(reason);
      expect(parsed.reason).not.toMatch(/\n/);
    }
  });

  it('reads only canonical base64 (one text, one meaning)', () => {
    expect(fromBase64('QQ==')).toEqual(new Uint8Array([65]));
    expect(fromBase64('QR==')).toBeNull();
    expect(fromBase64('QQ')).toBeNull();
    expect(fromBase64('Q Q=')).toBeNull();
  });

  it.each([
    ['an empty file', '', /does not start with/],
    ['a byte-order mark', '\uFEFFdg-nearby signature v1\n', /byte-order mark/],
    ['Windows line ends', 'dg-nearby signature v1\r\nkey: 0123456789abcdef\r\n', /CR LF/],
    ['no sig line', 'dg-nearby signature v1\nkey: 0123456789abcdef\n', /needs a "key: " line and a "sig: " line/],
    ['a short signature', `dg-nearby signature v1\nkey: 0123456789abcdef\nsig: ${toBase64(new Uint8Array(63))}\n`, /not base64 of 64 bytes/],
    ['text after it', `${formatSignature({ keyId: '0123456789abcdef', signature: new Uint8Array(64) })}extra\n`, /extra text/],
    ['no final newline', formatSignature({ keyId: '0123456789abcdef', signature: new Uint8Array(64) }).trimEnd(), /extra text|needs/],
  ])('refuses a signature file with %s', (_name, text, reason) => {
    const parsed = parseSignature(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('versions compare as numbers of any length; the rollback rule', () => {
    expect(compareVersions('9', '10')).toBe(-1);
    expect(compareVersions('123456789012345678901234567890', '123456789012345678901234567889')).toBe(1);
    expect(rollbackProblem({ version: '3', sha256: 'a' }, { version: '3', sha256: 'a' })).toBeNull();
    expect(rollbackProblem({ version: '3', sha256: 'b' }, { version: '3', sha256: 'a' })).toMatch(/not newer than 3/);
    expect(rollbackProblem({ version: '2', sha256: 'a' }, { version: '3', sha256: 'a' })).toMatch(/not newer/);
    expect(rollbackProblem({ version: '4', sha256: 'b' }, { version: '3', sha256: 'a' })).toBeNull();
    expect(rollbackProblem({ version: '1', sha256: 'b' }, undefined)).toBeNull();
  });

  it('a frozen feed: whole days since signing once expired', () => {
    const m = { signedAt: '2026-11-01T00:00:00Z', expires: '2026-11-15T00:00:00Z' };
    expect(expiredDays(m, new Date('2026-11-14T23:59:59Z'))).toBeNull();
    expect(expiredDays(m, new Date('2026-12-01T12:00:00Z'))).toBe(30);
    expect(expiredDays({}, new Date())).toBeNull();
  });
});

describe('properties (fast-check)', () => {
  it('any single-byte change to a signed manifest or to its signature file is refused', async () => {
    const signed = await signManifest({ version: '7', generatedAt: '2026-11-28T00:00:00Z', chunks: [], sources: [] }, publish, {
      now: new Date('2026-11-28T00:00:00Z'),
    });
    const keys = [keyOf(publish)];
    const sigBytes = new TextEncoder().encode(signed.signatureText);
    expect((await verifyFileSignature(signed.manifestBytes, signed.signatureText, keys, 'manifest.json')).ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (inSignature, at, xor) => {
        const manifest = signed.manifestBytes.slice();
        const sig = sigBytes.slice();
        const target = inSignature ? sig : manifest;
        target[at % target.length]! ^= xor;
        const verdict = await verifyFileSignature(manifest, new TextDecoder().decode(sig), keys, 'manifest.json');
        return !verdict.ok;
      }),
      { numRuns: 400, seed: 20261206 },
    );
  });

  it('WebCrypto and noble give the same verdict on 1,000 generated cases', async () => {
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const mutations = ['none', 'message', 'signature', 'other-key', 'random-key', 'non-canonical-s'] as const;
    let compared = 0;
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(...mutations),
        fc.nat(),
        async (seed, otherSeed, message, mutation, at) => {
          const key = await signingKeyFromSeed(seed);
          const publicKey = keyOf(key).publicKey;
          const signature = (await ed.signAsync(message, seed)).slice();
          let msg = message.slice();
          let pub = publicKey;
          if (mutation === 'message' && msg.length) msg[at % msg.length]! ^= 1;
          if (mutation === 'message' && !msg.length) msg = new Uint8Array([0]);
          if (mutation === 'signature') signature[at % 64]! ^= 1 << at % 8;
          if (mutation === 'other-key') pub = await ed.getPublicKeyAsync(otherSeed);
          if (mutation === 'random-key') pub = otherSeed;
          if (mutation === 'non-canonical-s') {
            // S + L: the same point equation, but RFC 8032 requires S < L
            let s = 0n;
            for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(signature[32 + i]!);
            s += L;
            for (let i = 0; i < 32; i++) signature[32 + i] = Number((s >> BigInt(8 * i)) & 255n);
          }
          const viaWebCrypto = await verifyWithWebCrypto(signature, msg, pub);
          const viaNoble = verifyWithNoble(signature, msg, pub);
          if (viaWebCrypto === null) throw new Error('this runtime has no WebCrypto Ed25519: nothing to compare');
          compared++;
          if (viaNoble) valid++;
          return viaWebCrypto === viaNoble && (mutation !== 'none' || viaNoble);
        },
      ),
      { numRuns: 1000, seed: 20261206 },
    );
    expect(compared).toBe(1000);
    // a comparison where everything fails proves nothing: a fair share of the cases are valid signatures
    expect(valid).toBeGreaterThan(100);
  });
});
