/**
 * Signed feeds for the "one verdict" test and the fuzz suite (issue 23): the valid fixture signed with
 * the TEST publishing key, and the bad inputs of the issue — each with the verdict the CLI
 * (`data:validate --keys`) and the app (sync on its official address) must both give.
 */
import { signManifest, type SigningKey } from '../../scripts/lib/feed-signing.ts';
import { testKey } from '../fixtures/signing/test-keys.ts';
import { FIXTURES, FIXTURE_NOW, bytesOf, loadFolder, manifestOf, putFile, textOf, type FeedFiles, type Verdict } from './feed-corpus.ts';

type Json = Record<string, unknown>;

export interface SigningContext {
  publish: SigningKey;
  stranger: SigningKey;
  live: SigningKey;
  /** What a build with the TEST publishing key trusts (VITE_FEED_KEYS / --keys). */
  keysText: string;
}

export async function signingContext(): Promise<SigningContext> {
  const [publish, stranger, live] = await Promise.all([testKey('publish'), testKey('stranger'), testKey('live')]);
  return { publish, stranger, live, keysText: publish.publicKeyLine };
}

/** Signs `manifest` with `key` into `files` (manifest.json + manifest.sig), as feed:sign would. */
export async function signInto(
  files: FeedFiles,
  manifest: Json,
  key: SigningKey,
  options: { now?: Date; expiresDays?: number } = {},
): Promise<void> {
  const signed = await signManifest(manifest as Json & { version: string }, key, {
    now: options.now ?? new Date(FIXTURE_NOW.getTime() - 86_400_000),
    ...options,
  });
  files.set('manifest.json', signed.manifestBytes);
  files.set('manifest.sig', bytesOf(signed.signatureText));
}

/** The valid fixture, version "1", signed by the TEST publishing key, with the live key listed and availability signed. */
export async function signedValidFeed(ctx: SigningContext): Promise<FeedFiles> {
  const files = loadFolder(`${FIXTURES}valid`);
  const base = manifestOf(files);
  // The live file is bound by its own signature (availability.sig), not by a sha256 in the manifest:
  // it changes every few seconds, the manifest every few days.
  const { ['availability.json']: _live, ...otherFiles } = (base.files ?? {}) as Record<string, string>;
  const manifest = { ...base, files: otherFiles, version: '1', liveKeys: [ctx.live.publicKeyLine] };
  await signInto(files, manifest, ctx.publish);
  const availability = files.get('availability.json');
  if (availability) files.set('availability.sig', bytesOf(await ctx.live.sign(availability)));
  return files;
}

export interface SignatureCase {
  name: string;
  verdict: Verdict;
  mutate: (files: FeedFiles, ctx: SigningContext) => void | Promise<void>;
}

const resign = async (files: FeedFiles, ctx: SigningContext, edit: (m: Json) => void, key = ctx.publish) => {
  const manifest = JSON.parse(textOf(files.get('manifest.json')!)) as Json;
  for (const field of ['keyId', 'signedAt', 'expires']) delete manifest[field];
  edit(manifest);
  await signInto(files, manifest, key);
};

/** Edits manifest.json and signs the edited bytes with the trusted key directly: signManifest would refuse or overwrite these fields. */
const signEditedBytes = async (files: FeedFiles, ctx: SigningContext, edit: (m: Json) => void) => {
  const manifest = JSON.parse(textOf(files.get('manifest.json')!)) as Json;
  edit(manifest);
  const bytes = bytesOf(JSON.stringify(manifest));
  files.set('manifest.json', bytes);
  files.set('manifest.sig', bytesOf(await ctx.publish.sign(bytes)));
};

export const SIGNATURE_CASES: SignatureCase[] = [
  { name: 'signed by the trusted key', verdict: 'accept', mutate: () => {} },
  {
    name: 'signed long ago and expired (usable, the app shows a banner)',
    verdict: 'accept',
    mutate: (f, ctx) =>
      resign(f, ctx, () => {}).then(() =>
        signInto(f, JSON.parse(textOf(f.get('manifest.json')!)) as Json, ctx.publish, { now: new Date('2025-01-01T00:00:00Z') }),
      ),
  },
  { name: 'manifest.sig missing', verdict: 'reject', mutate: (f) => void f.delete('manifest.sig') },
  { name: 'manifest.sig empty', verdict: 'reject', mutate: (f) => void f.set('manifest.sig', bytesOf('')) },
  {
    name: 'manifest.sig with a byte-order mark',
    verdict: 'reject',
    mutate: (f) => void f.set('manifest.sig', bytesOf(`\uFEFF${textOf(f.get('manifest.sig')!)}`)),
  },
  {
    name: 'manifest.sig with CRLF line ends',
    verdict: 'reject',
    mutate: (f) => void f.set('manifest.sig', bytesOf(textOf(f.get('manifest.sig')!).replace(/\n/g, '\r\n'))),
  },
  { name: 'manifest.sig cut short', verdict: 'reject', mutate: (f) => void f.set('manifest.sig', f.get('manifest.sig')!.slice(0, 60)) },
  {
    name: 'manifest.json with a trailing newline added by an editor',
    verdict: 'reject',
    mutate: (f) => void f.set('manifest.json', bytesOf(`${textOf(f.get('manifest.json')!)}\n`)),
  },
  {
    name: 'manifest.json with a byte-order mark added',
    verdict: 'reject',
    mutate: (f) => void f.set('manifest.json', bytesOf(`\uFEFF${textOf(f.get('manifest.json')!)}`)),
  },
  { name: 'signed by a key the build does not trust', verdict: 'reject', mutate: (f, ctx) => resign(f, ctx, () => {}, ctx.stranger) },
  {
    name: 'a chunk changed and its sha256 updated without re-signing',
    verdict: 'reject',
    mutate: (f) => {
      const path = (manifestOf(f).chunks as { path: string }[])[0]!.path;
      // putFile re-serialises the manifest with the new sha256; manifest.sig stays the old one
      putFile(f, path, bytesOf(textOf(f.get(path)!).replace('"en":"Test ', '"en":"Call 0769-1234-5678, ')));
    },
  },
  {
    name: 'signed manifest with a non-digit version',
    verdict: 'reject',
    mutate: (f, ctx) => signEditedBytes(f, ctx, (m) => void (m.version = 'v1')),
  },
  {
    name: 'signed manifest naming another key id inside',
    verdict: 'reject',
    mutate: (f, ctx) => signEditedBytes(f, ctx, (m) => void (m.keyId = ctx.stranger.keyId)),
  },
  {
    name: 'signed manifest listing a malformed live key',
    verdict: 'reject',
    mutate: (f, ctx) => resign(f, ctx, (m) => void (m.liveKeys = ['not-a-key'])),
  },
  {
    name: 'signed manifest whose expires is before signedAt',
    verdict: 'reject',
    mutate: (f, ctx) => signEditedBytes(f, ctx, (m) => void (m.expires = '2020-01-01T00:00:00.000Z')),
  },
  {
    name: 'signed manifest with no version',
    verdict: 'reject',
    mutate: (f, ctx) => signEditedBytes(f, ctx, (m) => void delete m.version),
  },
  // live figures: the feed stays; only the live file is ignored (record-level for the CLI)
  {
    name: 'availability.json changed after the live key signed it',
    verdict: 'accept',
    mutate: (f) => {
      const text = textOf(f.get('availability.json')!);
      f.set('availability.json', bytesOf(text.replace(/"free":(\d+)/, (_m, n: string) => `"free":${Number(n) === 0 ? 1 : 0}`)));
    },
  },
];
