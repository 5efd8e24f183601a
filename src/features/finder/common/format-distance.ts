/** Distance in the user's language: "350 m" / "1.2 km"; "350 米" / "1.2 公里" (keys finder:distance.*). */
import type { TFunction } from 'i18next';

/** Rounds like a street sign: 10 m steps below 1 km, 0.1 km below 10 km, whole km beyond. */
export function roundDistance(metres: number): { unit: 'm' | 'km'; value: string } {
  if (metres < 995) return { unit: 'm', value: String(Math.max(10, Math.round(metres / 10) * 10)) };
  if (metres < 9950) return { unit: 'km', value: (metres / 1000).toFixed(1) };
  return { unit: 'km', value: String(Math.round(metres / 1000)) };
}

export function formatDistance(metres: number, t: TFunction): string {
  const { unit, value } = roundDistance(metres);
  return t(`finder:distance.${unit}`, { value });
}
