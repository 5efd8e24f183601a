/**
 * What a feed of imported real data needs beyond the sample feed, loaded lazily next to the services so
 * the first screen does not carry it: the feed's holiday table (holidays.json) and, when some records are
 * approximate, their list ordering.
 */
import type { ServiceRecord } from '../../data/feed-schema';
import { placeApproximateRows } from './approximate-order';
import { installStoredFeedHolidays } from './feed-holidays';

export async function prepareFeedExtras(records: readonly ServiceRecord[]): Promise<{ placeApproximate?: typeof placeApproximateRows }> {
  await installStoredFeedHolidays();
  return records.some((r) => r.location === 'approximate') ? { placeApproximate: placeApproximateRows } : {};
}
