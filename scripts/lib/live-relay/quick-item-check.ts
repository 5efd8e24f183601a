/**
 * A quick yes for the items the relay builds itself, so 100k items a cycle don't all go through valibot.
 * It may only say yes to what the app's own check (validateAvailabilityItem) accepts unchanged: anything
 * unusual — an extra key, a booking URL, a time not in toISOString's form — is "not sure", and the app's
 * check decides and names the reason. The property test in live-relay.test.ts holds it to that: quick yes ⇒
 * the app's check says yes with the very same item.
 */
import type { AvailabilityItem } from '../../../src/data/feed-schema.ts';
import type { Category } from '../../../src/data/categories.ts';
import { MAX_FUTURE_SKEW_MS } from '../../../src/data/feed-time.ts';

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MAX_COUNT = 100_000;

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_COUNT;
const isPlain = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
function onlyKeys(o: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const k in o) if (!allowed.includes(k)) return false;
  return true;
}
/** The items of one answer share their time: the last text read and its instant (NaN: not one). */
let lastInstant = { text: '', t: Number.NaN };
/** A real instant in toISOString's own form (which always names a real date), not after `latest`. */
function isInstant(x: unknown, latest: number): boolean {
  if (typeof x !== 'string') return false;
  if (x !== lastInstant.text) {
    const t = ISO_Z.test(x) ? Date.parse(x) : Number.NaN;
    lastInstant = { text: x, t: !Number.isNaN(t) && new Date(t).toISOString() === x ? t : Number.NaN };
  }
  return !Number.isNaN(lastInstant.t) && lastInstant.t <= latest;
}
const pair = (p: unknown) => isPlain(p) && onlyKeys(p, ['free', 'total']) && isCount(p.free) && isCount(p.total) && p.free <= p.total;

const KG_CLASSES = ['tuoban', 'xiaoban', 'zhongban', 'daban'];
const PARKING_KEYS = ['kind', 'free', 'total', 'evFree', 'evTotal', 'accessibleFree', 'accessibleTotal', 'pricePerHourYuan'];

function figuresFine(f: Record<string, unknown>): boolean {
  switch (f.kind) {
    case 'parking': {
      if (!onlyKeys(f, PARKING_KEYS) || !isCount(f.free) || !isCount(f.total) || f.free > f.total) return false;
      for (const [free, total] of [
        ['evFree', 'evTotal'],
        ['accessibleFree', 'accessibleTotal'],
      ] as const) {
        if (f[free] !== undefined && !isCount(f[free])) return false;
        if (f[total] !== undefined && !isCount(f[total])) return false;
        if (f[free] !== undefined && f[total] !== undefined && (f[free] as number) > (f[total] as number)) return false;
      }
      const price = f.pricePerHourYuan;
      return price === undefined || (typeof price === 'number' && Number.isFinite(price) && price >= 0 && price <= 1000);
    }
    case 'clinic':
      return (
        onlyKeys(f, ['kind', 'appointmentsFree', 'appointmentsTotal']) &&
        isCount(f.appointmentsFree) &&
        isCount(f.appointmentsTotal) &&
        f.appointmentsFree <= f.appointmentsTotal
      );
    case 'elderly_daycare': {
      if (!onlyKeys(f, ['kind', 'places', 'mealsToday']) || !pair(f.places)) return false;
      const meals = f.mealsToday;
      return (
        meals === undefined ||
        (isPlain(meals) &&
          onlyKeys(meals, ['served', 'seatsFree']) &&
          typeof meals.served === 'boolean' &&
          (meals.seatsFree === undefined || isCount(meals.seatsFree)))
      );
    }
    case 'kindergarten': {
      const classes = f.classes;
      return (
        onlyKeys(f, ['kind', 'classes']) &&
        isPlain(classes) &&
        onlyKeys(classes, KG_CLASSES) &&
        Object.values(classes).every((p) => p === undefined || pair(p))
      );
    }
    case 'nursery':
      return (
        onlyKeys(f, ['kind', 'bands']) &&
        Array.isArray(f.bands) &&
        f.bands.every(
          (b: unknown) =>
            isPlain(b) &&
            onlyKeys(b, ['fromMonths', 'toMonths', 'free', 'total']) &&
            isCount(b.fromMonths) &&
            isCount(b.toMonths) &&
            b.fromMonths <= b.toMonths &&
            isCount(b.free) &&
            isCount(b.total) &&
            b.free <= b.total,
        )
      );
    case 'sports_venue':
      // Slot starts may be any time (past or future); a booking URL is for the app's check to judge.
      return (
        onlyKeys(f, ['kind', 'slots']) &&
        Array.isArray(f.slots) &&
        f.slots.every(
          (s: unknown) =>
            isPlain(s) &&
            onlyKeys(s, ['start', 'durationMinutes', 'remaining', 'maximum']) &&
            isInstant(s.start, Infinity) &&
            typeof s.durationMinutes === 'number' &&
            Number.isInteger(s.durationMinutes) &&
            s.durationMinutes >= 5 &&
            s.durationMinutes <= 1440 &&
            isCount(s.remaining) &&
            isCount(s.maximum) &&
            s.remaining <= s.maximum,
        )
      );
    default:
      return false;
  }
}

/** True only when the app's check would accept `raw` as it is; false means "ask the app's check". */
export function quickItemOk(raw: unknown, services: ReadonlyMap<string, Category>, nowMs: number): raw is AvailabilityItem {
  if (!isPlain(raw) || !onlyKeys(raw, ['serviceId', 'observedAt', 'figures'])) return false;
  const { serviceId, observedAt, figures } = raw;
  if (typeof serviceId !== 'string' || serviceId.length > 100) return false;
  if (!isInstant(observedAt, nowMs + MAX_FUTURE_SKEW_MS)) return false;
  if (!isPlain(figures) || services.get(serviceId) !== figures.kind) return false;
  return figuresFine(figures);
}
