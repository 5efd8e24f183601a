/**
 * Validation of live availability items: schema (valibot) plus the consistency checks a schema
 * can't express (free ≤ total, the kind matches the service's category, the service exists).
 * Pure functions so the poller, the CLIs and the tests share them.
 */
import * as v from 'valibot';
import { availabilityItemSchema, type AvailabilityItem } from './feed-schema.ts';
import { type Category } from './categories.ts';
import { MAX_FUTURE_SKEW_MS, parseFeedTimestamp } from './feed-time.ts';

/** Every fault the poller counts; shown in Me → Data status. */
export const FAULT_KINDS = [
  'timeout',
  'network',
  'http5xx',
  'httpOther',
  'malformedJson',
  'truncated',
  'unknownService',
  'wrongKind',
  'impossibleNumbers',
  'invalidItem',
  /** availability.sig missing or not by a live key the signed manifest lists (issue 23): the file is ignored. */
  'unverified',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type ItemVerdict = { ok: true; item: AvailabilityItem } | { ok: false; fault: FaultKind; reason: string };

const NUMERIC_ISSUES = new Set(['min_value', 'max_value', 'integer', 'finite', 'number']);

/** Figures that pass the schema but can't be true (more free than exist, inverted bands). */
export function impossibleReason(item: AvailabilityItem): string | null {
  const f = item.figures;
  const over = (free: number, total: number) => free > total;
  switch (f.kind) {
    case 'parking':
      if (over(f.free, f.total)) return 'free > total';
      if (f.evFree !== undefined && f.evTotal !== undefined && over(f.evFree, f.evTotal)) return 'evFree > evTotal';
      if (f.accessibleFree !== undefined && f.accessibleTotal !== undefined && over(f.accessibleFree, f.accessibleTotal))
        return 'accessibleFree > accessibleTotal';
      return null;
    case 'clinic':
      return over(f.appointmentsFree, f.appointmentsTotal) ? 'appointmentsFree > appointmentsTotal' : null;
    case 'elderly_daycare':
      return over(f.places.free, f.places.total) ? 'free > total' : null;
    case 'kindergarten':
      for (const [cls, p] of Object.entries(f.classes)) if (p && over(p.free, p.total)) return `${cls}: free > total`;
      return null;
    case 'nursery':
      for (const b of f.bands) {
        if (over(b.free, b.total)) return 'band free > total';
        if (b.fromMonths > b.toMonths) return 'band fromMonths > toMonths';
      }
      return null;
    case 'sports_venue':
      for (const s of f.slots) if (over(s.remaining, s.maximum)) return 'slot remaining > maximum';
      return null;
  }
}

/**
 * Check one raw item from availability.json against the schema and the loaded services
 * (id → category). Numeric schema failures (negative, fractional, huge) count as impossible numbers.
 */
export function validateAvailabilityItem(raw: unknown, services: ReadonlyMap<string, Category>, nowMs = Date.now()): ItemVerdict {
  const parsed = v.safeParse(availabilityItemSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const numeric = parsed.issues.some((i) => NUMERIC_ISSUES.has(i.type) && typeof i.input === 'number');
    return { ok: false, fault: numeric ? 'impossibleNumbers' : 'invalidItem', reason: issue ? v.getDotPath(issue) + ': ' + issue.message : 'invalid' };
  }
  const item = parsed.output;
  // Same bound as data:validate: a far-future item would otherwise outrank every genuine update after it.
  if (parseFeedTimestamp(item.observedAt) > nowMs + MAX_FUTURE_SKEW_MS) return { ok: false, fault: 'invalidItem', reason: 'observedAt is in the future' };
  const category = services.get(item.serviceId);
  if (!category) return { ok: false, fault: 'unknownService', reason: item.serviceId };
  if (category !== item.figures.kind) return { ok: false, fault: 'wrongKind', reason: `${item.figures.kind} for ${category}` };
  const impossible = impossibleReason(item);
  if (impossible) return { ok: false, fault: 'impossibleNumbers', reason: impossible };
  return { ok: true, item };
}

/**
 * A body that fails JSON.parse is "truncated" when it ends inside a string or with brackets
 * still open (the connection was cut), otherwise "malformed".
 */
export function classifyBadJson(text: string): 'truncated' | 'malformedJson' {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return 'malformedJson';
    }
  }
  const trimmed = text.trimStart();
  const looksLikeJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  return looksLikeJson && (inString || depth > 0) ? 'truncated' : 'malformedJson';
}
