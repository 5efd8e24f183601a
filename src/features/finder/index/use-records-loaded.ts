/**
 * Reads the full records of some services (the rows a list shows, a map's selected pin) through the index's record
 * cache, one town chunk at a time, when any of them is not in memory yet. Returns a counter that changes once they
 * are in: callers put it in their dependency lists and read the records again. A failed read leaves them missing
 * (the index is rebuilt when the stored feed changes).
 */
import { useEffect, useState } from 'react';
import type { FinderIndex } from './finder-index-types';

export function useRecordsLoaded(index: FinderIndex | null, numbers: readonly number[] | null): number {
  const [version, setVersion] = useState(0);
  const key = numbers?.join(',') ?? '';
  useEffect(() => {
    if (!index || !numbers || numbers.every((n) => index.records.recordAt(n))) return;
    let live = true;
    index.records.load(numbers).then(
      () => live && setVersion((v) => v + 1),
      () => {},
    );
    return () => {
      live = false;
    };
    // key stands for numbers (often a new array each render)
  }, [index, key]);
  return version;
}
