/** The feed's services as id → category, read with data:validate's rules (invalid records left out, as the app does). */
import type { Category } from '../../../src/data/categories.ts';
import { readFeed } from '../feed-folder.ts';

export function feedServices(feedDir: string): Map<string, Category> {
  return new Map(readFeed(feedDir).records.map((r) => [r.id, r.category]));
}
