/**
 * The example configs in docs/examples/live/ work as documented: live.json passes the config check (with its
 * token in the environment), and local.json runs against the simulator's owner routes, every parking and
 * kindergarten figure of the simulator reaching the relay's file.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../feed-simulate.ts';
import { checkConfig } from './config.ts';
import { feedServices } from './feed-services.ts';
import { createRelay } from './relay.ts';

const EXAMPLES = path.resolve('docs/examples/live');
let sim: Simulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, feedDir: 'public/feed', tickMs: 0 });
  dir = await mkdtemp(path.join(tmpdir(), 'live-examples-'));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const readExample = (name: string) =>
  JSON.parse(readFileSync(path.join(EXAMPLES, name), 'utf8')) as Record<string, unknown> & { owners: Array<Record<string, unknown>> };

it('live.json (an API with a token from the environment, a CSV file) passes the config check', () => {
  const checked = checkConfig(readExample('live.json'), path.join(EXAMPLES, 'live.json'), { PARK_A_TOKEN: 'Bearer example' });
  expect(checked.problems).toEqual([]);
  expect(checked.config!.owners.map((o) => o.id)).toEqual(['park-a', 'kg-town']);
  expect(checkConfig(readExample('live.json'), path.join(EXAMPLES, 'live.json'), {}).problems).toEqual([
    'live.json: owners[0] (park-a): headers.Authorization: environment variable PARK_A_TOKEN is not set',
  ]);
});

it('local.json against the simulator as owner: every parking and kindergarten figure reaches the file', async () => {
  const config = readExample('local.json');
  config.out = path.join(dir, 'availability.json');
  for (const owner of config.owners) owner.url = String(owner.url).replace('http://127.0.0.1:8787/', sim.url);
  const checked = checkConfig(config, path.join(EXAMPLES, 'local.json'));
  expect(checked.problems).toEqual([]);
  const relay = createRelay(checked.config!, { loadServices: () => feedServices(checked.config!.feedDir) });
  expect(await relay.probe()).toEqual([]);
  await relay.flush();
  const written = JSON.parse(readFileSync(path.join(dir, 'availability.json'), 'utf8')) as {
    items: Array<{ serviceId: string; observedAt: string; figures: unknown }>;
  };
  const expected = sim.snapshot().items.filter((i) => i.figures.kind === 'parking' || i.figures.kind === 'kindergarten');
  const byId = new Map(written.items.map((i) => [i.serviceId, i]));
  expect(written.items).toHaveLength(expected.length);
  for (const item of expected) {
    // The owners write whole seconds of wall-clock time: compare to the second.
    expect(byId.get(item.serviceId)?.figures).toEqual(item.figures);
    expect(Date.parse(byId.get(item.serviceId)!.observedAt)).toBe(Math.floor(Date.parse(item.observedAt) / 1000) * 1000);
  }

  // The owner routes break on their own switch; availability.json keeps answering.
  sim.setOwnerFault('500');
  await relay.pollAll();
  expect(relay.counters.owners.get('sim-parking')!.failures.http5xx).toBe(1);
  expect((await fetch(`${sim.url}availability.json`)).status).toBe(200);
  await relay.close();
});
