import { describe, expect, it } from 'vitest';
import { nextVersion, signManifest, unsignedManifestText } from './feed-signing.ts';
import { testKey } from '../../tests/fixtures/signing/test-keys.ts';
import { verifySignedManifest, parseKeyList } from '../../src/data/feed-signature.ts';

describe('signing a manifest (the contract feed:publish and live:relay use)', () => {
  it('signs exactly the bytes it returns, with keyId, signedAt and expires (14 days by default)', async () => {
    const key = await testKey('publish');
    const live = await testKey('live');
    const content = { version: '41', generatedAt: '2026-11-28T00:00:00Z', sample: false, sources: [], chunks: [] };
    const now = new Date('2026-12-01T08:00:00Z');
    const signed = await signManifest(content, key, { now, liveKeys: [live.publicKeyLine] });
    expect(signed.manifest).toMatchObject({ keyId: key.keyId, signedAt: '2026-12-01T08:00:00.000Z', expires: '2026-12-15T08:00:00.000Z' });
    expect(new TextDecoder().decode(signed.manifestBytes)).toBe(JSON.stringify(signed.manifest));
    const keys = parseKeyList(key.publicKeyLine);
    if (!keys.ok) throw new Error(keys.reason);
    expect(await verifySignedManifest(signed.manifestBytes, signed.manifest, signed.signatureText, keys.value)).toEqual({
      ok: true,
      keyId: key.keyId,
    });
    // the content's own text comes back once the signing fields are taken out
    expect(unsignedManifestText(new TextDecoder().decode(signed.manifestBytes))).toBe(JSON.stringify(content));
  });

  it('refuses a version that is not digits, and an expiry outside 1–366 days', async () => {
    const key = await testKey('publish');
    await expect(signManifest({ version: 'sample-abc' }, key)).rejects.toThrow(/not decimal digits/);
    await expect(signManifest({ version: '1' }, key, { expiresDays: 0 })).rejects.toThrow(/give 1 to 366/);
  });

  it('next versions: digits + 1 (any length), "1" after a sample digest', () => {
    expect(nextVersion('9')).toBe('10');
    expect(nextVersion('99999999999999999999')).toBe('100000000000000000000');
    expect(nextVersion('sample-71e49dc6604905a7')).toBe('1');
    expect(nextVersion(undefined)).toBe('1');
  });
});
