/** The full records of a few services on the map (the selected card, a co-located list), once they are read. */
import { useMemo } from 'react';
import type { ServiceRecord } from '../../../data/feed-schema';
import type { FinderIndex } from '../index/finder-index-types';
import { useRecordsLoaded } from '../index/use-records-loaded';

export function useRecordsAt(index: FinderIndex | null, numbers: readonly number[]): (ServiceRecord | undefined)[] {
  const version = useRecordsLoaded(index, numbers);
  const key = numbers.join(',');
  // key stands for numbers and version changes when the missing records have been read: both on purpose
  return useMemo(() => numbers.map((n) => index?.records.recordAt(n)), [index, key, version]);
}
