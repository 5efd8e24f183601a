/**
 * Edits of a feed's chunks in the e2e tests, written as the feed writers write them: the chunk's JSON, its gzip copy
 * and its packed copy (the file the app downloads first, src/data/packed-chunk.ts), with the entry's hashes.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { packChunk, type ChunkFile } from '../../src/data/packed-chunk';

export interface ChunkFilesEntry {
  path: string;
  sha256: string;
  gzipPath?: string;
  packedPath?: string;
  packedSha256?: string;
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Sets a chunk's JSON and the copies its entry names; the entry's `sha256` and `packedSha256` follow. */
export function setChunkFiles(files: Map<string, Buffer>, entry: ChunkFilesEntry, bytes: Buffer): void {
  files.set(entry.path, bytes);
  entry.sha256 = sha(bytes);
  if (entry.gzipPath) files.set(entry.gzipPath, gzipSync(bytes, { level: 9 }));
  if (entry.packedPath) {
    const packed = JSON.stringify(packChunk(JSON.parse(bytes.toString('utf8')) as ChunkFile));
    files.set(entry.packedPath, gzipSync(packed, { level: 9 }));
    entry.packedSha256 = sha(packed);
  }
}

/** The file of a chunk the app downloads: its packed copy, else its gzip copy, else its JSON. */
export const downloadedFile = (entry: ChunkFilesEntry): string => entry.packedPath ?? entry.gzipPath ?? entry.path;
