/**
 * Query normalisation shared by the search index and the town picker. On its own so the first screen
 * (the town picker) doesn't pull in the search index, which loads only when the user searches.
 */

/** Lowercase, full-width → half-width, diacritics off (ü → u, é → e), punctuation → space. */
export function normalizeQuery(q: string): string {
  return q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]+/gu, ' ')
    .trim();
}
