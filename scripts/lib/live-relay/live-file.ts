/**
 * The relay's output on disk: availability.json in the feed's own shape, replaced atomically (a temp
 * file in the same folder, then rename) so a CDN or a phone never reads half a file, and read back on
 * restart so the last good figures survive. With a signer, a detached signature of exactly the bytes
 * written goes beside it (availability.sig), replaced the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AvailabilityItem } from '../../../src/data/feed-schema.ts';
import type { Category } from '../../../src/data/categories.ts';
import { validateAvailabilityItem } from '../../../src/data/availability-validate.ts';

/** Detached signature text of the bytes (the trust issue's live key; see scripts/lib/feed-signing.ts). */
export type Signer = (bytes: Uint8Array) => Promise<string>;

/** The file the app polls: pollSeconds is at least 5 (the app's own bound). */
export function renderLiveFile(items: Iterable<AvailabilityItem>, pollSeconds: number, now: Date): Uint8Array {
  const sorted = [...items].sort((a, b) => (a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : 0));
  return Buffer.from(JSON.stringify({ generatedAt: now.toISOString(), pollSeconds: Math.max(5, pollSeconds), items: sorted }));
}

export const signaturePath = (outFile: string) => outFile.replace(/\.json$/, '') + '.sig';

async function replaceFile(file: string, data: Uint8Array | string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => {});
    throw e;
  }
}

/**
 * Writes the file, then its signature. The signature is made before either rename, so a signer that
 * fails leaves both old files in place; between the two renames a reader can see a new file with the
 * old signature for a moment, which it must treat as "not yet signed" and fetch again.
 */
export async function writeLiveFile(outFile: string, bytes: Uint8Array, sign?: Signer): Promise<void> {
  await mkdir(path.dirname(outFile), { recursive: true });
  const signature = sign ? await sign(bytes) : undefined;
  await replaceFile(outFile, bytes);
  if (signature !== undefined) await replaceFile(signaturePath(outFile), signature);
}

/** The items of a previous run's file that still pass the app's check against today's feed. */
export function readLiveFile(
  outFile: string,
  services: ReadonlyMap<string, Category>,
  nowMs: number,
): { items: AvailabilityItem[]; dropped: number } {
  if (!existsSync(outFile)) return { items: [], dropped: 0 };
  let doc: { items?: unknown };
  try {
    doc = JSON.parse(readFileSync(outFile, 'utf8')) as { items?: unknown };
  } catch {
    // Our own writes are atomic: an unreadable file was put there by something else. Start empty; it is replaced at the first write.
    return { items: [], dropped: 0 };
  }
  const items: AvailabilityItem[] = [];
  let dropped = 0;
  for (const raw of Array.isArray(doc?.items) ? doc.items : []) {
    const verdict = validateAvailabilityItem(raw, services, nowMs);
    if (verdict.ok) items.push(verdict.item);
    else dropped++;
  }
  return { items, dropped };
}
