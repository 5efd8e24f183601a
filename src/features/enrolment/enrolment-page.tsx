/**
 * /enrolment: a short wizard (one question group per step, each with "why we ask"), then the estimate.
 * Answers, the step and whether the result was open are kept on this device (localStorage) so a reload or a
 * language switch loses nothing; they are never sent anywhere, and "delete" removes them.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language';
import { HUKOU_KINDS, INSURANCE_TYPES, PERMIT_TYPES, STAGES, schoolYearOf } from './enrolment-case';
import { DEFAULT_RULES, type RuleSet } from './enrolment-params';
import { todayIso } from './enrolment-dates';
import { ChoiceField, InputField, TownField, Why, fieldId, type FieldError } from './enrolment-fields';
import {
  STEPS,
  STORAGE_KEY,
  draftToCase,
  emptyDraft,
  readProgress,
  stepErrors,
  withRules,
  withSchoolYear,
  type Draft,
  type StepErrors,
} from './enrolment-form';
import { EnrolmentQuickCheck, forgetQuickCheck } from './enrolment-quick-check';
import { CHECKLIST_KEY, EnrolmentResultView } from './enrolment-result-view';
import { evaluate, type EnrolmentResult } from './enrolment-rules';
import { RulesProvenanceLine } from './rules-provenance-line';
import { useEnrolmentRules } from './use-enrolment-rules';
import './enrolment.css';

type SaveState = 'kept' | 'deleted' | 'failed';
const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

/** Kept in memory too, so a device that refuses storage still keeps the answers across a language switch. */
let memory: { draft: Draft; step: number; result: EnrolmentResult | null } | null = null;

const resultOf = (draft: Draft, rules: RuleSet): EnrolmentResult | null => {
  const parsed = draftToCase(draft);
  return parsed.ok ? evaluate(parsed.value, rules) : null;
};

