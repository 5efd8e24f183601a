/**
 * The service categories, as plain constants: the first screen needs them without feed-schema.ts, which
 * builds every valibot schema when imported. feed-schema.ts imports and re-exports them (same names).
 */
export const CATEGORIES = [
  'kindergarten',
  'clinic',
  'nursery',
  'elderly_daycare',
  'sports_venue',
  'parking',
] as const;
export type Category = (typeof CATEGORIES)[number];

