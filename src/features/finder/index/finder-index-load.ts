/**
 * Reads the finder's index from the store (a chunk of its own, with the index code): the compact
 * start-up rows of the towns around the remembered place first, published as a partial index so the
 * first list can be drawn, then the rest. Rows that are missing or of an older form version are
 * rebuilt in the sync worker first, never read.
 */
import { nextTask } from '../../../lib/when-idle';
import type { StartupChunkRow } from '../../../data/startup-form';
import { isCurrentStartupRow } from '../../../data/startup-form';
import { distanceMetres } from '../../../geo/distance';
import { TOWN_BY_CODE } from '../../../geo/towns';
import { buildFromStartupRows } from './finder-index-build';
import { listStoredChunks, readChunk, readStartupRows, type StoredChunk } from '../../../data/stored-read';
import { getFinderState, restoreRememberedPlace } from '../common/finder-store';
import type { FinderIndex } from './finder-index-types';
import { installFeedHolidays } from '../common/open-now';

/** Towns whose label point lies within this distance of the place are read first. */
const FIRST_TOWNS_METRES = 12_000;

/** The chunks to read first: the place's town and the towns around it (all of them when no place is known). */
function firstChunks(chunks: readonly StoredChunk[], place: { lat: number; lon: number; townCode: string | null } | null): Set<string> {
  if (!place) return new Set(chunks.map((c) => c.path));
  const near = chunks.filter((c) => {
    if (c.town === place.townCode) return true;
    const label = TOWN_BY_CODE.get(c.town)?.label;
    return !label || distanceMetres(place.lat, place.lon, label[1], label[0]) <= FIRST_TOWNS_METRES;
  });
  return new Set(near.map((c) => c.path));
}

/** Start-up rows for `chunks`, rebuilding (once, in the sync worker) any that are missing or outdated. */
async function readCurrentRows(chunks: readonly StoredChunk[]): Promise<StartupChunkRow[]> {
  const paths = chunks.map((c) => c.path);
  let rows = await readStartupRows(paths);
  if (rows.some((row, i) => !isCurrentStartupRow(row, chunks[i]!))) {
    const { rebuildStartupRows } = await import('../../../data/startup-rebuild-client');
    await rebuildStartupRows();
    rows = await readStartupRows(paths);
  }
  const bad = rows.findIndex((row, i) => !isCurrentStartupRow(row, chunks[i]!));
  if (bad >= 0) throw new Error(`no current start-up row for ${paths[bad]}`);
  return rows as StartupChunkRow[];
}

/**
 * Loads the index; `publish` gets the partial index (when there is one) and the complete one, and
 * returns false when a newer load has started (this one then stops).
 */
export async function loadFinderIndex(publish: (index: FinderIndex) => boolean): Promise<void> {
  const [chunks, remembered, holidays] = await Promise.all([
    listStoredChunks(),
    restoreRememberedPlace(),
    import('./feed-holidays').then((m) => m.loadFeedHolidays()).catch(() => null),
  ]);
  installFeedHolidays(holidays);
  // The towns around the place in use (one chosen since start-up wins over the remembered one) are read first.
  const place = getFinderState().place ?? remembered;
  // Chunk reads are shared by the partial and the complete index (same path and file = same records).
  const memo = new Map<string, ReturnType<typeof readChunk>>();
  const readOnce = (path: string) => {
    let job = memo.get(path);
    if (!job) memo.set(path, (job = readChunk(path)));
    job.catch(() => memo.delete(path));
    return job;
  };
  if (!chunks || chunks.length === 0) {
    publish({ ...buildFromStartupRows([], readOnce), complete: true });
    return;
  }
  const first = firstChunks(chunks, place);
  const head = chunks.filter((c) => first.has(c.path));
  const tail = chunks.filter((c) => !first.has(c.path));
  // Building an index and drawing the list it feeds are each a sizeable task on a slow phone: a task boundary
  // between them (nextTask) keeps either from holding up a tap.
  const headRows = await readCurrentRows(head);
  const headIndex = buildFromStartupRows(headRows, readOnce);
  await nextTask();
  if (!publish({ ...headIndex, complete: tail.length === 0 }) || tail.length === 0) return;
  const tailRows = await readCurrentRows(tail);
  const wholeIndex = buildFromStartupRows([...headRows, ...tailRows], readOnce);
  await nextTask();
  publish({ ...wholeIndex, complete: true });
}
