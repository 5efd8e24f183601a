/** Validating a feed folder on disk with the shared, runtime-agnostic validator. Node-only. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { AvailabilityItem, FeedManifest, ServiceRecord } from '../../src/data/feed-schema.ts';
import { validateAvailabilityItem, validateFeed, validateServiceRecord, type FeedReport } from '../../src/data/validate-feed.ts';
import { sha256 } from './feed-writer.ts';

/** Reads files below `root` only (a manifest cannot point the validator at ../../etc/passwd). */
export function folderReader(root: string) {
  const base = resolve(root);
  return async (path: string): Promise<Uint8Array | null> => {
    const full = resolve(join(base, path));
    if (!full.startsWith(base + sep)) throw new Error('path leaves the feed folder');
    return existsSync(full) && statSync(full).isFile() ? readFileSync(full) : null;
  };
}

export function validateFolder(root: string, now?: Date): Promise<FeedReport> {
  return validateFeed({ read: folderReader(root), sha256: async (b) => sha256(b), ...(now ? { now } : {}) });
}

/** Valid records and availability items of a feed folder (invalid ones are left out, as the app does). */
export function readFeed(root: string): { records: ServiceRecord[]; availability: AvailabilityItem[] } {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as FeedManifest;
  const records: ServiceRecord[] = [];
  const categories = new Map<string, ServiceRecord['category']>();
  for (const chunk of manifest.chunks) {
    const file = JSON.parse(readFileSync(join(root, chunk.path), 'utf8')) as { services: unknown[] };
    for (const raw of file.services) {
      const res = validateServiceRecord(raw);
      if (res.ok && !categories.has(res.record.id)) {
        records.push(res.record);
        categories.set(res.record.id, res.record.category);
      }
    }
  }
  const availability: AvailabilityItem[] = [];
  const availPath = join(root, 'availability.json');
  if (existsSync(availPath)) {
    const file = JSON.parse(readFileSync(availPath, 'utf8')) as { items?: unknown[] };
    for (const raw of file.items ?? []) {
      const res = validateAvailabilityItem(raw, (id) => categories.get(id), Date.now());
      if (res.ok) availability.push(res.item);
    }
  }
  return { records, availability };
}
