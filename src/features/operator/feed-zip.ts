/**
 * Take-away files: the imported list as a zip of a feed folder (services/<town>.json chunks, each with its gzip copy
 * services/<town>.json.gz, and its packed copy services/<town>-packed.json.gz, and manifest.json with their sha256,
 * `gzipPath` and `packedPath`: the layout scripts/lib/feed-writer.ts writes, so `npm run data:validate` accepts it,
 * and apps download the packed copies, about 15× fewer bytes than the JSON and a third less to parse), and
 * the rows to fix as CSV in UTF-8 with a BOM (so Excel opens Chinese text) with the reason in a last column.
 */
import { gzipSync, strToU8, zipSync, type Zippable } from 'fflate';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { FeedManifest, ServiceRecord } from '../../data/feed-schema';
import { packChunk, packedPathOf } from '../../data/packed-chunk';

const hash = (bytes: Uint8Array) => bytesToHex(sha256(bytes));

export function feedZip(records: readonly ServiceRecord[], generatedAt: string, sourceName: string): Uint8Array {
  const byTown = new Map<string, ServiceRecord[]>();
  for (const r of records) byTown.set(r.town, [...(byTown.get(r.town) ?? []), r]);
  const files: Zippable = {};
  const chunks: FeedManifest['chunks'] = [];
  for (const town of [...byTown.keys()].sort()) {
    const path = `services/${town}.json`;
    const gzipPath = `${path}.gz`;
    const services = byTown.get(town)!;
    const bytes = strToU8(JSON.stringify({ town, services }));
    const packedPath = packedPathOf(path);
    const packed = strToU8(JSON.stringify(packChunk({ town, services })));
    files[path] = bytes;
    // as the CLIs write them (level 9, no name, zero time); stored in the zip as they are (compressing gzip gains nothing)
    files[gzipPath] = [gzipSync(bytes, { level: 9, mtime: 0 }), { level: 0 }];
    files[packedPath] = [gzipSync(packed, { level: 9, mtime: 0 }), { level: 0 }];
    chunks.push({ path, town, count: services.length, sha256: hash(bytes), gzipPath, packedPath, packedSha256: hash(packed) });
  }
  const name = sourceName.slice(0, 200) || 'list';
  const manifest: FeedManifest = {
    version: `operator-${hash(strToU8(JSON.stringify([generatedAt, chunks]))).slice(0, 16)}`,
    generatedAt,
    sample: false,
    sources: [{ name: { zh: name, en: name }, licence: 'Stated by the data owner', attribution: name }],
    chunks,
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest));
  return zipSync(files, { level: 6 });
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** The skipped rows as they were read, with the reason last: fix them in Excel and send the file again. */
export function rowsToFixCsv(
  header: readonly string[],
  rows: readonly string[][],
  reasonHeader: string,
  reasons: readonly { row: number; reason: string }[],
): string {
  const lines = [[...header, reasonHeader], ...reasons.map(({ row, reason }) => [...header.map((_, i) => rows[row]?.[i] ?? ''), reason])];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
