/**
 * /youth: programmes for Hong Kong and Macau youth. A matcher form, the fits and near misses,
 * the full list and the start-up bases. Everything runs on the device; the form is kept on this device only
 * (localStorage) so a reload or a language switch loses nothing, and is never sent anywhere.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { INTERESTS } from '../../data/programme-schema.ts';
import { PROGRAMMES } from './programme-catalogue.ts';
import { useProgrammes } from './use-programmes.ts';
import { pickText } from '../../i18n/languages.ts';
import { byDeadline, evaluate, matchProgrammes, todayInCst, type MatchOutcome } from './programme-matcher.ts';
import { formatDay } from './describe-check.ts';
import { DEFAULT_FORM, FORM_STORAGE_KEY, readKeptForm, validateForm, type FormErrors, type FormValues } from './matcher-form.ts';
import { ProgrammeCard } from './programme-card.tsx';
import { MatcherForm } from './youth-matcher-form.tsx';
import { YouthPlaces } from './youth-places.tsx';
import { QUICK_STORAGE_KEY, YouthQuickEntry } from './youth-quick-entry.tsx';
import { useYouthT } from './use-youth-text.ts';
import './youth.css';

export default function YouthPage() {
  const { t, lang } = useYouthT();
  const asOf = useMemo(() => todayInCst(), []);
  const [kept] = useState(() => readKeptForm(typeof localStorage === 'undefined' ? undefined : localStorage));
  const [values, setValues] = useState<FormValues>(kept?.values ?? DEFAULT_FORM);
  const [errors, setErrors] = useState<FormErrors>({});
  const [outcome, setOutcome] = useState<MatchOutcome | null>(() => {
    if (!kept?.submitted) return null;
    const { profile } = validateForm(kept.values, asOf);
    return profile ? matchProgrammes(PROGRAMMES, profile) : null;
  });
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const list = useProgrammes();
  const programmes = list.programmes;
  // The feed's list arrives from the store after the first render: shown matches are worked out again with it.
  const listInUse = useRef(PROGRAMMES);
  useEffect(() => {
    if (listInUse.current === programmes) return;
    listInUse.current = programmes;
    setOutcome((shown) => {
      if (!shown) return shown;
      const { profile } = validateForm(values, asOf);
      return profile ? matchProgrammes(programmes, profile) : shown;
    });
    // Only a new list recomputes here; the form is read as it is now.
  }, [programmes]);

  useEffect(() => {
    try {
      localStorage.setItem(FORM_STORAGE_KEY, JSON.stringify({ values, submitted: outcome !== null }));
    } catch {
      /* storage refused: the form still works for this visit */
    }
  }, [values, outcome]);
  // Bumped by "forget": the one-tap entry starts again with nothing chosen.
  const [quickKey, setQuickKey] = useState(0);
  const forget = () => {
    try {
      localStorage.removeItem(FORM_STORAGE_KEY);
      localStorage.removeItem(QUICK_STORAGE_KEY);
    } catch {
      /* nothing stored */
    }
    setQuickKey((k) => k + 1);
    setValues(DEFAULT_FORM);
    setOutcome(null);
    setErrors({});
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const { profile, errors: found } = validateForm(values, asOf);
    setErrors(found);
    if (!profile) {
      setOutcome(null);
      return;
    }
    setOutcome(matchProgrammes(programmes, profile));
    requestAnimationFrame(() => resultsHeading.current?.focus());
  }

  const browse = useMemo(
    () =>
      programmes
        .map((p) => evaluate(p, { asOf, identity: 'hk', education: 'secondary', interests: [...INTERESTS] }, programmes))
        .sort(byDeadline),
    [asOf, programmes],
  );

  return (
    <div className="youth-page">
      <h1>{t('title')}</h1>
      {list.ready && (
        <p className="youth-muted" data-testid="youth-provenance" data-published={list.publisher ? 'feed' : 'embedded'}>
          {list.publisher
            ? t('provenance.published', { publisher: pickText(list.publisher, lang), date: list.date })
            : t('provenance.embedded', { date: list.date })}
        </p>
      )}
      <YouthQuickEntry key={quickKey} asOf={asOf} programmes={programmes} />
      <p>{t('intro')}</p>
      <p className="youth-muted">{t('privacy')}</p>
      <p className="youth-muted">{t('disclaimer')}</p>

      <section aria-labelledby="youth-form-heading" className="youth-form-section">
        <h2 id="youth-form-heading">{t('form.heading')}</h2>
        <MatcherForm values={values} errors={errors} asOf={asOf} onChange={setValues} onSubmit={onSubmit} onForget={forget} />
      </section>

      {outcome && (
        <section aria-labelledby="youth-results-heading" className="youth-results">
          <h2 id="youth-results-heading" tabIndex={-1} ref={resultsHeading}>
            {t('results.heading')}
          </h2>
          <p className="youth-muted">{t('results.asOf', { date: formatDay(outcome.asOf, lang) })}</p>
          {outcome.matches.length === 0 && <p>{t('results.none')}</p>}
          <div className="youth-list">
            {outcome.matches.map((r) => (
              <ProgrammeCard key={r.programme.id} result={r} mode="match" asOf={asOf} />
            ))}
          </div>

          <h2 id="youth-near-heading">{t('results.nearHeading')}</h2>
          <p className="youth-muted">{outcome.nearMisses.length ? t('results.nearIntro') : t('results.nearNone')}</p>
          <div className="youth-list">
            {outcome.nearMisses.map((r) => (
              <ProgrammeCard key={r.programme.id} result={r} mode="near" asOf={asOf} />
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="youth-browse-heading">
        <h2 id="youth-browse-heading">{t('browse.heading')}</h2>
        <p className="youth-muted">{t('browse.intro')}</p>
        <div className="youth-list">
          {browse.map((r) => (
            <ProgrammeCard key={r.programme.id} result={r} mode="browse" asOf={asOf} />
          ))}
        </div>
      </section>

      <YouthPlaces programmes={programmes} />
    </div>
  );
}
