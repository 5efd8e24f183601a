/**
 * A query's plan: its parts (Han runs and Latin runs), each part's candidates intersected into one set,
 * and typo corrections for a Latin part that retrieves nothing. Scoring a record against a plan is the
 * worst of its parts' qualities: every part must match.
 */
import { normalizeQuery } from '../common/normalize-query';
import { intersectCands, unionCands, type Cands } from './search-candidates';
import type { CandidateRetriever } from './search-retrieve';
import type { TypoIndex } from './search-typo';
import { Q, verifyRecord, type VerifyContext } from './search-verify';

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+|[a-z0-9]+/gu;

/** The query's parts: runs of Han characters and runs of a–z0–9, after normalizing. */
export function splitParts(q: string): string[] {
  return normalizeQuery(q).match(HAN_RUNS) ?? [];
}

export const isHanPart = (text: string) => HAN.test(text);

export interface PlanPart {
  han: boolean;
  /** The part's text, or its typo corrections. */
  texts: string[];
  fuzzy: boolean;
}

export interface Plan {
  parts: PlanPart[];
  cands: Cands;
}

/** null: nothing to search for. */
export function planQuery(query: string, retriever: CandidateRetriever, typo: TypoIndex, n: number): Plan | null {
  const raw = splitParts(query);
  if (raw.length === 0) return null;
  const parts: PlanPart[] = [];
  let cands: Cands = null;
  for (const text of raw) {
    const han = isHanPart(text);
    let set = retriever.retrieve(text, han);
    const part: PlanPart = { han, texts: [text], fuzzy: false };
    if (!han && set !== null && set.size === 0) {
      const fixes = typo.corrections(text);
      if (fixes.length > 0) {
        part.fuzzy = true;
        part.texts = fixes;
        set = unionCands(
          fixes.map((f) => retriever.retrieve(f, false)),
          n,
        );
      }
    }
    parts.push(part);
    cands = intersectCands(cands, set, n);
  }
  return { parts, cands };
}

/** Worst part quality (every part must match), 0 when the record doesn't match. */
export function scorePlan(ctx: VerifyContext, d: number, plan: Plan): number {
  let worst = Infinity;
  for (const part of plan.parts) {
    let q = 0;
    for (const t of part.texts) q = Math.max(q, verifyRecord(ctx, d, t, part.han));
    if (q === 0) return 0;
    if (part.fuzzy) q = Math.min(q, Q.typo);
    if (q < worst) worst = q;
  }
  return worst === Infinity ? 0 : worst;
}
