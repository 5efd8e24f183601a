import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DgNearbyDb } from './db.ts';
import { ACCEPTED_SOURCE_KEY, META_ID, recordsOf } from './stored-read.ts';
import { runSync, type SyncResult } from './sync-engine.ts';
import { TRUST_FLOOR_KEY, loadTrustPolicy } from './feed-trust.ts';
import { validateServiceRecord } from './validate-feed.ts';
import { FEED_URL, TOWN_A, TOWN_B, buildFeed, makeRecord, mockServer, sha } from '../../tests/unit/sync-feed-fixture.ts';
import { useFreshDb } from '../../tests/unit/fresh-db.ts';
import { signFeedFiles, testKey } from '../../tests/fixtures/signing/test-keys.ts';
import type { SigningKey } from '../../scripts/lib/feed-signing.ts';

let db: DgNearbyDb;
useFreshDb('feed-trust-test', (opened) => (db = opened));

let publish: SigningKey;
let stranger: SigningKey;
beforeAll(async () => {
  publish = await testKey('publish');
  stranger = await testKey('stranger');
});

const feed = (tag = '') =>
  buildFeed({
    version: 'draft',
    chunks: [
      { town: TOWN_A.code, services: [makeRecord(TOWN_A, 0, tag), makeRecord(TOWN_A, 1, tag)] },
      { town: TOWN_B.code, services: [makeRecord(TOWN_B, 0, tag)] },
    ],
  });

const OTHER_URL = 'https://mirror.example.net/feed/';

async function sync(files: Map<string, string>, opts: { keys?: string; official?: string; force?: boolean; feedUrl?: string } = {}) {
  const server = mockServer(files);
  const feedUrl = opts.feedUrl ?? FEED_URL;
  const fetchAt: typeof fetch = (input, init) => server.fetch(String(input).replace(feedUrl, FEED_URL), init);
  const trust = await loadTrustPolicy(db, opts.official ?? FEED_URL, opts.keys ?? publish.publicKeyLine);
  const result = await runSync({ feedUrl, db, validateRecord: validateServiceRecord, fetch: fetchAt, trust, force: opts.force });
  return { result, server };
}

const storedNames = async () => (await Promise.all((await db.serviceChunks.toArray()).map(recordsOf))).flat().map((r) => r.name.en).sort();
const failedCode = (r: SyncResult) => (r.status === 'failed' ? r.error.code : r.status);

