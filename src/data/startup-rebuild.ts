/**
 * Brings the compact start-up form up to date with the stored chunks: builds the rows that are
 * missing (a device upgraded from schema v2) or stale (an older STARTUP_FORM_VERSION), from the full
 * records. Runs in the sync worker; the finder asks for it when it finds such a row and never reads one.
 */
import { type DgNearbyDb } from './db.ts';
import { META_ID, readableChunk } from './stored-read.ts';
import { buildStartupChunk, isCurrentStartupRow } from './startup-form.ts';

/** Returns how many rows it rebuilt. Chunks the sync has not committed yet are left alone. */
export async function rebuildStartupForms(db: DgNearbyDb): Promise<number> {
  const meta = await db.feedMeta.get(META_ID);
  const summaries = meta?.chunks;
  if (!meta?.version || !summaries) return 0;
  const paths = Object.keys(summaries);
  const existing = await db.startupChunks.bulkGet(paths);
  const outdated = paths.filter((p, i) => !isCurrentStartupRow(existing[i], summaries[p]!));
  if (outdated.length === 0) return 0;
  let written = 0;
  // One chunk at a time: bounded memory, and a sync committing meanwhile is simply rebuilt next time.
  for (const path of outdated) {
    const row = await db.serviceChunks.get(path);
    if (!row) continue;
    // built outside the write: opening a stored file is not IndexedDB work, and a transaction waiting on it commits
    const built = buildStartupChunk(await readableChunk(row));
    await db.transaction('rw', [db.startupChunks, db.feedMeta], async () => {
      const summary = (await db.feedMeta.get(META_ID))?.chunks?.[path];
      if (!summary || row.sha256 !== summary.sha256) return;
      await db.startupChunks.put(built);
      written++;
    });
  }
  return written;
}