export default function EnrolmentPage() {
  const { t } = useTranslation('enrolment');
  const language = useLanguage();
  const today = useMemo(() => todayIso(), []);
  // The admission year the quick check answers for (the next September intake).
  const quickYear = useMemo(() => schoolYearOf({ asOf: today }), [today]);
  const [kept] = useState(() => (memory ? null : readProgress(storage(), today)));
  const [draft, setDraft] = useState<Draft>(() => memory?.draft ?? kept?.draft ?? emptyDraft(today));
  const [saveState, setSaveState] = useState<SaveState>('kept');
  const [step, setStep] = useState(() => memory?.step ?? kept?.step ?? 0);
  const [errors, setErrors] = useState<StepErrors>({});
  const published = useEnrolmentRules();
  const [result, setResult] = useState<EnrolmentResult | null>(
    () => memory?.result ?? (kept?.showResult ? resultOf(kept.draft, DEFAULT_RULES) : null),
  );
  // Rules published in the feed arrive from the store after the first render: an open answer is worked out again with them.
  const rulesInUse = useRef(DEFAULT_RULES);
  useEffect(() => {
    if (rulesInUse.current === published.rules) return;
    const before = rulesInUse.current;
    rulesInUse.current = published.rules;
    const moved = withRules(draft, before, published.rules);
    if (moved !== draft) setDraft(moved);
    setResult((shown) => (shown ? resultOf(moved, published.rules) : shown));
    // Only a change of rules recomputes here; the draft is read as it is now.
  }, [published.rules]);
  const deleted = useRef(false);
  // Bumped by "delete": the quick check starts again with nothing chosen.
  const [quickKey, setQuickKey] = useState(0);

  useEffect(() => {
    memory = { draft, step, result };
    if (deleted.current) return;
    try {
      storage()?.setItem(STORAGE_KEY, JSON.stringify({ draft, step, showResult: result !== null }));
    } catch {
      setSaveState('failed');
    }
  }, [draft, step, result]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // Move focus to the new step's heading (or the result's) after next/back, never on first load.
  useEffect(() => {
    if (moved.current) headingRef.current?.focus();
  }, [step, result]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    deleted.current = false;
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const err = (name: string): FieldError | undefined => errors[name];
  const stepId = STEPS[step] ?? 'review';
  const total = STEPS.length;

  const go = (to: number) => {
    moved.current = true;
    setErrors({});
    setStep(to);
  };
  const next = () => {
    const found = stepErrors(stepId, draft, today);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    if (stepId === 'review') {
      const parsed = draftToCase(draft);
      if (parsed.ok) {
        moved.current = true;
        setResult(evaluate(parsed.value, published.rules));
      }
      return;
    }
    go(step + 1);
  };

  const remove = () => {
    try {
      storage()?.removeItem(STORAGE_KEY);
      storage()?.removeItem(CHECKLIST_KEY);
    } catch {
      /* nothing stored */
    }
    deleted.current = true;
    memory = null;
    forgetQuickCheck();
    setQuickKey((k) => k + 1);
    setSaveState('deleted');
  };
  const restart = () => {
    moved.current = true;
    memory = null;
    setDraft(emptyDraft(today, published.rules));
    setResult(null);
    setErrors({});
    setStep(0);
  };

  const hukouLabel = (h: string) => t(`options.hukou.${h}`);
  const yearOptions = useMemo(() => {
    const first = Number(emptyDraft(today).schoolYear);
    // From the 2023 regime (the earliest year with dated rules here) to three years ahead.
    const from = Math.min(2023, first);
    return Array.from({ length: first + 3 - from + 1 }, (_, i) => String(from + i));
  }, [today]);

  const saveBar = (
    <div className="enr-save">
      <p role="status" className="enr-muted">
        {t(`save.${saveState}`)}
      </p>
      <button type="button" className="button" onClick={remove}>
        {t('save.delete')}
      </button>
    </div>
  );

  if (result) {
    return (
      <div className="page enrolment">
        <h1>{t('title')}</h1>
        {published.ready && (
          <RulesProvenanceLine
            label={t('provenance.rulesOf', { year: result.schoolYear })}
            provenance={published.provenanceOf(result.schoolYear)}
            language={language}
            testId="enrolment-rules-provenance"
          />
        )}
        <EnrolmentResultView result={result} language={language} headingRef={headingRef} />
        <div className="button-row enr-nav">
          <button
            type="button"
            className="button"
            onClick={() => {
              moved.current = true;
              setResult(null);
            }}
          >
            {t('edit')}
          </button>
          <button type="button" className="button" onClick={restart}>
            {t('startOver')}
          </button>
        </div>
        {saveBar}
      </div>
    );
  }

  // From the quick answer: the wizard starts with its stage and town, at the child step.
  const fullCheck = (stage: Draft['stage'], town: string) => {
    deleted.current = false;
    setDraft((d) => ({ ...d, stage, targetTown: town }));
    go(STEPS.indexOf('child'));
  };

  return (
    <div className="page enrolment">
      <h1>{t('title')}</h1>
      {step === 0 && published.ready && (
        <>
          <RulesProvenanceLine
            label={t('provenance.rulesOf', { year: quickYear })}
            provenance={published.provenanceOf(quickYear)}
            language={language}
            testId="enrolment-rules-provenance"
          />
          {published.offices && (
            <RulesProvenanceLine
              label={t('provenance.offices')}
              provenance={published.offices}
              language={language}
              testId="enrolment-offices-provenance"
            />
          )}
        </>
      )}
      {step === 0 && (
        <EnrolmentQuickCheck key={quickKey} today={today} language={language} rules={published.rules} onFullCheck={fullCheck} />
      )}
      {step === 0 && <p className="enr-wizard-lead">{t('quick.wizardTitle')}</p>}
      {step === 0 && <p>{t('intro')}</p>}
      <p className="enr-disclaimer" role="note">
        {t('disclaimer')}
      </p>
      <form
        className="enr-step"
        noValidate
        aria-labelledby="enr-step-title"
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <p className="enr-progress">{t('progress', { n: step + 1, total })}</p>
        <progress max={total} value={step + 1} aria-hidden="true" />
        <h2 id="enr-step-title" ref={headingRef} tabIndex={-1}>
          {t(`steps.${stepId}.title`)}
        </h2>
        <Why>{t(`steps.${stepId}.why`)}</Why>
        {Object.keys(errors).length > 0 && (
          <p className="enr-error" role="alert">
            {t('errors.summary')}
          </p>
        )}

        {stepId === 'stage' && (
          <>
            <ChoiceField
              name="stage"
              legend={t('steps.stage.stage')}
              options={STAGES}
              labelOf={(s) => t(`options.stage.${s}`)}
              value={draft.stage}
              onChange={(v) => set('stage', v)}
              error={err('stage')}
            />
            <div className="enr-field">
              <label htmlFor={fieldId('schoolYear')}>{t('steps.stage.schoolYear')}</label>
              <select
                id={fieldId('schoolYear')}
                value={draft.schoolYear}
                onChange={(e) => setDraft((d) => withSchoolYear(d, e.target.value, published.rules))}
              >
                {yearOptions.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <InputField
              name="asOf"
              type="date"
              label={t('steps.stage.asOf')}
              hint={t('steps.stage.asOfHint')}
              value={draft.asOf}
              onChange={(v) => set('asOf', v)}
              error={err('asOf')}
            />
          </>
        )}

        {stepId === 'town' && (
          <TownField
            name="targetTown"
            label={t('steps.town.town')}
            value={draft.targetTown}
            onChange={(v) => set('targetTown', v)}
            error={err('targetTown')}
            language={language}
          />
        )}

        {stepId === 'child' && (
          <>
            <InputField
              name="childBirth"
              type="date"
              label={t('steps.child.birthDate')}
              value={draft.childBirth}
              onChange={(v) => set('childBirth', v)}
              error={err('childBirth')}
            />
            <ChoiceField
              name="childHukou"
              legend={t('steps.child.hukou')}
              options={HUKOU_KINDS}
              labelOf={hukouLabel}
              value={draft.childHukou}
              onChange={(v) => set('childHukou', v)}
              error={err('childHukou')}
            />
            {draft.stage === 'junior1' && (
              <ChoiceField
                name="currentGrade"
                legend={t('steps.child.currentGrade')}
                options={['primary6', 'primary5', 'other'] as const}
                labelOf={(g) => t(`options.grade.${g}`)}
                value={draft.currentGrade}
                onChange={(v) => set('currentGrade', v)}
                error={err('currentGrade')}
              />
            )}
            {draft.stage === 'seniorHigh' && (
              <InputField
                name="juniorYears"
                inputMode="numeric"
                label={t('steps.child.juniorYears')}
                value={draft.juniorYears}
                onChange={(v) => set('juniorYears', v)}
                error={err('juniorYears')}
              />
            )}
          </>
        )}

        {stepId === 'parent' && (
          <>
            <ChoiceField
              name="parentHukou"
              legend={t('steps.parent.hukou')}
              options={HUKOU_KINDS}
              labelOf={hukouLabel}
              value={draft.parentHukou}
              onChange={(v) => set('parentHukou', v)}
              error={err('parentHukou')}
            />
            {draft.parentHukou === 'dongguan' && (
              <TownField
                name="hukouTown"
                label={`${t('steps.parent.hukouTown')} ${t('optional')}`}
                value={draft.hukouTown}
                onChange={(v) => set('hukouTown', v)}
                error={err('hukouTown')}
                language={language}
              />
            )}
          </>
        )}

        {stepId === 'permit' &&
          (draft.parentHukou === 'dongguan' ? (
            <p>{t('steps.permit.notNeeded')}</p>
          ) : (
            <>
              <ChoiceField
                name="permitType"
                legend={t('steps.permit.type')}
                options={PERMIT_TYPES}
                labelOf={(p) => t(`options.permit.${p}`)}
                value={draft.permitType}
                onChange={(v) => set('permitType', v)}
                error={err('permitType')}
              />
              {draft.permitType && draft.permitType !== 'none' && (
                <>
                  <InputField
                    name="permitSince"
                    type="date"
                    label={t('steps.permit.since')}
                    value={draft.permitSince}
                    onChange={(v) => set('permitSince', v)}
                    error={err('permitSince')}
                  />
                  <TownField
                    name="permitTown"
                    label={t('steps.permit.town')}
                    value={draft.permitTown}
                    onChange={(v) => set('permitTown', v)}
                    error={err('permitTown')}
                    language={language}
                  />
                </>
              )}
            </>
          ))}

        {stepId === 'insurance' && (
          <>
            <fieldset className="enr-fieldset">
              <legend>{t('steps.insurance.monthsLegend')}</legend>
              {INSURANCE_TYPES.map((type) => (
                <InputField
                  key={type}
                  name={`insurance.${type}`}
                  inputMode="numeric"
                  label={t(`options.insurance.${type}`)}
                  value={draft.insurance[type]}
                  onChange={(v) => set('insurance', { ...draft.insurance, [type]: v })}
                  error={err(`insurance.${type}`)}
                />
              ))}
            </fieldset>
            <TownField
              name="insuranceTown"
              label={t('steps.insurance.town')}
              value={draft.insuranceTown}
              onChange={(v) => set('insuranceTown', v)}
              error={err('insuranceTown')}
              language={language}
            />
            <InputField
              name="guangdongMonths"
              inputMode="numeric"
              label={`${t('steps.insurance.guangdongMonths')} ${t('optional')}`}
              value={draft.guangdongMonths}
              onChange={(v) => set('guangdongMonths', v)}
              error={err('guangdongMonths')}
            />
          </>
        )}

        {stepId === 'tax' && (
          <>
            <InputField
              name="taxIncome"
              inputMode="decimal"
              label={t('steps.tax.income')}
              value={draft.taxIncome}
              onChange={(v) => set('taxIncome', v)}
              error={err('taxIncome')}
            />
            <InputField
              name="taxRental"
              inputMode="decimal"
              label={t('steps.tax.rental')}
              value={draft.taxRental}
              onChange={(v) => set('taxRental', v)}
              error={err('taxRental')}
            />
            <InputField
              name="taxTransfer"
              inputMode="decimal"
              label={t('steps.tax.transfer')}
              value={draft.taxTransfer}
              onChange={(v) => set('taxTransfer', v)}
              error={err('taxTransfer')}
            />
            <TownField
              name="taxTown"
              label={t('steps.tax.town')}
              value={draft.taxTown}
              onChange={(v) => set('taxTown', v)}
              error={err('taxTown')}
              language={language}
            />
            <ChoiceField
              name="reconciliation"
              legend={t('steps.tax.reconciliation')}
              options={['yes', 'no'] as const}
              labelOf={(o) => t(`options.yesNo.${o}`)}
              value={draft.reconciliation}
              onChange={(v) => set('reconciliation', v)}
              error={err('reconciliation')}
            />
          </>
        )}

        {stepId === 'home' && (
          <>
            <ChoiceField
              name="homeOwned"
              legend={t('steps.home.owned')}
              options={['yes', 'no'] as const}
              labelOf={(o) => t(`options.yesNo.${o}`)}
              value={draft.homeOwned}
              onChange={(v) => set('homeOwned', v)}
              error={err('homeOwned')}
            />
            {draft.homeOwned === 'yes' && (
              <TownField
                name="homeTown"
                label={t('steps.home.town')}
                value={draft.homeTown}
                onChange={(v) => set('homeTown', v)}
                error={err('homeTown')}
                language={language}
              />
            )}
          </>
        )}

        {stepId === 'stability' && (
          <fieldset className="enr-fieldset">
            <legend>{t('steps.stability.legend')}</legend>
            <label className="choice">
              <input
                id={fieldId('stableJob')}
                type="checkbox"
                checked={draft.stableJob}
                onChange={(e) => set('stableJob', e.target.checked)}
              />
              {t('steps.stability.job')}
            </label>
            <label className="choice">
              <input type="checkbox" checked={draft.stableHome} onChange={(e) => set('stableHome', e.target.checked)} />
              {t('steps.stability.home')}
            </label>
          </fieldset>
        )}

        {stepId === 'review' && <ReviewList draft={draft} onEdit={go} />}

        <div className="button-row enr-nav">
          {step > 0 && (
            <button type="button" className="button" onClick={() => go(step - 1)}>
              {t('back')}
            </button>
          )}
          <button type="submit" className="button primary">
            {stepId === 'review' ? t('check') : t('next')}
          </button>
        </div>
      </form>
      {saveBar}
    </div>
  );
}

/** The answers at a glance, each with a way back to its step. */
function ReviewList({ draft, onEdit }: { draft: Draft; onEdit: (step: number) => void }) {
  const { t } = useTranslation('enrolment');
  const rows: [number, string, string][] = [
    [0, t('steps.stage.stage'), draft.stage ? `${t(`options.stage.${draft.stage}`)} · ${draft.schoolYear} · ${draft.asOf}` : ''],
    [2, t('steps.child.birthDate'), draft.childBirth],
    [2, t('steps.child.hukou'), draft.childHukou ? t(`options.hukou.${draft.childHukou}`) : ''],
    [3, t('steps.parent.hukou'), draft.parentHukou ? t(`options.hukou.${draft.parentHukou}`) : ''],
    [
      4,
      t('steps.permit.type'),
      draft.parentHukou === 'dongguan' ? '—' : draft.permitType ? `${t(`options.permit.${draft.permitType}`)} ${draft.permitSince}` : '',
    ],
    [5, t('steps.insurance.monthsLegend'), INSURANCE_TYPES.map((k) => draft.insurance[k] || '0').join(' / ')],
    [6, t('steps.tax.income'), draft.taxIncome || '0'],
    [7, t('steps.home.owned'), draft.homeOwned ? t(`options.yesNo.${draft.homeOwned}`) : ''],
  ];
  return (
    <dl className="enr-review">
      {rows.map(([step, label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {value || '—'}{' '}
            <button type="button" className="button enr-edit" onClick={() => onEdit(step)}>
              {t('edit')}
            </button>
          </dd>
        </div>
      ))}
    </dl>
  );
}
