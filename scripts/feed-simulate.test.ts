import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './feed-simulate.ts';

let dir: string;
let sim: Simulator;
const origin = 'http://127.0.0.1:4173';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feed-sim-'));
  await mkdir(path.join(dir, 'services'));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ version: 'v1', availabilityPollSeconds: 30, chunks: [] }));
  await writeFile(path.join(dir, 'services', '441900003.json'), JSON.stringify({ town: '441900003', services: [] }));
  const items = [
    { serviceId: 'pk-1', observedAt: '2026-11-28T00:00:00Z', figures: { kind: 'parking', free: 2, total: 5, evFree: 1, evTotal: 2 } },
    {
      serviceId: 'sp-1',
      observedAt: '2026-11-28T00:00:00Z',
      figures: { kind: 'sports_venue', slots: [{ start: '2026-11-20T20:00:00+08:00', durationMinutes: 60, remaining: 1, maximum: 4 }] },
    },
  ];
  await writeFile(path.join(dir, 'availability.json'), JSON.stringify({ generatedAt: '2026-11-28T00:00:00Z', pollSeconds: 30, items }));
  sim = await startSimulator({ port: 0, feedDir: dir, pollSeconds: 5, tickMs: 0, seed: 7 });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (file: string, headers: Record<string, string> = {}) => fetch(sim.url + file, { headers: { Origin: origin, ...headers } });

describe('feed simulator', () => {
  it('serves the feed with CORS for a loopback origin, and answers 304 to a matching If-None-Match', async () => {
    const res = await get('availability.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    const body = await res.json();
    expect(body.pollSeconds).toBe(5);
    const etag = res.headers.get('etag')!;
    expect((await get('availability.json', { 'If-None-Match': etag })).status).toBe(304);
    sim.tick();
    expect((await get('availability.json', { 'If-None-Match': etag })).status).toBe(200);
    const manifest = await (await get('manifest.json')).json();
    expect(manifest.availabilityPollSeconds).toBe(5);
    expect(
      (await fetch(sim.url + 'availability.json', { headers: { Origin: 'https://evil.example' } })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
    const pre = await fetch(sim.url + 'availability.json', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Headers': 'if-none-match' },
    });
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/);
  });

  it('moves figures within bounds and rebases slots onto the coming days', () => {
    const seenFree = new Set<number>();
    for (let i = 0; i < 200; i++) {
      sim.tick();
      const pk = sim.snapshot().items.find((x) => x.serviceId === 'pk-1')!.figures as unknown as {
        free: number;
        total: number;
        evFree: number;
      };
      expect(pk.free).toBeGreaterThanOrEqual(0);
      expect(pk.free).toBeLessThanOrEqual(pk.total);
      expect(pk.evFree).toBeLessThanOrEqual(2);
      seenFree.add(pk.free);
    }
    expect(seenFree.size).toBeGreaterThan(2);
    const slot = (sim.snapshot().items.find((x) => x.serviceId === 'sp-1')!.figures as unknown as { slots: Array<{ start: string }> })
      .slots[0]!;
    const todayCst = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(slot.start.slice(0, 10)).toBe(todayCst);
  });

  it('switches faults at run time', async () => {
    const set = (mode: string) => fetch(`${sim.url}__fault?mode=${mode}`, { method: 'POST' });
    expect((await set('bogus')).status).toBe(400);
    await set('500');
    expect((await get('availability.json')).status).toBe(500);
    expect((await get('manifest.json')).status).toBe(200); // only the live file breaks
    await set('garbage');
    await expect((await get('availability.json')).json()).rejects.toThrow();
    await set('truncated');
    await expect(get('availability.json').then((r) => r.text())).rejects.toThrow();
    await set('negative');
    // the only parking item turns impossible
    const neg = await (await get('availability.json')).json();
    expect(neg.items[0].figures.free).toBe(-5);
    await set('unknown');
    const unk = await (await get('availability.json')).json();
    expect(unk.items.some((i: { serviceId: string }) => i.serviceId.startsWith('no-such-service'))).toBe(true);
    await set('timeout');
    await expect(fetch(sim.url + 'availability.json', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await set('none');
    expect((await get('availability.json')).status).toBe(200);
  });
});
