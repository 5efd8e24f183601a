import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './feed-simulate.ts';
import { liveKeysOf, verifyFileSignature } from '../src/data/feed-signature.ts';

let dir: string;
let sim: Simulator;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feed-sim-sign-'));
  await writeFile(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ version: 'v1', chunks: [], files: { 'availability.json': 'a'.repeat(64) } }),
  );
  const items = [{ serviceId: 'pk-1', observedAt: '2026-11-28T00:00:00Z', figures: { kind: 'parking', free: 2, total: 5 } }];
  await writeFile(path.join(dir, 'availability.json'), JSON.stringify({ generatedAt: '2026-11-28T00:00:00Z', pollSeconds: 30, items }));
  sim = await startSimulator({ port: 0, feedDir: dir, tickMs: 0, seed: 3 });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const get = async (file: string) => new Uint8Array(await (await fetch(new URL(file, sim.url))).arrayBuffer());

describe('the simulator signs its live figures (issue 23)', () => {
  it('serves availability.sig by the development live key its manifest lists, after every move', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(await get('manifest.json'))) as { liveKeys: string[] };
    const keys = liveKeysOf(manifest);
    expect(keys).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      const bytes = await get('availability.json');
      const sig = new TextDecoder().decode(await get('availability.sig'));
      expect(await verifyFileSignature(bytes, sig, keys, 'availability.json')).toEqual({ ok: true, keyId: keys[0]!.keyId });
      bytes[bytes.length - 2]! ^= 1;
      expect((await verifyFileSignature(bytes, sig, keys, 'availability.json')).ok).toBe(false);
      sim.tick();
    }
  });
});
