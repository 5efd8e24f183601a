/**
 * The one import loop. A source format is an adapter that turns one item (an OSM element, an HSDS document or
 * list item, a spreadsheet row) into record candidates; ImportRun counts each candidate as read, builds and
 * checks the record (record.ts), applies the one duplicate-id rule (the first record with an id wins; later
 * ones are skipped as "duplicate id") and hands the record to the caller's sink.
 */
import type { AvailabilityItem, ServiceRecord } from '../data/feed-schema.ts';
import { buildRecord, type BuildContext, type Candidate } from './record.ts';

/** One thing an item holds: a record candidate, or a part that is skipped with its reason. */
export type Candidacy =
  | { skip: string; ref: string }
  | {
      candidate: Candidate;
      /** Source fields with no place in the feed, counted for imported records only. */
      notImported?: () => Iterable<string>;
      /** Live figures the source states for the record (HSDS capacities), checked once the record is kept. */
      availability?: (record: ServiceRecord) => AvailabilityItem | undefined;
    };

export interface SourceAdapter {
  /** The candidates in one item; never throws (an unreadable part is a skip). */
  candidates(item: unknown, ctx: BuildContext): Iterable<Candidacy>;
}

/** Receives each record that was kept, with its live figures when the source has them. */
export type RecordSink = (record: ServiceRecord, availability: AvailabilityItem | undefined) => void;

export class ImportRun {
  private readonly ids = new Set<string>();

  constructor(
    readonly ctx: BuildContext,
    private readonly sink: RecordSink,
  ) {}

  /** Every candidate of one item through the loop. */
  addItem(item: unknown, adapter: SourceAdapter): void {
    const { report } = this.ctx;
    for (const c of adapter.candidates(item, this.ctx)) {
      report.read++;
      if ('skip' in c) {
        report.skip(c.skip, c.ref);
        continue;
      }
      const record = buildRecord(c.candidate, this.ctx);
      if (!record) continue;
      if (this.ids.has(record.id)) {
        report.skip('duplicate id', `${String(c.candidate.ref).slice(0, 80)} (id ${record.id})`);
        continue;
      }
      this.ids.add(record.id);
      report.imported++;
      if (c.notImported) for (const field of c.notImported()) report.notImported(field);
      let live: AvailabilityItem | undefined;
      try {
        live = c.availability?.(record);
      } catch {
        live = undefined;
      }
      this.sink(record, live);
    }
  }

  /** Every item of a list or a stream (a large file read piece by piece) through the loop. */
  async addItems(items: Iterable<unknown> | AsyncIterable<unknown>, adapter: SourceAdapter): Promise<void> {
    if (Symbol.iterator in items) for (const item of items) this.addItem(item, adapter);
    else for await (const item of items) this.addItem(item, adapter);
  }
}
