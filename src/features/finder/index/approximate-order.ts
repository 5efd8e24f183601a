/**
 * Records placed at their town's representative point (location: "approximate") have no real
 * distance: they leave the distance order and follow the last exact row of their town, without a
 * distance. Towns with no exact row in the list keep their approximate rows where they fell.
 */
/** Works on any row shape: the finder orders index hits before it reads their records. */
export function placeApproximate<R extends { metres: number | null }>(
  rows: R[],
  isApproximate: (r: R) => boolean,
  townOf: (r: R) => string,
): R[] {
  if (!rows.some(isApproximate)) return rows;
  const last = new Map<string, number>();
  rows.forEach((r, i) => isApproximate(r) || last.set(townOf(r), i));
  // Sort keys: an exact row keeps its place; an approximate one goes just after its town's last exact row (stable).
  return rows
    .map((r, i) => (isApproximate(r) ? { k: (last.get(townOf(r)) ?? i) + 0.5, r: { ...r, metres: null } } : { k: i, r }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.r);
}
