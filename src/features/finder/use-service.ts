/** One service by id: from the in-memory index when built, else straight from IndexedDB (deep link, offline). */
import { useEffect, useState } from 'react';
import type { ServiceRecord } from '../../data/feed-schema';
import { getService } from './finder-data-source';
import { useFinderIndex } from './finder-index-store';

export function useService(id: string): { service: ServiceRecord | undefined; loading: boolean } {
  const index = useFinderIndex();
  const fromIndex = index?.byId.get(id);
  const [fetched, setFetched] = useState<{ id: string; service: ServiceRecord | undefined } | null>(null);
  useEffect(() => {
    if (fromIndex) return;
    let live = true;
    getService(id).then(
      (service) => live && setFetched({ id, service }),
      () => live && setFetched({ id, service: undefined }),
    );
    return () => {
      live = false;
    };
  }, [id, fromIndex]);
  if (fromIndex) return { service: fromIndex, loading: false };
  if (fetched?.id === id) return { service: fetched.service, loading: false };
  return { service: undefined, loading: true };
}
