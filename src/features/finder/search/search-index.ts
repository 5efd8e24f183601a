/**
 * The search room (src/features/finder/search/): one search box over services — Chinese name (any
 * substring), pinyin (full, spaced or not, syllable prefixes, initials, initials in chunks), English name
 * words (prefix), town names, one-edit typo tolerance — and the worker that runs it off the main thread
 * (search-worker-api.ts, search-connection.ts, search.worker.ts). It may import src/lib, src/data, src/geo,
 * the finder's common/ pieces and, for the index it searches, the index/ room; never list/, detail/ or map/.
 *
 * This module composes the parts, each testable alone: the key space (search-keys.ts), the one indexing pass
 * (search-tokens.ts) into posting lists (search-postings.ts), town names (search-towns.ts), a query part's
 * candidate superset (search-retrieve.ts, set algebra in search-candidates.ts), the query plan and its
 * scoring (search-plan.ts, search-verify.ts), typo corrections (search-typo.ts) and nearest-first visits
 * (search-nearest.ts). No per-record JS objects or strings are kept: verification reads the records' own
 * strings (which the app holds anyway). Small candidate sets are verified and ranked in full; larger ones
 * are never scored and sorted whole: they are visited nearest first (search-nearest.ts for a candidate list,
 * the spatial index's walk for a dense or unbounded set) until enough matches are found, and only those are
 * ranked. Uses the feed's precomputed pinyin (no pinyin library in the browser).
 */
import type { ServiceRecord } from '../../../data/feed-schema';
import { distanceMetres } from '../../../geo/distance';
import { MembershipTester } from './search-candidates';
import { coordinatesOf, visitNearestFirst, type Coordinates } from './search-nearest';
import { isHanPart, planQuery, scorePlan, splitParts, type Plan } from './search-plan';
import { CandidateRetriever } from './search-retrieve';
import { indexRecords } from './search-tokens';
import { townsNamedBy, townTextOf, type SearchTown } from './search-towns';
import { addTownTerms, buildTypoIndex, TypoTermCollector } from './search-typo';
import { InitialsChunkMatcher, type VerifyContext } from './search-verify';

export interface SearchHit {
  /** Index into the records array the index was built from. */
  index: number;
  /** Match quality, higher is better (100 exact Chinese name … 30 one-edit typo). */
  quality: number;
  /** Distance from the query place, when one was given. */
  metres: number | null;
}

export interface SearchOptions {
  /** How many hits to return (default 50). */
  limit?: number;
  /** Where the user is: ties in quality go to the nearer service. */
  near?: { lat: number; lon: number };
  /** Extra filter (the finder's filters), applied while verifying. */
  accept?: (index: number) => boolean;
}

export interface BuildSearchOptions {
  /**
   * The typo vocabulary, built ahead of time by search-typo.ts's buildTypoTerms (in a worker, at import);
   * without it the index builds its own while indexing.
   */
  typoTerms?: readonly string[];
}

/** Spatial helper the index may use for broad queries: nearest n indices passing pred, closest first. */
export type NearestFn = (lat: number, lon: number, n: number, pred: (index: number) => boolean) => { index: number; metres: number }[];

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Every record matching the query (for the map), in index order. */
  matchAll(query: string, accept?: (index: number) => boolean): number[];
  /** The towns a query names (for "did you mean" / picker). */
  townsMatching(query: string): string[];
  /** Size of the posting storage, for the bench. */
  readonly stats: { postings: number; keys: number; bytes: number };
}

/**
 * Candidate lists up to this size (or up to the number of matches a ranking needs, if larger) are verified
 * and ranked in full; larger ones are visited nearest first.
 */
const RANK_ALL_CAP = 500;
/** Without a place: at most this many matches, in index order, are ranked. */
const CANDIDATE_CAP = 2000;
/**
 * A candidate list of m is visited nearest first by distance selection (cost ~m) unless the spatial walk is
 * cheaper: it visits ~reach × n / m services when the matches are spread evenly, far more when they sit in
 * one far cluster, so it is chosen only for dense sets: m² > WALK_DENSITY × reach × n.
 */
const WALK_DENSITY = 4;

const bySort = (a: SearchHit, b: SearchHit) => b.quality - a.quality || (a.metres ?? 0) - (b.metres ?? 0) || a.index - b.index;

