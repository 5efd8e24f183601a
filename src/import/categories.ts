/**
 * Category from whole terms, one table for every importer (data/import/category-terms.json).
 * A term matches only when it is the whole taxonomy term / attribute value / OSM tag, so
 * "Transportation" is not a sports venue and "Disability Parking Permits" is not a car park.
 */
import CATEGORY_TERMS from '../../data/import/category-terms.json';
import { CATEGORIES, type Category } from '../data/categories.ts';

interface TermTable {
  osm: Record<string, string>;
  terms: Record<string, string>;
}

export const normaliseTerm = (term: string) => term.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

function loadTable(): { osm: Map<string, Category>; terms: Map<string, Category> } {
  const raw: TermTable = CATEGORY_TERMS;
  const toMap = (o: Record<string, string>) => {
    const m = new Map<string, Category>();
    for (const [k, v] of Object.entries(o)) {
      if (!(CATEGORIES as readonly string[]).includes(v)) throw new Error(`category-terms.json: ${k} → unknown category ${v}`);
      m.set(normaliseTerm(k), v as Category);
    }
    return m;
  };
  return { osm: toMap(raw.osm), terms: toMap(raw.terms) };
}

const TABLE = loadTable();

/** The category of the first term that is in the table, or undefined. */
export function categoryOfTerms(terms: readonly string[]): Category | undefined {
  for (const t of terms) {
    const c = TABLE.terms.get(normaliseTerm(t));
    if (c) return c;
  }
  return undefined;
}

/** The category of an OSM tag pair (`amenity=kindergarten`), or undefined. */
export function categoryOfOsmTag(key: string, value: string): Category | undefined {
  return TABLE.osm.get(normaliseTerm(`${key}=${value}`));
}

/** A source's own term → category table (feed:publish `categoryTerms`), keyed like the shared table. */
export type SourceTermTable = ReadonlyMap<string, Category>;

export function sourceTermTable(terms: Readonly<Record<string, Category>>): SourceTermTable {
  return new Map(Object.entries(terms).map(([term, category]) => [normaliseTerm(term), category]));
}

/** The category of the first term in a source's own table, or undefined. */
export function categoryOfSourceTerms(table: SourceTermTable | undefined, terms: readonly string[]): Category | undefined {
  if (!table) return undefined;
  for (const t of terms) {
    const c = table.get(normaliseTerm(t));
    if (c) return c;
  }
  return undefined;
}