describe('signed feeds in the sync (issue 23)', () => {
  it('takes a manifest signed by a trusted key and remembers its version as the rollback floor', async () => {
    const { result } = await sync(await signFeedFiles(feed(), publish, { version: '1' }));
    expect(result.status).toBe('updated');
    const meta = await db.feedMeta.get(META_ID);
    expect(meta?.trust).toEqual({ kind: 'signed', keyId: publish.keyId });
    expect(meta?.manifest?.expires).toBeDefined();
    expect((await db.settings.get(TRUST_FLOOR_KEY))?.value).toMatchObject({ version: '1' });
  });

  it('refuses a chunk changed with its sha256 updated but not re-signed; the old data stays', async () => {
    const v1 = await signFeedFiles(feed(), publish, { version: '1' });
    await sync(v1);
    const before = await storedNames();
    const tampered = new Map(v1);
    const manifest = JSON.parse(v1.get('manifest.json')!) as { chunks: { path: string; sha256: string }[] };
    const path = manifest.chunks[0]!.path;
    const chunk = v1.get(path)!.replace('Test service 0', 'Call 0769-0000 instead');
    tampered.set(path, chunk);
    manifest.chunks[0]!.sha256 = sha(chunk);
    tampered.set('manifest.json', JSON.stringify(manifest));
    const { result, server } = await sync(tampered);
    expect(failedCode(result)).toBe('signature');
    expect(result.status === 'failed' && result.error.message).toMatch(/does not match the bytes/);
    expect(server.requests).not.toContain(path);
    expect(await storedNames()).toEqual(before);
    expect((await db.feedMeta.get(META_ID))?.lastError?.code).toBe('signature');
  });

  it('refuses an older signed manifest, and the same version with other bytes (rollback)', async () => {
    const v1 = await signFeedFiles(feed('-old'), publish, { version: '1' });
    const v2 = await signFeedFiles(feed('-new'), publish, { version: '2' });
    expect((await sync(v2)).result.status).toBe('updated');
    const names = await storedNames();
    expect(failedCode((await sync(v1)).result)).toBe('rollback');
    const again2 = await signFeedFiles(feed('-other'), publish, { version: '2' });
    expect(failedCode((await sync(again2)).result)).toBe('rollback');
    expect(failedCode((await sync(again2, { force: true })).result)).toBe('rollback');
    expect(await storedNames()).toEqual(names);
    // the same bytes again are fine (a re-check, not a rollback)
    expect((await sync(v2, { force: true })).result.status).toBe('updated');
  });

  it('on the official address, refuses a missing, malformed or untrusted signature with one line each', async () => {
    const unsigned = feed();
    const missing = await sync(unsigned);
    expect(failedCode(missing.result)).toBe('signature');
    expect(missing.result.status === 'failed' && missing.result.error.message).toBe('manifest.sig is missing: the manifest.json is not signed');
    const signed = await signFeedFiles(feed(), publish, { version: '1' });
    const bom = new Map(signed).set('manifest.sig', `\uFEFF${signed.get('manifest.sig')}`);
    expect((await sync(bom)).result).toMatchObject({ status: 'failed', error: { message: 'manifest.sig: signature file starts with a byte-order mark' } });
    const editorNewline = new Map(signed).set('manifest.json', `${signed.get('manifest.json')}\n`);
    expect((await sync(editorNewline)).result).toMatchObject({ status: 'failed', error: { code: 'signature', message: expect.stringMatching(/does not match/) } });
    const byStranger = await signFeedFiles(feed(), stranger, { version: '1' });
    expect((await sync(byStranger)).result).toMatchObject({ status: 'failed', error: { code: 'signature', message: expect.stringMatching(/does not trust/) } });
    expect(await db.serviceChunks.count()).toBe(0);
  });

  it('another address without a trusted signature waits for the resident, then is taken as unofficial', async () => {
    const theirs = await signFeedFiles(feed(), stranger, { version: '7' });
    const first = await sync(theirs, { feedUrl: OTHER_URL });
    expect(first.result).toMatchObject({
      status: 'failed',
      error: { code: 'untrusted-source', unofficial: { host: 'mirror.example.net', keyId: stranger.keyId, publisher: { en: 'Test source' } } },
    });
    expect(await db.serviceChunks.count()).toBe(0);
    // accepted for another key id: still asks
    await db.settings.put({ key: ACCEPTED_SOURCE_KEY, value: { url: OTHER_URL, keyId: null } });
    expect(failedCode((await sync(theirs, { feedUrl: OTHER_URL })).result)).toBe('untrusted-source');
    await db.settings.put({ key: ACCEPTED_SOURCE_KEY, value: { url: OTHER_URL, keyId: stranger.keyId } });
    expect((await sync(theirs, { feedUrl: OTHER_URL })).result.status).toBe('updated');
    expect((await db.feedMeta.get(META_ID))?.trust).toEqual({ kind: 'unofficial', host: 'mirror.example.net', keyId: stranger.keyId });
    // an unofficial version never raises the rollback floor
    expect(await db.settings.get(TRUST_FLOOR_KEY)).toBeUndefined();
  });

  it('a mirror carrying the official signature is taken as signed, not unofficial', async () => {
    const { result } = await sync(await signFeedFiles(feed(), publish, { version: '3' }), { feedUrl: OTHER_URL });
    expect(result.status).toBe('updated');
    expect((await db.feedMeta.get(META_ID))?.trust?.kind).toBe('signed');
  });

  it('takes an expired signed manifest (the screens say it may be out of date)', async () => {
    const old = await signFeedFiles(feed(), publish, { version: '4', now: new Date('2026-01-01T00:00:00Z'), expiresDays: 14 });
    expect((await sync(old)).result.status).toBe('updated');
    expect((await db.feedMeta.get(META_ID))?.manifest?.expires).toBe('2026-01-15T00:00:00.000Z');
  });

  it('a build without trusted keys works as before: no manifest.sig request, marked unsigned', async () => {
    const { result, server } = await sync(feed(), { keys: '' });
    expect(result.status).toBe('updated');
    expect(server.requests).not.toContain('manifest.sig');
    expect((await db.feedMeta.get(META_ID))?.trust).toEqual({ kind: 'unsigned-build' });
  });

  it('a malformed VITE_FEED_KEYS is one clear error, not an empty trust list', async () => {
    await expect(loadTrustPolicy(db, FEED_URL, 'abc:def')).rejects.toThrow(/^VITE_FEED_KEYS: key id "abc" is not 16 lowercase hex characters$/);
  });
});
