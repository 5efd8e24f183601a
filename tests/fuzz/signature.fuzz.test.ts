/**
 * Signed feeds (issue 23): the signature readers never throw and accept only the exact format; any edit
 * of a signed manifest or its signature (a changed, inserted or removed byte) is refused by the app's
 * check and by `data:validate --keys` alike; and the bad inputs of the issue get one verdict on both sides.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSignature, parseKeyLine, parseSignature, verifySignedManifest, type PublicKey } from '../../src/data/feed-signature.ts';
import { buildTrustedKeys } from '../../src/data/feed-trust.ts';
import { signManifest } from '../../scripts/lib/feed-signing.ts';
import { fuzzOptions } from './fuzz-config.ts';
import { countCase, flushFuzzSummary, FUZZ_TIMEOUT_MS } from './fuzz-summary.ts';
import { appVerdict, cliVerdict } from './feed-corpus.ts';
import { SIGNATURE_CASES, signedValidFeed, signingContext, type SigningContext } from './signature-corpus.ts';

afterAll(flushFuzzSummary);

let ctx: SigningContext;
let keys: PublicKey[];
let manifestBytes: Uint8Array;
let signatureText: string;
beforeAll(async () => {
  ctx = await signingContext();
  keys = buildTrustedKeys(ctx.keysText);
  const signed = await signManifest(
    { version: '12', generatedAt: '2026-11-28T00:00:00Z', sample: false, sources: [], chunks: [], liveKeys: [ctx.live.publicKeyLine] },
    ctx.publish,
    { now: new Date('2026-11-28T00:00:00Z') },
  );
  manifestBytes = signed.manifestBytes;
  signatureText = signed.signatureText;
});

const manifestOf = (bytes: Uint8Array) => {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as { version: string };
  } catch {
    return null;
  }
};

/** One edit of a byte array: change, insert or remove a byte. */
const edit = fc.record({ kind: fc.constantFrom('change', 'insert', 'remove'), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
function applyEdit(bytes: Uint8Array, e: { kind: string; at: number; value: number }): Uint8Array {
  const i = e.at % (bytes.length + (e.kind === 'insert' ? 1 : 0));
  if (e.kind === 'change') {
    const out = bytes.slice();
    out[i] = out[i] === e.value ? (e.value + 1) % 256 : e.value;
    return out;
  }
  if (e.kind === 'insert') return new Uint8Array([...bytes.subarray(0, i), e.value, ...bytes.subarray(i)]);
  return new Uint8Array([...bytes.subarray(0, i), ...bytes.subarray(i + 1)]);
}

describe('signature files and key lines', () => {
  it(
    'never throw on any text, and accept a signature file only in its exact format',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant(signatureText)), (text) => {
          countCase('parseSignature');
          const parsed = parseSignature(text);
          if (parsed.ok) expect(formatSignature(parsed.value)).toBe(text);
          else expect(parsed.reason).not.toMatch(/[\n\r]/);
          const key = parseKeyLine(text);
          if (!key.ok) expect(key.reason).not.toMatch(/[\n\r]/);
        }),
        fuzzOptions(1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('signed manifests', () => {
  it(
    'any edit of the manifest bytes or of manifest.sig is refused',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), edit, async (inSignature, e) => {
          const sigBytes = new TextEncoder().encode(signatureText);
          const bytes = inSignature ? manifestBytes : applyEdit(manifestBytes, e);
          const sig = inSignature ? new TextDecoder().decode(applyEdit(sigBytes, e)) : signatureText;
          const manifest = manifestOf(bytes);
          // bytes that are no longer JSON are refused earlier, by the manifest check
          if (!manifest || typeof manifest.version !== 'string') return;
          countCase('verifySignedManifest');
          const verdict = await verifySignedManifest(bytes, manifest, sig, keys);
          expect(verdict.ok).toBe(false);
        }),
        fuzzOptions(1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'the bad inputs of the issue: data:validate --keys and the app give one verdict',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...SIGNATURE_CASES), async (c) => {
          countCase('signed feed: CLI vs app');

          const files = await signedValidFeed(ctx);
          await c.mutate(files, ctx);
          const [cli, app] = [await cliVerdict(files, undefined, ctx.keysText), await appVerdict(files, undefined, ctx.keysText)];
          expect(cli.verdict, c.name).toBe(c.verdict);
          expect(app.verdict, c.name).toBe(c.verdict);
        }),
        fuzzOptions(0.05),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
