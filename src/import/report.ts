/**
 * The import report: what was read, what was imported, what was skipped and why, and for imported
 * records every field that was dropped or changed, by reason, with up to five example ids per reason.
 * Written as import-report.json next to the feed and printed as a short summary.
 */
import { oneLine } from '../lib/one-line.ts';
import { crsAutoLine, type CrsAutoJson } from './crs-shares.ts';

export const MAX_EXAMPLES = 5;

export interface ReasonCount {
  count: number;
  examples: string[];
}

export interface ImportReportJson {
  generatedAt: string;
  from: string;
  crs: string;
  inputs: string[];
  read: number;
  imported: number;
  skipped: Record<string, ReasonCount>;
  /** "field: reason" → count and examples, for records that were imported. */
  fields: Record<string, ReasonCount>;
  /** File-level notes (unmapped columns, unknown sheet …). */
  notes: string[];
  /** Source fields with no place in the feed (e.g. OSM tags like operator or wikidata), with how many imported records had them. */
  notImported: Record<string, number>;
  /** `--crs auto`: the share of points inside their stated town per coordinate system (percent), and the one chosen. */
  crsAuto?: CrsAutoJson;
}

const bump = (table: Map<string, ReasonCount>, key: string, example: string) => {
  let entry = table.get(key);
  if (!entry) table.set(key, (entry = { count: 0, examples: [] }));
  entry.count++;
  // Examples are ids from the input, which can be anything: keep them short and on one line.
  if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(oneLine(example, 160));
};

export class ImportReport {
  read = 0;
  imported = 0;
  private readonly skips = new Map<string, ReasonCount>();
  private readonly changes = new Map<string, ReasonCount>();
  readonly notes: string[] = [];
  private readonly unused = new Map<string, number>();
  /** Set by `--crs auto` (and the operator page) once the system is decided. */
  crsAuto?: CrsAutoJson;

  constructor(
    readonly from: string,
    public crs: string,
    readonly inputs: string[],
  ) {}

  skip(reason: string, ref: string): void {
    bump(this.skips, reason, ref);
  }

  /** A field of an imported record was dropped or changed: `field(…, 'phone', 'extension kept')`. */
  field(ref: string, field: string, reason: string): void {
    bump(this.changes, `${field}: ${reason}`, ref);
  }

  /** A source field of an imported record that the feed has no place for (bounded: the first 500 distinct names). */
  notImported(field: string): void {
    const n = this.unused.get(field);
    if (n !== undefined) this.unused.set(field, n + 1);
    else if (this.unused.size < 500) this.unused.set(oneLine(field, 60), 1);
  }

  note(text: string): void {
    if (this.notes.length < 100) this.notes.push(oneLine(text));
  }

  skippedTotal(): number {
    let n = 0;
    for (const v of this.skips.values()) n += v.count;
    return n;
  }

  fieldCount(key: string): number {
    return this.changes.get(key)?.count ?? 0;
  }

  skipCounts(): Record<string, number> {
    return Object.fromEntries([...this.skips.entries()].map(([k, v]) => [k, v.count]));
  }

  fieldCounts(): Record<string, number> {
    return Object.fromEntries([...this.changes.entries()].map(([k, v]) => [k, v.count]));
  }

  skipCount(reason: string): number {
    return this.skips.get(reason)?.count ?? 0;
  }

  toJson(generatedAt: string): ImportReportJson {
    const sorted = (m: Map<string, ReasonCount>) =>
      Object.fromEntries([...m.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])));
    return {
      generatedAt,
      from: this.from,
      crs: this.crs,
      inputs: this.inputs,
      read: this.read,
      imported: this.imported,
      skipped: sorted(this.skips),
      fields: sorted(this.changes),
      notes: this.notes,
      notImported: Object.fromEntries([...this.unused.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
      ...(this.crsAuto ? { crsAuto: this.crsAuto } : {}),
    };
  }

  /** The printed summary: a few lines, one reason per line. */
  summary(generatedAt: string): string {
    const json = this.toJson(generatedAt);
    const lines = [`read ${json.read}, imported ${json.imported}, skipped ${json.read - json.imported}`];
    if (json.crsAuto) lines.push(`  crs auto: ${crsAutoLine(json.crsAuto)} → ${json.crs}`);
    for (const [why, r] of Object.entries(json.skipped)) lines.push(`  skipped: ${why} ${r.count} (e.g. ${r.examples.join(', ')})`);
    for (const [what, r] of Object.entries(json.fields)) lines.push(`  ${what} ${r.count} (e.g. ${r.examples.join(', ')})`);
    for (const n of json.notes) lines.push(`  note: ${n}`);
    const unused = Object.entries(json.notImported);
    if (unused.length)
      lines.push(
        `  not imported (no feed field): ${unused
          .slice(0, 12)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}${unused.length > 12 ? `, … ${unused.length - 12} more in the report` : ''}`,
      );
    return lines.join('\n');
  }
}
