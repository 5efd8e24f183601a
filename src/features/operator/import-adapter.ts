/**
 * The page's one door into the shared import core (src/import/): a table + the user's column choices + a
 * coordinate system → the records, the report (the same ImportReport and wording as `data:import`), the rows to
 * fix with their reasons and the points for the map. The core's own loop (ImportRun) runs every row, so the
 * page and the CLI give the same records for the same file; this file only adds what the page shows on top.
 */
import type { Category } from '../../data/categories';
import type { ServiceRecord } from '../../data/feed-schema';
import type { InputCrs } from '../../import/crs';
import { importDocuments, surveyDocuments, surveyTable } from '../../import/import-items';
import type { CrsAuto } from '../../import/crs-auto';
import { ImportReport, type ImportReportJson } from '../../import/report';
import { ImportRun } from '../../import/source-adapter';
import { tableAdapter, type TableRow } from '../../import/spreadsheet-mapping';
import type { TownAt } from '../../import/town-lookup';
import { townFromName, townInAddress } from '../../import/towns';
import type { OperatorField } from './header-guess';
import { mappingOf } from './mapping-file';
import type { Table } from './read-table';

import type { ColumnFields } from './mapping-file';
export type OperatorReport = ImportReportJson;

export interface MapPoint {
  /** Data row index; -1 for a record from an OSM or HSDS document (no row to show). */
  row: number;
  lon: number;
  lat: number;
  /** The point's town differs from the town the row states. */
  outside: boolean;
}
export interface ImportOutcome {
  records: ServiceRecord[];
  report: OperatorReport;
  /** Row index (0 = first data row) → why it was skipped. */
  rowsToFix: { row: number; reason: string }[];
  points: MapPoint[];
}

/** Rows as the core reads them: header → cell text, numbered as in the file (the header is row 1). */
function tableRows(table: Table): TableRow[] {
  return table.rows.map((cells, i) => {
    const row: Record<string, string> = {};
    table.header.forEach((h, c) => {
      if (h) row[h] = cells[c] ?? '';
    });
    return { row, rowNumber: i + 2 };
  });
}

export interface CrsShares {
  /** Rows with a point and a stated town (the denominator). */
  rows: number;
  share: Record<InputCrs, number>;
  /** The system `--crs auto` would choose, else the one with the largest share (the user confirms it). */
  best: InputCrs | null;
  /** `--crs auto` would choose (≥ 80 % and 5 points ahead of the next). */
  sure: boolean;
  /** Most points have latitude and longitude the wrong way round. */
  swapped: boolean;
}

/** For rows that state a town: the share of points inside it under each system (the core's `--crs auto` survey). */
export function crsShares(table: Table, fields: ColumnFields, townAt: TownAt): CrsShares {
  const auto: CrsAuto =
    table.kind === 'osm' || table.kind === 'hsds'
      ? surveyDocuments(table.kind, [table.document], townAt)
      : surveyTable(tableRows(table), mappingOf(table.header, fields, null), townAt);
  const share = Object.fromEntries(auto.shares.map((s) => [s.crs, s.share])) as Record<InputCrs, number>;
  const top = auto.shares[0];
  return {
    rows: auto.counted,
    share,
    best: auto.chosen ?? (top && top.share > 0 ? top.crs : null),
    sure: auto.chosen !== undefined,
    swapped: auto.swapped,
  };
}

/** OSM and HSDS go through the core's own adapters (importDocuments, as `data:import --from osm|hsds`). */
function importDocument(table: Table & { kind: 'osm' | 'hsds' }, opt: ImportOptions): ImportOutcome {
  const out = importDocuments(table.kind, [table.document], {
    towns: opt.townAt,
    crs: opt.crs,
    updated: opt.updated,
    ...(opt.category ? { category: opt.category } : {}),
  });
  return {
    records: out.records,
    report: out.report.toJson(opt.updated),
    rowsToFix: [],
    points: out.records.filter((r) => r.location !== 'approximate').map((r) => ({ row: -1, lon: r.lon, lat: r.lat, outside: false })),
  };
}

/** A report that also keeps every skipped row's reason (the core keeps five examples per reason). */
class RowReport extends ImportReport {
  readonly skippedRows: { row: number; reason: string }[] = [];
  override skip(reason: string, ref: string): void {
    super.skip(reason, ref);
    const n = /^row (\d+)/.exec(ref);
    if (n) this.skippedRows.push({ row: Number(n[1]) - 2, reason });
  }
}

export interface ImportOptions {
  fields: ColumnFields;
  category: Category | null;
  crs: InputCrs;
  townAt: TownAt;
  updated: string;
}

export function importTable(table: Table, opt: ImportOptions): ImportOutcome {
  if (table.kind === 'osm' || table.kind === 'hsds') return importDocument(table as Table & { kind: 'osm' | 'hsds' }, opt);
  const mapping = mappingOf(table.header, opt.fields, opt.category);
  const report = new RowReport('csv', opt.crs, []);
  const records: ServiceRecord[] = [];
  const points: MapPoint[] = [];
  const cell = (cells: string[], field: OperatorField) => {
    const i = opt.fields.indexOf(field);
    return i < 0 ? '' : (cells[i] ?? '').trim();
  };
  let current = 0;
  const run = new ImportRun({ crs: opt.crs, townAt: opt.townAt, report, updated: opt.updated, nowMs: Date.now() }, (record) => {
    records.push(record);
    if (record.location === 'approximate') return;
    const cells = table.rows[current]!;
    const named = cell(cells, 'town');
    const stated = (named ? townFromName(named) : undefined) ?? townInAddress(cell(cells, 'address.zh'));
    points.push({ row: current, lon: record.lon, lat: record.lat, outside: !!stated && stated.code !== record.town });
  });
  const adapter = tableAdapter(mapping);
  tableRows(table).forEach((row, i) => {
    current = i;
    run.addItem(row, adapter);
  });
  return { records, report: report.toJson(opt.updated), rowsToFix: report.skippedRows, points };
}
