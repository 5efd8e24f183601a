/**
 * What the page asks of the import worker. The worker holds the file's table, so a 50,000-row sheet is read,
 * measured, imported and zipped off the main thread and only small answers cross back (preview rows, counts,
 * the report, the points). The same object runs on the page when no worker can start (worker-bridge fallback).
 */
import type { TownBoundaries } from '../../geo/town-of-point';
import { townAtOf, type TownAt } from '../../import/town-lookup';
import type { Category } from '../../data/categories';
import type { ServiceRecord } from '../../data/feed-schema';
import { guessFields, type OperatorField } from './header-guess';
import type { InputCrs } from '../../import/crs';
import { crsShares, importTable, type CrsShares, type ImportOutcome } from './import-adapter';
import { feedZip, rowsToFixCsv } from './feed-zip';
import { mapPoints, type MapPoints } from './map-points';
import { readTable, type Progress, type Table, type TableProblem } from './read-table';

export const PREVIEW_ROWS = 10;
/** The skipped rows listed on the page (the CSV download has them all). */
export const LISTED_SKIPS = 200;

export type OpenReply =
  | {
      ok: true;
      kind: Table['kind'];
      encoding?: Table['encoding'];
      header: string[];
      firstRows: string[][];
      rowCount: number;
      warnings: Table['warnings'];
      guessed: (OperatorField | null)[];
    }
  | { ok: false; problem: TableProblem };

export type RunReply = Omit<ImportOutcome, 'records' | 'rowsToFix' | 'points'> & {
  points: MapPoints;
  preview: ServiceRecord[];
  rowsToFix: { row: number; reason: string; cells: string[] }[];
};

export function createImportApi() {
  let table: Table | null = null;
  let townAt: TownAt | null = null;
  let last: ImportOutcome | null = null;
  return {
    async open(name: string, bytes: Uint8Array, progress: Progress): Promise<OpenReply> {
      table = null;
      last = null;
      const res = await readTable(name, bytes, progress);
      if (!res.ok) return res;
      table = res.table;
      const { kind, encoding, header, rows, warnings } = table;
      return {
        ok: true,
        kind,
        ...(encoding ? { encoding } : {}),
        header,
        firstRows: rows.slice(0, PREVIEW_ROWS),
        rowCount: rows.length,
        warnings,
        guessed: guessFields(header),
      };
    },
    setTowns(boundaries: unknown): boolean {
      townAt = boundaries ? townAtOf(boundaries as TownBoundaries) : null;
      return townAt !== null;
    },
    shares(fields: (OperatorField | null)[]): CrsShares | null {
      return table && townAt ? crsShares(table, fields, townAt) : null;
    },
    run(fields: (OperatorField | null)[], category: Category | null, crs: InputCrs, updated: string): RunReply | null {
      if (!table || !townAt) return null;
      last = importTable(table, { fields, category, crs, townAt, updated });
      const rows = table.rows;
      return {
        report: last.report,
        points: mapPoints(last.points),
        preview: last.records.slice(0, PREVIEW_ROWS),
        rowsToFix: last.rowsToFix.slice(0, LISTED_SKIPS).map((r) => ({ ...r, cells: rows[r.row] ?? [] })),
      };
    },
    /** One row's cells (a point tapped on the map). */
    row(index: number): string[] | null {
      return table?.rows[index] ?? null;
    },
    zip(generatedAt: string, sourceName: string): Uint8Array | null {
      return last ? feedZip(last.records, generatedAt, sourceName) : null;
    },
    /** `reasonTexts`: each skip reason as the page shows it (the reader's language); one it lacks stays as the core wrote it. */
    fixCsv(reasonHeader: string, reasonTexts: Record<string, string>): string | null {
      if (!table || !last) return null;
      const reasons = last.rowsToFix.map(({ row, reason }) => ({ row, reason: reasonTexts[reason] ?? reason }));
      return rowsToFixCsv(table.header, table.rows, reasonHeader, reasons);
    },
  };
}
export type ImportApi = ReturnType<typeof createImportApi>;
