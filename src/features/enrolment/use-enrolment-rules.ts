/**
 * The rules the enrolment page answers with: the embedded ones, with the enrolment files and offices the
 * feed publishes laid over them when they are newer (issue 22). Until the store has answered, and on a
 * device without data, the embedded rules answer at once.
 */
import { useMemo } from 'react';
import type { EnrolmentRulesFile, OfficesFile } from '../../data/published-files-schema';
import { useOwnedFiles } from '../../data/use-owned-files';
import { DEFAULT_RULES, type RuleSet } from './enrolment-params';
import { isNewerThanEmbedded, rulesProvenance, withPublishedRules, type RulesProvenance } from './published-rules';

export interface EnrolmentRules {
  rules: RuleSet;
  /** Who published the rules of an admission year (or the embedded copy). */
  provenanceOf: (year: number) => RulesProvenance;
  /** Who published the offices, when the feed's copy is used. */
  offices: { publisher: OfficesFile['publisher']; date: string } | null;
  /** False while the store is still being read: the page shows no "published by" line yet rather than a wrong one. */
  ready: boolean;
}

export function useEnrolmentRules(): EnrolmentRules {
  const enrolmentRows = useOwnedFiles('enrolment');
  const officeRows = useOwnedFiles('offices');
  return useMemo(() => {
    const files = (enrolmentRows ?? []).map((r) => r.data as EnrolmentRulesFile).filter(isNewerThanEmbedded);
    const offices = (officeRows ?? []).map((r) => r.data as OfficesFile).find(isNewerThanEmbedded) ?? null;
    return {
      rules: files.length || offices ? withPublishedRules(DEFAULT_RULES, files, offices) : DEFAULT_RULES,
      provenanceOf: (year: number) => rulesProvenance(year, files),
      offices: offices ? { publisher: offices.publisher, date: offices.published } : null,
      ready: enrolmentRows !== undefined && officeRows !== undefined,
    };
  }, [enrolmentRows, officeRows]);
}
