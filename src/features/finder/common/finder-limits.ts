/** The list shows the nearest PAGE_SIZE within NEARBY_METRES first; "show more" adds a page. */
export const PAGE_SIZE = 50;
export const NEARBY_METRES = 5000;
/** Search shows at most this many hits. */
export const SEARCH_LIMIT = 300;
/** The 10-minute circle: an 800 m walk. */
export const WALK_METRES = 800;
