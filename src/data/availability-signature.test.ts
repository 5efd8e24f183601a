import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DgNearbyDb } from './db.ts';
import { META_ID } from './stored-read.ts';
import type { FeedManifest, ServiceRecord } from './feed-schema.ts';
import { createAvailabilityPoller, type PollerEnv } from './availability-poll-loop.ts';
import { createDexieAvailabilityStore, FAULTS_KEY, readFaults } from './availability-store.ts';
import { useFreshDb } from '../../tests/unit/fresh-db.ts';
import { testKey } from '../../tests/fixtures/signing/test-keys.ts';
import type { SigningKey } from '../../scripts/lib/feed-signing.ts';

const NOW = new Date('2026-11-28T06:00:00Z');
const FEED = 'http://127.0.0.1:9/feed/';
const env: PollerEnv = { isOnline: () => true, isVisible: () => true, listen: () => () => {} };
const file = (free: number, observedAt = NOW.toISOString()) =>
  JSON.stringify({ generatedAt: NOW.toISOString(), pollSeconds: 5, items: [{ serviceId: 'pk-1', observedAt, figures: { kind: 'parking', free, total: 100 } }] });

let live: SigningKey;
let stranger: SigningKey;
beforeAll(async () => {
  live = await testKey('live');
  stranger = await testKey('stranger');
});

let db: DgNearbyDb;
useFreshDb('avail-signed', async (opened) => {
  db = opened;
  const records = [{ id: 'pk-1', category: 'parking' }] as unknown as ServiceRecord[];
  await db.serviceChunks.put({ path: 'services/441900003.json', town: '441900003', sha256: 'x', version: '1', records });
  await db.settings.put({ key: 'feedUrl', value: FEED });
});

async function storeManifest(trust: 'signed' | 'unsigned-build', liveKeys: string[]) {
  const manifest = { version: '1', liveKeys } as unknown as FeedManifest;
  await db.feedMeta.put({ id: META_ID, version: '1', manifest, trust: trust === 'signed' ? { kind: 'signed', keyId: '0000000000000000' } : { kind: 'unsigned-build' } });
}

/** A server holding availability.json and (optionally) availability.sig. */
function server(files: { json: string; sig?: string }) {
  return (async (url: RequestInfo | URL) => {
    const path = String(url).slice(FEED.length);
    if (path === 'availability.json') return new Response(files.json, { status: 200 });
    if (path === 'availability.sig' && files.sig !== undefined) return new Response(files.sig, { status: 200 });
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
}

const poll = (doFetch: typeof globalThis.fetch) => createAvailabilityPoller({ store: createDexieAvailabilityStore(db), fetch: doFetch, env, now: () => NOW }).pollOnce();
const signed = async (json: string, key: SigningKey) => ({ json, sig: await key.sign(new TextEncoder().encode(json)) });

describe('signed live figures (issue 23)', () => {
  it('takes figures signed by a live key the signed manifest lists', async () => {
    await storeManifest('signed', [live.publicKeyLine]);
    expect(await poll(server(await signed(file(23), live)))).toEqual({ status: 'updated', written: 1, rejected: 0 });
    expect((await db.availability.get('pk-1'))?.figures).toMatchObject({ free: 23 });
  });

  it('ignores unsigned, tampered or wrongly signed figures; the old good ones keep their time; the badge flag is set then cleared', async () => {
    await storeManifest('signed', [live.publicKeyLine]);
    const earlier = new Date(NOW.getTime() - 60_000).toISOString();
    await poll(server(await signed(file(23, earlier), live)));
    const good = await db.availability.get('pk-1');

    const tampered = await signed(file(5), live);
    tampered.json = tampered.json.replace('"free":5', '"free":0');
    const cases = [{ json: file(5) }, tampered, await signed(file(5), stranger)];
    for (const files of cases) {
      expect(await poll(server(files))).toEqual({ status: 'fault', fault: 'unverified' });
      expect(await db.availability.get('pk-1')).toEqual(good);
    }
    const faults = readFaults((await db.settings.get(FAULTS_KEY))?.value);
    expect(faults.counts.unverified).toBe(3);
    expect(faults.unverifiedSince).toBe(NOW.toISOString());
    expect(faults.lastFault?.reason).toMatch(/does not trust/);

    await poll(server(await signed(file(9), live)));
    expect(readFaults((await db.settings.get(FAULTS_KEY))?.value).unverifiedSince).toBeNull();
  });

  it('a manifest that was not taken on a trusted signature asks for no live signature (as before)', async () => {
    await storeManifest('unsigned-build', []);
    expect(await poll(server({ json: file(4) }))).toEqual({ status: 'updated', written: 1, rejected: 0 });
  });
});
