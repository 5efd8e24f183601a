/** One service by id, from the finder's index: its town chunk is read from IndexedDB if not in memory yet (deep link, offline). */
import { useEffect, useState } from 'react';
import type { ServiceRecord } from '../../../data/feed-schema';
import { useFinderIndex, useFinderIndexLoaded } from '../index/finder-index-store';

export function useService(id: string): { service: ServiceRecord | undefined; loading: boolean } {
  const index = useFinderIndex();
  const loaded = useFinderIndexLoaded();
  const at = index?.compact.indexOfId(id);
  const inMemory = at === undefined ? undefined : index?.records.recordAt(at);
  const [read, setRead] = useState<{ id: string; service: ServiceRecord | undefined } | null>(null);
  useEffect(() => {
    if (!index || at === undefined || inMemory) return;
    let live = true;
    index.records.load([at]).then(
      () => live && setRead({ id, service: index.records.recordAt(at) }),
      () => live && setRead({ id, service: undefined }),
    );
    return () => {
      live = false;
    };
  }, [id, index, at, inMemory]);
  if (inMemory) return { service: inMemory, loading: false };
  if (read?.id === id) return { service: read.service, loading: false };
  // Not in a complete index: there is no such service (a partial index may still find it).
  if (loaded && (!index || (at === undefined && index.complete))) return { service: undefined, loading: false };
  return { service: undefined, loading: true };
}
