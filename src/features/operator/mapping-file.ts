/**
 * The user's column choices as a mapping file (`data:import --map`, a feed:publish source): field → column header.
 * Kept apart from the import core so the page's own chunk stays small (the core loads with the worker).
 */
import type { Category } from '../../data/categories';
import type { SpreadsheetMapping } from '../../import/spreadsheet-mapping';
import type { OperatorField } from './header-guess';

export type ColumnFields = (OperatorField | null)[];

/** The mapping file `data:import --map` (and a feed:publish source) reads: field → column header. */
export function mappingOf(header: readonly string[], fields: ColumnFields, category: Category | null): SpreadsheetMapping {
  const columns: SpreadsheetMapping['columns'] = {};
  fields.forEach((f, i) => {
    if (f && header[i]) columns[f] = header[i]!;
  });
  return { columns, ...(category ? { category } : {}) };
}

export function mappingFile(header: readonly string[], fields: ColumnFields, category: Category | null): Record<string, unknown> {
  return {
    $comment:
      'Made on the operator page (/operator). Import with: npm run data:import -- --from csv <file> --map <this file> --crs <system or auto> --out <feed-folder>',
    ...mappingOf(header, fields, category),
  };
}
