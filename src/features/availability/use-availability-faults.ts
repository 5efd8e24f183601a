/** Live view of the poller's persisted fault counters (settings row `availabilityFaults`). */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../data/db.ts';
import { FAULTS_KEY, readFaults, type AvailabilityFaults } from '../../data/availability-store.ts';

export function useAvailabilityFaults(): AvailabilityFaults | undefined {
  return useLiveQuery(async () => readFaults((await getDb().settings.get(FAULTS_KEY))?.value), []);
}
