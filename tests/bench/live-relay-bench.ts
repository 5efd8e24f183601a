/**
 * live:relay under a city's load (issue 24): 100k services across 30 owners (20 car-park JSON APIs, 10
 * kindergarten CSVs), every owner's figures and times changing each minute. One cycle = every owner polled
 * once + the merged file written. Measured in this process (the owners run in a child, live-owners-child.ts):
 * the relay's CPU per cycle (process.cpuUsage, user + system) and the write time (serialise + temp file +
 * rename); then what a phone downloads per poll of the written file from an ETag-aware static host with gzip,
 * after a change (200) and without one (304), against the baseline of a host without ETag (the whole file each time).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request, createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Category } from '../../src/data/categories.ts';
import { checkConfig } from '../../scripts/lib/live-relay/config.ts';
import { createRelay } from '../../scripts/lib/live-relay/relay.ts';
import { median, round } from './bench-common';
import { ms, times, type BenchModule } from './bench-row';

const OWNERS = 30;
const CSV_OWNERS = 10;

/** Starts the owners' child process; resolves with its URL and a stop function. */
async function startOwners(services: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/bench/live-owners-child.ts', String(services), String(OWNERS), String(CSV_OWNERS)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /OWNERS_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`owners child exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Bytes on the wire for one GET of the file (status line, headers, gzip body), with or without If-None-Match. */
function download(url: string, etag?: string): Promise<{ status: number; bytes: number; etag: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent: false, headers: { 'Accept-Encoding': 'gzip', ...(etag ? { 'If-None-Match': etag } : {}) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: res.socket.bytesRead, etag: res.headers.etag }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A static host as a CDN serves the file: gzip, strong ETag of the bytes, 304 on a match (or no ETag at all, the baseline). */
function staticHost(file: string) {
  return createServer(async (req, res) => {
    const body = await readFile(file);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    const withEtag = !req.url?.includes('no-etag');
    if (withEtag && req.headers['if-none-match'] === etag)
      return void res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
    const gz = zlib.gzipSync(body, { level: 6 });
    res
      .writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Content-Length': gz.length,
        'Cache-Control': 'no-cache',
        ...(withEtag ? { ETag: etag } : {}),
      })
      .end(gz);
  });
}