export function buildSearchIndex(
  records: readonly ServiceRecord[],
  towns: readonly SearchTown[],
  nearest?: NearestFn,
  options: BuildSearchOptions = {},
): SearchIndex {
  const n = records.length;
  // Built with the index (or handed in, built ahead of time), so the first misspelt query pays nothing.
  const typo = options.typoTerms ? null : new TypoTermCollector();
  const indexed = indexRecords(
    records,
    towns.map((t) => t.code),
    typo,
  );
  const townText = towns.map(townTextOf);
  const retriever = new CandidateRetriever(indexed, n, towns, townText);
  let typoTerms = options.typoTerms;
  if (!typoTerms && typo) {
    addTownTerms(typo, towns);
    for (const w of retriever.words) typo.addTerm(w);
    typoTerms = typo.finish((id) => indexed.tokenText[id] as string);
  }
  const typoIndex = buildTypoIndex(typoTerms ?? []);
  const ctx: VerifyContext = {
    records,
    docTown: indexed.docTown,
    towns: townText,
    enFolded: indexed.enFolded,
    initials: new InitialsChunkMatcher(),
  };
  const members = new MembershipTester(n);
  const quality = new Uint8Array(n);
  /** Typed copies of the coordinates, made on the first query ranked by distance selection. */
  let coords: Coordinates | undefined;
  const plan = (query: string) => planQuery(query, retriever, typoIndex, n);
  const score = (d: number, p: Plan) => scorePlan(ctx, d, p);

  return {
    stats: { postings: indexed.store.postings, keys: indexed.keyCount, bytes: indexed.store.bytes + indexed.docTown.byteLength },
    search(query, options = {}) {
      const limit = options.limit ?? 50;
      const p = plan(query);
      if (!p || (p.cands !== null && p.cands.size === 0)) return [];
      const { accept, near } = options;
      // A broad query ranks the nearest `reach` matches by quality: far-away better matches may be left out (wanted).
      const reach = Math.max(limit * 2, 100);
      const hits: SearchHit[] = [];
      const c = p.cands;
      const list = c?.list ?? null;
      /** Scores one candidate; true once `reach` matches are in (the nearest-first walks stop there). */
      const take = (d: number, metres: number | null): boolean => {
        if (accept && !accept(d)) return false;
        const q = score(d, p);
        if (q > 0) hits.push({ index: d, quality: q, metres });
        return hits.length >= reach;
      };
      if (list && list.length <= Math.max(RANK_ALL_CAP, reach)) {
        // Small: every match ranked (quality, then distance).
        for (let k = 0; k < list.length; k++) {
          const d = list[k] as number;
          if (accept && !accept(d)) continue;
          const q = score(d, p);
          if (q > 0) {
            const r = records[d] as ServiceRecord;
            hits.push({ index: d, quality: q, metres: near ? distanceMetres(near.lat, near.lon, r.lat, r.lon) : null });
          }
        }
      } else if (near && list && !(nearest && list.length * list.length > WALK_DENSITY * reach * n)) {
        // A candidate list: nearest first by distance selection over the list itself.
        visitNearestFirst(list, near, (coords ??= coordinatesOf(records)), take);
      } else if (near && nearest) {
        // Dense or unbounded (a membership mask, one letter): walk the spatial index outward with the match
        // test as its predicate; it stops at `reach` matches.
        const isCand = members.of(c);
        const found = nearest(near.lat, near.lon, reach, (d) => {
          if ((isCand && !isCand(d)) || (accept && !accept(d))) return false;
          const q = score(d, p);
          quality[d] = q;
          return q > 0;
        });
        for (const f of found) hits.push({ index: f.index, quality: quality[f.index] as number, metres: f.metres });
      } else if (list) {
        // No place: the first matches in index order, up to the cap.
        for (let k = 0; k < list.length && hits.length < CANDIDATE_CAP; k++) take(list[k] as number, null);
      } else {
        const isCand = members.of(c);
        for (let d = 0; d < n && hits.length < CANDIDATE_CAP; d++) if (!isCand || isCand(d)) take(d, null);
      }
      hits.sort(bySort);
      return hits.length > limit ? hits.slice(0, limit) : hits;
    },
    matchAll(query, accept) {
      const p = plan(query);
      if (!p) return [];
      const out: number[] = [];
      const c = p.cands;
      if (c !== null && c.list) {
        for (let k = 0; k < c.list.length; k++) {
          const d = c.list[k] as number;
          if ((!accept || accept(d)) && score(d, p) > 0) out.push(d);
        }
        return out;
      }
      const m = c?.mask;
      for (let d = 0; d < n; d++) if ((!m || m[d]) && (!accept || accept(d)) && score(d, p) > 0) out.push(d);
      return out;
    },
    townsMatching(query) {
      const codes = new Set<string>();
      for (const text of splitParts(query)) for (const t of townsNamedBy(townText, text, isHanPart(text))) codes.add(towns[t]?.code ?? '');
      codes.delete('');
      return [...codes];
    },
  };
}
