/**
 * /youth: programmes for Hong Kong and Macau youth. A matcher form, the fits and near misses,
 * the full list and the start-up bases. Everything runs on the device; the form is kept on this device only
 * (localStorage) so a reload or a language switch loses nothing, and is never sent anywhere.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { EDUCATION_LEVELS, IDENTITIES, INTERESTS, type Interest, type Programme } from '../../data/programme-schema.ts';
import { isTownCode, townName } from '../../geo/towns.ts';
import { PROGRAMMES } from './programme-catalogue.ts';
import {
  byDeadline,
  evaluate,
  inForce,
  matchProgrammes,
  todayInCst,
  type MatchOutcome,
  type ProgrammeResult,
} from './programme-matcher.ts';
import { describeCheck, formatDay, type Translate, type YouthLang } from './describe-check.ts';
import { amountText } from './benefit-text.ts';
import { EMPTY_FORM, FORM_STORAGE_KEY, readKeptForm, validateForm, type FormErrors, type FormField, type FormValues } from './matcher-form.ts';
import { pickText } from '../../i18n/languages.ts';
import { amapSearchUrl } from './map-search-links.ts';
import './youth.css';

const EXTERNAL = { target: '_blank', rel: 'noopener noreferrer' } as const;

function useYouthT(): { t: Translate; lang: YouthLang } {
  const { t } = useTranslation('youth');
  const lang = useLanguage();
  // React escapes text itself; i18next escaping would turn "/" into an entity.
  const tr: Translate = (key, params) => t(key, { ...params, interpolation: { escapeValue: false } }) as string;
  return { t: tr, lang };
}

async function downloadDeadline(programme: Programme, closes: string, t: Translate, lang: YouthLang, kind: 'closes' | 'opens' = 'closes'): Promise<void> {
  // Loaded on demand: the ics library is only needed when someone adds a deadline.
  const { buildDeadlineIcs, icsFileName } = await import('./deadline-ics.ts');
  const name = pickText(programme.name, lang);
  const text = buildDeadlineIcs({
    programmeId: programme.id,
    closes,
    title: t(kind === 'closes' ? 'card.calendarTitle' : 'card.calendarOpensTitle', { name }),
    description: t(kind === 'closes' ? 'card.calendarDescription' : 'card.calendarOpensDescription', { name }),
    url: programme.officialUrl,
  });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = icsFileName(programme.id, closes);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Badges({ result, t, lang }: { result: ProgrammeResult; t: Translate; lang: YouthLang }) {
  const p = result.programme;
  const windowText =
    result.window === 'closed' && result.lastClosed ? t('window.closedOn', { date: formatDay(result.lastClosed, lang) }) : t(`window.${result.window}`);
  return (
    <p className="youth-badges">
      {result.closingSoon && <strong className="youth-badge youth-badge--soon">{t('card.closingSoon')}</strong>}
      <span className="youth-badge">{t(`kind.${p.kind}`)}</span>
      <span className={`youth-badge youth-badge--${result.window}`} data-window={result.window}>
        {windowText}
      </span>
      {(p.status === 'unverified' || p.status === 'unknown') && (
        <span className={`youth-badge youth-badge--${p.status}`}>{t(`status.${p.status}`)}</span>
      )}
    </p>
  );
}

function ProgrammeCard({
  result,
  mode,
  asOf,
}: {
  result: ProgrammeResult;
  mode: 'match' | 'near' | 'browse';
  asOf: string;
}) {
  const { t, lang } = useYouthT();
  const p = result.programme;
  const name = pickText(p.name, lang);
  const headingId = `youth-${mode}-${p.id}`;
  const conflict = p.benefits.some((b) => b.conflict);
  return (
    <article className={`youth-card youth-card--${mode}`} aria-labelledby={headingId} data-programme={p.id}>
      <h3 id={headingId}>{name}</h3>
      <Badges result={result} t={t} lang={lang} />
      {p.version && (
        <p className="youth-muted">
          {p.version.validTo
            ? t('card.versionRange', { from: formatDay(p.version.validFrom, lang), to: formatDay(p.version.validTo, lang) })
            : t('card.versionFrom', { from: formatDay(p.version.validFrom, lang) })}
          {mode === 'browse' && !inForce(p, asOf) && <> · {t('browse.notInForce', { date: formatDay(asOf, lang) })}</>}
        </p>
      )}
      <p>{pickText(p.summary, lang)}</p>

      {mode === 'match' && (
        <>
          <h4>{t('results.why')}</h4>
          <ul className="youth-reasons">
            {result.checks.map((c, i) => (
              <li key={i}>{describeCheck(c, lang, t)}</li>
            ))}
          </ul>
        </>
      )}
      {mode === 'near' && (
        <>
          <h4>{t('results.missing')}</h4>
          <ul className="youth-missing">
            {result.failed.map((c, i) => (
              <li key={i}>{describeCheck(c, lang, t)}</li>
            ))}
          </ul>
        </>
      )}

      <h4>{t('card.benefits')}</h4>
      {conflict && <p className="youth-warn">{t('card.conflict')}</p>}
      <ul className="youth-benefits">
        {p.benefits.map((b, i) => {
          const amount = amountText(b, lang, t);
          return (
            <li key={i}>
              {pickText(b.label, lang)}
              {amount && (
                <>
                  {t('card.labelSep')}
                  <strong className="youth-amount">{amount}</strong>
                </>
              )}
              {b.unverified && <span className="youth-badge youth-badge--unverified">{t('card.unverifiedFigure')}</span>}
              {b.source && b.conflict && (
                <>
                  {' '}
                  <a href={b.source} {...EXTERNAL}>
                    {t('card.sources')}
                    <span className="youth-sr-only"> {t('card.external')}</span>
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ul>

      {!result.nextClose && result.nextOpen && (
        <div className="youth-deadline">
          <p>{t('card.opens', { date: formatDay(result.nextOpen, lang) })}</p>
          <button type="button" className="youth-button" onClick={() => void downloadDeadline(p, result.nextOpen!, t, lang, 'opens')}>
            {t('card.addOpeningToCalendar')}
          </button>
        </div>
      )}
      {result.nextClose && (
        <div className="youth-deadline">
          <p>
            {t('card.closes', { date: formatDay(result.nextClose, lang) })} · {t('card.daysLeft', { days: result.daysToClose ?? 0 })}
          </p>
          <button
            type="button"
            className="youth-button"
            onClick={() => void downloadDeadline(p, result.nextClose!, t, lang)}
          >
            {t('card.addToCalendar')}
          </button>
        </div>
      )}

      <details className="youth-details">
        <summary>{t('card.howToApply')}</summary>
        <p>
          {t('card.organiser')}
          {t('card.labelSep')}
          {pickText(p.organiser, lang)}
        </p>
        <p>
          {t('card.where')}
          {t('card.labelSep')}
          {pickText(p.where.text, lang)}
        </p>
        {(p.application.rounds?.length ?? 0) > 0 && (
          <>
            <h5>{t('card.rounds')}</h5>
            <ul>
              {p.application.rounds!.map((r, i) => (
                <li key={i}>
                  {r.label ? `${pickText(r.label, lang)}${t('card.labelSep')}` : ''}
                  {[r.opens && t('card.opens', { date: formatDay(r.opens, lang) }), r.closes && t('card.closes', { date: formatDay(r.closes, lang) })]
                    .filter(Boolean)
                    .join(' · ')}
                </li>
              ))}
            </ul>
          </>
        )}
        {p.application.note && <p>{pickText(p.application.note, lang)}</p>}
        {(p.eligibility.other?.length ?? 0) > 0 && (
          <>
            <h5>{t('results.otherConditions')}</h5>
            <ul>
              {p.eligibility.other!.map((o, i) => (
                <li key={i}>{pickText(o, lang)}</li>
              ))}
            </ul>
          </>
        )}
        <p>{pickText(p.howToApply, lang)}</p>
        <h5>{t('card.sources')}</h5>
        <ul className="youth-sources">
          {p.sources.map((s) => (
            <li key={s.url}>
              <a href={s.url} {...EXTERNAL}>
                {new URL(s.url).hostname}
                <span className="youth-sr-only"> {t('card.external')}</span>
              </a>{' '}
              ({t(`sourceTag.${s.tag}`)})
            </li>
          ))}
        </ul>
      </details>

      {p.officialUrl ? (
        <p>
          <a className="youth-official" href={p.officialUrl} {...EXTERNAL}>
            {t('card.officialLink')}
            <span className="youth-sr-only"> {t('card.external')}</span>
          </a>
        </p>
      ) : (
        <p className="youth-contact">
          {t('card.contact')}
          {t('card.labelSep')}
          {pickText(p.contact ?? p.organiser, lang)}
        </p>
      )}
      <p className="youth-muted">{t('card.lastChecked', { date: formatDay(p.lastChecked, lang) })}</p>
    </article>
  );
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={`youth-field${error ? ' youth-field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="youth-muted">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} className="youth-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export default function YouthPage() {
  const { t, lang } = useYouthT();
  const asOf = useMemo(() => todayInCst(), []);
  const [kept] = useState(() => readKeptForm(typeof localStorage === 'undefined' ? undefined : localStorage));
  const [values, setValues] = useState<FormValues>(kept?.values ?? EMPTY_FORM);
  const [errors, setErrors] = useState<FormErrors>({});
  const [outcome, setOutcome] = useState<MatchOutcome | null>(() => {
    if (!kept?.submitted) return null;
    const { profile } = validateForm(kept.values, asOf);
    return profile ? matchProgrammes(PROGRAMMES, profile) : null;
  });
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    try {
      localStorage.setItem(FORM_STORAGE_KEY, JSON.stringify({ values, submitted: outcome !== null }));
    } catch {
      /* storage refused: the form still works for this visit */
    }
  }, [values, outcome]);
  const forget = () => {
    try {
      localStorage.removeItem(FORM_STORAGE_KEY);
    } catch {
      /* nothing stored */
    }
    setValues(EMPTY_FORM);
    setOutcome(null);
    setErrors({});
  };

  const set = (field: keyof FormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));
  const toggleInterest = (interest: Interest) =>
    setValues((v) => ({
      ...v,
      interests: v.interests.includes(interest) ? v.interests.filter((i) => i !== interest) : [...v.interests, interest],
    }));

  const errorText = (field: FormField) => {
    const e = errors[field];
    return e ? t(`errors.${e.key}`, e.params) : undefined;
  };
  const describedBy = (field: FormField, hint = false) =>
    [hint && `youth-${field}-hint`, errors[field] && `youth-${field}-error`].filter(Boolean).join(' ') || undefined;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const { profile, errors: found } = validateForm(values, asOf);
    setErrors(found);
    if (!profile) {
      setOutcome(null);
      return;
    }
    setOutcome(matchProgrammes(PROGRAMMES, profile));
    requestAnimationFrame(() => resultsHeading.current?.focus());
  }

  const browse = useMemo(
    () =>
      PROGRAMMES.map((p) =>
        evaluate(p, { asOf, identity: 'hk', education: 'secondary', interests: [...INTERESTS] }, PROGRAMMES),
      ).sort(byDeadline),
    [asOf],
  );
  const places = PROGRAMMES.filter((p) => p.place);

  return (
    <div className="youth-page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p className="youth-muted">{t('privacy')}</p>
      <p className="youth-muted">{t('disclaimer')}</p>

      <section aria-labelledby="youth-form-heading" className="youth-form-section">
        <h2 id="youth-form-heading">{t('form.heading')}</h2>
        <form onSubmit={onSubmit} noValidate className="youth-form">
          {Object.keys(errors).length > 0 && <p className="youth-error">{t('form.errorSummary')}</p>}
          <div className="youth-row">
            <Field id="youth-age" label={t('form.age')} error={errorText('age')} hint={t('form.ageHint')}>
              <input
                id="youth-age"
                name="age"
                type="number"
                inputMode="numeric"
                min={10}
                max={80}
                value={values.age}
                onChange={set('age')}
                aria-invalid={!!errors.age}
                aria-describedby={describedBy('age', true)}
              />
            </Field>
            <Field id="youth-birthDate" label={t('form.birthDate')} error={errorText('birthDate')}>
              <input
                id="youth-birthDate"
                name="birthDate"
                type="date"
                max={asOf}
                value={values.birthDate}
                onChange={set('birthDate')}
                aria-invalid={!!errors.birthDate}
                aria-describedby={describedBy('birthDate')}
              />
            </Field>
          </div>

          <fieldset className="youth-fieldset" aria-describedby={errors.identity ? 'youth-identity-error' : undefined}>
            <legend>{t('form.identity')}</legend>
            {IDENTITIES.map((id) => (
              <label key={id} className="youth-choice">
                <input
                  type="radio"
                  name="identity"
                  value={id}
                  checked={values.identity === id}
                  onChange={set('identity')}
                />
                {t(`identity.${id}`)}
              </label>
            ))}
            {errors.identity && (
              <p id="youth-identity-error" className="youth-error" role="alert">
                {errorText('identity')}
              </p>
            )}
          </fieldset>

          <Field id="youth-education" label={t('form.education')} error={errorText('education')} hint={t('form.educationHint')}>
            <select
              id="youth-education"
              name="education"
              value={values.education}
              onChange={set('education')}
              aria-invalid={!!errors.education}
              aria-describedby={describedBy('education', true)}
            >
              <option value="">—</option>
              {EDUCATION_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`education.${level}`)}
                </option>
              ))}
            </select>
          </Field>

          <Field
            id="youth-graduationYear"
            label={t('form.graduationYear')}
            error={errorText('graduationYear')}
            hint={t('form.graduationYearHint')}
          >
            <input
              id="youth-graduationYear"
              name="graduationYear"
              type="number"
              inputMode="numeric"
              min={1960}
              value={values.graduationYear}
              onChange={set('graduationYear')}
              aria-invalid={!!errors.graduationYear}
              aria-describedby={describedBy('graduationYear', true)}
            />
          </Field>

          <fieldset className="youth-fieldset" aria-describedby={errors.interests ? 'youth-interests-error' : undefined}>
            <legend>{t('form.interests')}</legend>
            {INTERESTS.map((interest) => (
              <label key={interest} className="youth-choice">
                <input
                  type="checkbox"
                  name="interests"
                  value={interest}
                  checked={values.interests.includes(interest)}
                  onChange={() => toggleInterest(interest)}
                />
                {t(`interest.${interest}`)}
              </label>
            ))}
            {errors.interests && (
              <p id="youth-interests-error" className="youth-error" role="alert">
                {errorText('interests')}
              </p>
            )}
          </fieldset>

          <div className="youth-row">
            <button type="submit" className="youth-button youth-button--primary">
              {t('form.submit')}
            </button>
            <button type="button" className="youth-button" onClick={forget}>
              {t('form.forget')}
            </button>
          </div>
          <p className="youth-muted">{t('form.kept')}</p>
        </form>
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

      <section aria-labelledby="youth-places-heading">
        <h2 id="youth-places-heading">{t('places.heading')}</h2>
        <p className="youth-muted">{t('places.intro')}</p>
        <ul className="youth-places">
          {places.map((p) => {
            const place = p.place!;
            const placeName = pickText(place.name, lang);
            const district = place.town && isTownCode(place.town) ? townName(place.town, lang) : undefined;
            return (
              <li key={p.id} className="youth-place">
                <h3>{placeName}</h3>
                {district && <p>{t('places.district', { name: district })}</p>}
                <p className="youth-muted">{place.address ? pickText(place.address, lang) : t('places.noAddress')}</p>
                {place.searchKeyword && (
                  <a
                    className="youth-button"
                    href={amapSearchUrl(place.searchKeyword)}
                    aria-label={t('places.amapSearchLabel', { name: placeName })}
                    {...EXTERNAL}
                  >
                    {t('places.amapSearch')}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
