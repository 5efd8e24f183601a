/**
 * The signature chain of a sync (issue 23): manifest.sig verified over the manifest's bytes, then every
 * file by its sha256 — against today's sha256 checks alone, on the 100k generated feed (the sample feed
 * with --quick). Same runtime, same run; WebCrypto Ed25519 (the browser's path) and noble (the fallback).
 */
import fs from 'node:fs';
import path from 'node:path';
import { signManifest } from '../../scripts/lib/feed-signing';
import { sha256Hex } from '../../src/data/sha256';
import { verifySignedManifest, type PublicKey } from '../../src/data/feed-signature';
import { buildTrustedKeys } from '../../src/data/feed-trust';
import { testKey } from '../fixtures/signing/test-keys';
import { ensureFeed, ensureSampleFeed, median } from './bench-common';
import { ms, type BenchModule } from './bench-row';

export const runSignatureBench: BenchModule = async ({ quick, log }) => {
  const dir = quick ? ensureSampleFeed(log) : ensureFeed(100_000, log);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    version: string;
    chunks: { path: string; count: number }[];
    files?: Record<string, string>;
  };
  const key = await testKey('publish');
  const signed = await signManifest({ ...manifest, version: '1' }, key, { now: new Date() });
  const keys: PublicKey[] = buildTrustedKeys(key.publicKeyLine);
  const files = [...manifest.chunks.map((c) => c.path), ...Object.keys(manifest.files ?? {})].map((p) =>
    fs.readFileSync(path.join(dir, p)),
  );
  const services = manifest.chunks.reduce((s, c) => s + c.count, 0);
  const bytes = files.reduce((s, f) => s + f.length, 0) + signed.manifestBytes.length;

  const shaAll = async () => {
    await sha256Hex(signed.manifestBytes);
    for (const f of files) await sha256Hex(f);
  };
  const verify = async (engine: 'webcrypto' | 'noble') => {
    const verdict = await verifySignedManifest(signed.manifestBytes, signed.manifest, signed.signatureText, keys, engine);
    if (!verdict.ok) throw new Error(verdict.reason);
  };
  const time = async (fn: () => Promise<void>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  /** One signature check is short: the median of 25 back-to-back calls, so a scheduler hiccup does not count as signing cost. */
  const timeEach = async (fn: () => Promise<void>) => {
    const xs: number[] = [];
    for (let i = 0; i < 25; i++) xs.push(await time(fn));
    return median(xs);
  };
  const rounds = quick ? 5 : 9;
  const base: number[] = [];
  const chainWeb: number[] = [];
  const chainNoble: number[] = [];
  const sigWeb: number[] = [];
  const sigNoble: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const b = await time(shaAll);
    const w = await timeEach(() => verify('webcrypto'));
    const n = await timeEach(() => verify('noble'));
    const cw = await time(async () => (await verify('webcrypto'), await shaAll()));
    const cn = await time(async () => (await verify('noble'), await shaAll()));
    if (r === 0) continue; // warm-up
    base.push(b);
    sigWeb.push(w);
    sigNoble.push(n);
    chainWeb.push(cw);
    chainNoble.push(cn);
  }
  const [b, w, n, cw, cn] = [base, sigWeb, sigNoble, chainWeb, chainNoble].map(median) as [number, number, number, number, number];
  const extra = cw - b;
  const label = quick ? `sample feed (${services} services)` : '100k generated feed';
  return [
    {
      id: quick ? 'signature-sample' : 'signature-100k',
      name: `Signed feed check, ${label}`,
      what: `manifest.sig (Ed25519) + sha256 of every file (${(bytes / 1024 / 1024).toFixed(1)} MB), Node ${process.versions.node}`,
      runs: `median of ${rounds}`,
      project: `${ms(cw)} (signature alone ${ms(w)} WebCrypto, ${ms(n)} noble; chain with noble ${ms(cn)})`,
      baseline: `sha256 checks only ${ms(b)}`,
      ratio: `signature +${ms(w)} on ${ms(b)} of sha256 (${((w / b) * 100).toFixed(1)}%); chain − sha256 alone ${extra >= 0 ? '+' : '−'}${ms(Math.abs(extra))} (noise)`,
      target: 'the signature adds ≤ 10 ms',
      met: w <= 10 && n <= 10,
      data: { services, bytes, shaMs: b, chainWebCryptoMs: cw, chainNobleMs: cn, signatureWebCryptoMs: w, signatureNobleMs: n },
    },
  ];
};
