/** Validating a feed folder on disk with the shared, runtime-agnostic validator. Node-only. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { AvailabilityItem, FeedManifest, ServiceRecord } from '../../src/data/feed-schema.ts';
import { validateAvailabilityItem, validateFeed, validateServiceRecord, type FeedReport } from '../../src/data/validate-feed.ts';
import { sha256 } from './feed-writer.ts';
import { checkManifest, decodeFeedJson } from '../../src/data/feed-structure.ts';
import type { PublicKey } from '../../src/data/feed-signature.ts';

/** A feed file as JSON with the validator's reading rules (strict UTF-8, BOM allowed); throws one line. */
function readFeedJson(root: string, path: string): unknown {
  const decoded = decodeFeedJson(readFileSync(join(root, path)), Infinity);
  if (!decoded.ok) throw new Error(`${path}: ${decoded.reason}`);
  return decoded.value;
}

/** Reads files below `root` only (a manifest cannot point the validator at ../../etc/passwd). */
export function folderReader(root: string) {
  const base = resolve(root);
  return async (path: string): Promise<Uint8Array | null> => {
    const full = resolve(join(base, path));
    if (!full.startsWith(base + sep)) throw new Error('path leaves the feed folder');
    return existsSync(full) && statSync(full).isFile() ? readFileSync(full) : null;
  };
}

export function validateFolder(root: string, now?: Date, trustedKeys?: readonly PublicKey[]): Promise<FeedReport> {
  return validateFeed({
    read: folderReader(root),
    sha256: async (b) => sha256(b),
    ...(now ? { now } : {}),
    ...(trustedKeys ? { trustedKeys } : {}),
  });
}

/** Valid records and availability items of a feed folder (invalid ones are left out, as the app does). */
export function readFeed(root: string): { records: ServiceRecord[]; availability: AvailabilityItem[]; manifest: FeedManifest } {
  const manifest = readManifest(root);
  const records: ServiceRecord[] = [];
  const categories = new Map<string, ServiceRecord['category']>();
  for (const chunk of manifest.chunks) {
    const file = readFeedJson(root, chunk.path) as { services?: unknown } | null;
    if (!Array.isArray(file?.services)) throw new Error(`${chunk.path}: not a service chunk (see npm run data:validate)`);
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
    const file = readFeedJson(root, 'availability.json') as { items?: unknown } | null;
    for (const raw of Array.isArray(file?.items) ? file.items : []) {
      const res = validateAvailabilityItem(raw, (id) => categories.get(id), Date.now());
      if (res.ok) availability.push(res.item);
    }
  }
  return { records, availability, manifest };
}

/** The checked manifest of a feed folder; throws one line when it is missing or invalid. */
export function readManifest(root: string): FeedManifest {
  const checked = checkManifest(readFeedJson(root, 'manifest.json'));
  const problem = checked.problems[0];
  if (problem || !checked.manifest)
    throw new Error(`manifest.json: ${problem ? `${problem.path}: ${problem.reason}` : 'invalid'} (see npm run data:validate)`);
  return checked.manifest;
}