export const runLiveRelayBench: BenchModule = async ({ quick, log }) => {
  const services = quick ? 20_000 : 100_000;
  const cycles = quick ? 3 : 5;
  const dir = await mkdtemp(path.join(tmpdir(), 'live-relay-bench-'));
  const owners = await startOwners(services);
  try {
    await writeFile(path.join(dir, 'manifest.json'), '{}'); // the feed folder must exist; the services come from the map below
    const per = Math.ceil(services / OWNERS);
    const serviceMap = new Map<string, Category>();
    for (let i = 0; i < services; i++) serviceMap.set(`b-${i}`, Math.floor(i / per) >= OWNERS - CSV_OWNERS ? 'kindergarten' : 'parking');
    const ownerConfigs = Array.from({ length: OWNERS }, (_, o) =>
      o >= OWNERS - CSV_OWNERS
        ? {
            id: `kg-${o}`,
            url: `${owners.url}owner/${o}.csv`,
            format: 'csv',
            kind: 'kindergarten',
            every: 60,
            map: {
              serviceId: 'code',
              idPrefix: 'b-',
              xiaobanFree: 'xiaoban_free',
              xiaobanTotal: 'xiaoban_total',
              dabanFree: 'daban_free',
              dabanTotal: 'daban_total',
              observedAt: 'updated',
              timezone: 'Asia/Shanghai',
            },
          }
        : {
            id: `park-${o}`,
            url: `${owners.url}owner/${o}.json`,
            format: 'json',
            items: '$.data.lots[*]',
            kind: 'parking',
            every: 60,
            map: {
              serviceId: 'lotCode',
              idPrefix: 'b-',
              free: 'freeSpaces',
              total: 'capacity',
              observedAt: 'updateTime',
              timezone: 'Asia/Shanghai',
            },
          },
    );
    const checked = checkConfig(
      { feed: dir, out: path.join(dir, 'availability.json'), pollSeconds: 60, owners: ownerConfigs },
      path.join(dir, 'live.json'),
    );
    if (!checked.config) throw new Error(checked.problems.join('; '));
    const relay = createRelay(checked.config, { loadServices: () => serviceMap });
    const problems = await relay.probe();
    if (problems.length) throw new Error(problems.join('; '));
    await relay.flush(); // warm-up cycle: the first answers and the first write

    const cpu: number[] = [];
    const wall: number[] = [];
    const write: number[] = [];
    for (let c = 0; c < cycles; c++) {
      await fetch(`${owners.url}__advance`, { method: 'POST' }).then((r) => r.text()); // a minute passes at every owner
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await relay.pollAll();
      await relay.flush();
      wall.push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      cpu.push((used.user + used.system) / 1000);
      write.push(relay.counters.lastWriteSeconds * 1000);
    }
    // A cycle where no owner changed: every answer is a 304 and nothing is written.
    const cpuIdle0 = process.cpuUsage();
    const writesBefore = relay.counters.writes;
    await relay.pollAll();
    await relay.flush();
    const idle = process.cpuUsage(cpuIdle0);
    const idleCpuMs = (idle.user + idle.system) / 1000;
    if (relay.counters.writes !== writesBefore) throw new Error('a cycle without changes wrote the file');
    const accepted = [...relay.counters.owners.values()].reduce((a, o) => a + o.accepted, 0);
    const rejected = [...relay.counters.owners.values()].reduce((a, o) => a + Object.values(o.rejected).reduce((x, y) => x + y, 0), 0);
    const items = relay.counters.outputItems;
    const fileBytes = relay.counters.outputBytes;
    await relay.close();

    // What a phone downloads per poll.
    const host = staticHost(checked.config.outFile);
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const address = host.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/availability.json`;
    const changed = await download(base);
    const unchanged = await download(base, changed.etag);
    const baselineNoEtag = await download(`${base}?no-etag`);
    host.close();
    if (unchanged.status !== 304) throw new Error(`expected 304, got ${unchanged.status}`);

    const cpuMs = median(cpu);
    const writeMs = median(write);
    log(
      `  live-relay: ${items} items (${accepted} accepted, ${rejected} rejected), cpu/cycle ${cpu.map((x) => x.toFixed(0)).join(' ')} ms, write ${write.map((x) => x.toFixed(0)).join(' ')} ms, idle ${idleCpuMs.toFixed(0)} ms`,
    );
    const data = {
      services,
      owners: OWNERS,
      cycles,
      items,
      fileBytes,
      cpuMsPerCycle: cpu.map((x) => round(x, 1)),
      wallMsPerCycle: wall.map((x) => round(x, 1)),
      writeMs: write.map((x) => round(x, 1)),
      idleCycleCpuMs: round(idleCpuMs, 1),
      phoneBytes: { changed: changed.bytes, unchanged: unchanged.bytes, noEtagHost: baselineNoEtag.bytes },
    };
    return [
      {
        id: 'live-relay-cycle',
        name: `Live relay, ${services / 1000}k services / ${OWNERS} owners`,
        what: 'relay CPU per cycle (all owners changed: fetch, parse, map, app item check, merge) and the output write',
        runs: `${cycles} cycles (median) after a warm-up`,
        project: `CPU ${ms(cpuMs)} per cycle; write ${ms(writeMs)} (${(fileBytes / 1e6).toFixed(1)} MB); unchanged cycle ${ms(idleCpuMs)}`,
        baseline: 'budget 1 s CPU per cycle',
        ratio: `${Math.round((cpuMs / 1000) * 100)}% of the budget`,
        target: '< 1 s CPU per cycle',
        met: cpuMs < 1000,
        note: `Owners served from a child process (their CPU not counted); wall time per cycle in data. Load average at the end: ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')} on ${cpus().length} cores.`,
        data,
      },
      {
        id: 'live-relay-phone-bytes',
        name: `Live relay, bytes per phone poll (${services / 1000}k items)`,
        what: 'bytes on the wire for one poll of availability.json from an ETag-aware gzip host: after a change (200) and without one (304)',
        runs: '1 each',
        project: `${(changed.bytes / 1024).toFixed(0)} KiB after a change; ${unchanged.bytes} B without one (304)`,
        baseline: `host without ETag: ${(baselineNoEtag.bytes / 1024).toFixed(0)} KiB every poll`,
        ratio: `${times(baselineNoEtag.bytes / unchanged.bytes)} fewer bytes per unchanged poll`,
        target: 'unchanged poll < 1 KB',
        met: unchanged.bytes < 1024,
        note: 'A phone near one town still downloads the whole city file after a change: splitting availability by town is the next step at this scale.',
        data: data.phoneBytes,
      },
    ];
  } finally {
    await owners.stop();
    await rm(dir, { recursive: true, force: true });
  }
};
