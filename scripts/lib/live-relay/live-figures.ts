/**
 * The merged figures: one item per service, each remembered with the owner that sent it. An owner's
 * good answer replaces its own items; a failing owner's items stay exactly as they were (with their
 * own observedAt, so the app greys them as they age). A figure never moves backwards in time and one
 * owner never overwrites another's service.
 */
import type { AvailabilityItem } from '../../../src/data/feed-schema.ts';

/** `at`: observedAt in ms, parsed once when stored. */
type Held = { item: AvailabilityItem; owner: string | null; at: number };
export type MergeReject = 'duplicate' | 'ownedByOther' | 'older';

export type LiveFigures = {
  /** Items read back from a previous run: owner unknown, any owner may renew them. */
  adopt(items: readonly AvailabilityItem[]): void;
  /** Applies one owner's checked items; returns how many changed and the ones refused. */
  apply(owner: string, items: readonly AvailabilityItem[]): { changed: number; rejected: Partial<Record<MergeReject, number>> };
  /** Is this exactly the item held for its service, from this owner (already checked when it was stored)? */
  holds(owner: string, item: { serviceId: string; observedAt: string; figures: unknown }): boolean;
  /** Drops items whose service left the feed or changed category (after the feed was republished). */
  retain(keep: (item: AvailabilityItem) => boolean): number;
  items(): IterableIterator<AvailabilityItem>;
  readonly size: number;
};

export function createLiveFigures(): LiveFigures {
  const held = new Map<string, Held>();
  return {
    adopt(items) {
      for (const item of items) held.set(item.serviceId, { item, owner: null, at: Date.parse(item.observedAt) });
    },
    apply(owner, items) {
      let changed = 0;
      const rejected: Partial<Record<MergeReject, number>> = {};
      const refuse = (r: MergeReject) => (rejected[r] = (rejected[r] ?? 0) + 1);
      const seen = new Set<string>();
      for (const item of items) {
        if (seen.has(item.serviceId)) {
          refuse('duplicate');
          continue;
        }
        seen.add(item.serviceId);
        const before = held.get(item.serviceId);
        if (before?.owner != null && before.owner !== owner) {
          refuse('ownedByOther');
          continue;
        }
        const at = Date.parse(item.observedAt);
        if (before && before.at > at) {
          refuse('older');
          continue;
        }
        // Same time and same figures: nothing to write (figures are compared only when the time is the same).
        if (before && before.at === at && JSON.stringify(before.item.figures) === JSON.stringify(item.figures)) {
          if (before.owner === null) before.owner = owner;
          continue;
        }
        held.set(item.serviceId, { item, owner, at });
        changed++;
      }
      return { changed, rejected };
    },
    holds(owner, item) {
      const h = held.get(item.serviceId);
      return (
        h !== undefined &&
        h.owner === owner &&
        h.item.observedAt === item.observedAt &&
        JSON.stringify(h.item.figures) === JSON.stringify(item.figures)
      );
    },
    retain(keep) {
      let dropped = 0;
      for (const [id, h] of held)
        if (!keep(h.item)) {
          held.delete(id);
          dropped++;
        }
      return dropped;
    },
    *items() {
      for (const h of held.values()) yield h.item;
    },
    get size() {
      return held.size;
    },
  };
}
