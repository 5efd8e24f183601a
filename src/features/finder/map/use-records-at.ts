/**
 * The full records of a few services (the selected card, a co-located list), read through the index's
 * record cache one town chunk at a time; re-renders the caller once they are in.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ServiceRecord } from '../../../data/feed-schema';
import type { FinderIndex } from '../index/finder-index-types';

export function useRecordsAt(index: FinderIndex | null, numbers: readonly number[]): (ServiceRecord | undefined)[] {
  const [version, setVersion] = useState(0);
  const key = numbers.join(',');
  useEffect(() => {
    if (!index || numbers.every((n) => index.records.recordAt(n))) return;
    let live = true;
    index.records.load(numbers).then(
      () => live && setVersion((v) => v + 1),
      () => {}, // the index is rebuilt when the stored feed changes
    );
    return () => {
      live = false;
    };
    // key stands for numbers (a new array each render)
  }, [index, key]);
  // version is a dependency on purpose: it changes when the missing records have been read.
  return useMemo(() => numbers.map((n) => index?.records.recordAt(n)), [index, key, version]);
}
