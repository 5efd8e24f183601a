/** settings row holding the feed's holiday table (holidays.json): written by the sync, read by the finder. */
export const FEED_HOLIDAYS_KEY = 'feed.holidays';
