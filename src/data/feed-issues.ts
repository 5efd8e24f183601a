/**
 * Valibot issues turned into short, one-line problem text: JSON paths ("$.services[3].name.zh"), a
 * precise reason, and every value escaped and cut so a hostile feed cannot forge or flood output lines.
 */
import type * as v from 'valibot';

export interface RecordIssue {
  /** JSON path inside the record, e.g. "$.name.zh". */
  path: string;
  reason: string;
}

/** Longest a single field of a problem line may be; a feed value can be megabytes long. */
export const MAX_FIELD_CHARS = 200;

/**
 * One field of a problem line: control characters and line separators escaped (a newline in a feed
 * value must not start a second line), long values cut with "…".
 */
export function lineField(text: string, max = MAX_FIELD_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

type PathItem = { key: unknown };

/** Turns a valibot issue path into a JSON path relative to `base` ("$" or "$.services[3]"). */
export function jsonPath(base: string, path: readonly PathItem[] | undefined): string {
  let out = base;
  for (const item of path ?? []) {
    const key = (item as PathItem | null)?.key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(safeString(key).slice(0, MAX_FIELD_CHARS))}]`;
  }
  return out;
}

/** String(x) for anything, even objects whose toString throws or is not a function. */
export function safeString(x: unknown): string {
  try {
    return String(x);
  } catch {
    try {
      return Object.prototype.toString.call(x);
    } catch {
      return '?';
    }
  }
}

export function issuesOf(base: string, issues: readonly v.BaseIssue<unknown>[]): RecordIssue[] {
  return issues.map((issue) => ({ path: jsonPath(base, issue.path as PathItem[] | undefined), reason: reasonOf(issue) }));
}

/** Valibot messages are long for picklists; keep the line short and precise. */
function reasonOf(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'missing required field';
  if (issue.type === 'picklist' || issue.type === 'variant') return `unknown value ${lineField(issue.received, 80)}`;
  if (issue.type === 'custom' || issue.type === 'strict_tuple') return issue.message;
  if (issue.type === 'strict_object') return `unknown field ${lineField(issue.received, 80)}`;
  if (issue.kind === 'schema') return `wrong type: expected ${lineField(issue.expected ?? '?', 80)}, got ${lineField(issue.received, 80)}`;
  return lineField(issue.message, 300);
}

