/** What the badge and the panel both need: this service's stored figures, how fresh they are now, and whether we are online. */
import type { ServiceRecord } from '../../data/feed-schema.ts';
import { type Freshness, freshnessOf } from './freshness.ts';
import { useAvailability } from './has-availability.ts';
import { useOnlineStatus } from '../../pwa/use-online-status.ts';
import { useNow } from './use-now.ts';

export function useServiceAvailability(service: ServiceRecord) {
  const now = useNow();
  const online = useOnlineStatus();
  const item = useAvailability(service.id);
  const freshness: Freshness = freshnessOf(item, service.category, now);
  return { now, online, item, freshness };
}
