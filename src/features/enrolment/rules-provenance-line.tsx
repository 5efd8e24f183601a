/** "东莞市教育局 发布于 2027-03-01" or "应用内置资料，整理于 2026-11-30": who stands behind the rules shown. */
import { useTranslation } from 'react-i18next';
import { pickText, type Language } from '../../i18n/languages';
import type { RulesProvenance } from './published-rules';

export function RulesProvenanceLine({
  label,
  provenance,
  language,
  testId,
}: {
  label: string;
  provenance: RulesProvenance;
  language: Language;
  testId: string;
}) {
  const { t } = useTranslation('enrolment');
  return (
    <p className="enr-provenance" data-testid={testId} data-published={provenance.publisher ? 'feed' : 'embedded'}>
      <span className="enr-muted">{label}</span>
      {provenance.publisher
        ? t('provenance.published', { publisher: pickText(provenance.publisher, language), date: provenance.date })
        : t('provenance.embedded', { date: provenance.date })}
    </p>
  );
}
