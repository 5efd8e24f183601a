/** The matcher form: age or birth date, identity, education, graduation year, interests. Values and errors live in the page. */
import type { FormEvent } from 'react';
import { EDUCATION_LEVELS, IDENTITIES, INTERESTS, type Interest } from '../../data/programme-schema.ts';
import { FormField, FormFieldset, type FieldLook } from '../../ui/form-field.tsx';
import type { FormErrors, FormField as FieldName, FormValues } from './matcher-form.ts';
import { useYouthT } from './use-youth-text.ts';

const LOOK: FieldLook = {
  field: 'youth-field',
  invalidField: 'youth-field--error',
  hint: 'youth-muted',
  error: 'youth-error',
  announceErrors: true,
};

interface MatcherFormProps {
  values: FormValues;
  errors: FormErrors;
  /** The latest day a birth date may be (today in China Standard Time). */
  asOf: string;
  onChange: (values: (previous: FormValues) => FormValues) => void;
  onSubmit: (e: FormEvent) => void;
  onForget: () => void;
}

export function MatcherForm({ values, errors, asOf, onChange, onSubmit, onForget }: MatcherFormProps) {
  const { t } = useYouthT();
  const set = (field: keyof FormValues) => (e: { target: { value: string } }) => onChange((v) => ({ ...v, [field]: e.target.value }));
  const toggleInterest = (interest: Interest) =>
    onChange((v) => ({
      ...v,
      interests: v.interests.includes(interest) ? v.interests.filter((i) => i !== interest) : [...v.interests, interest],
    }));
  const errorText = (field: FieldName) => {
    const e = errors[field];
    return e ? t(`errors.${e.key}`, e.params) : undefined;
  };

  return (
    <form onSubmit={onSubmit} noValidate className="youth-form">
      {Object.keys(errors).length > 0 && <p className="youth-error">{t('form.errorSummary')}</p>}
      <div className="youth-row">
        <FormField id="youth-age" label={t('form.age')} error={errorText('age')} hint={t('form.ageHint')} look={LOOK}>
          {(control) => (
            <input {...control} name="age" type="number" inputMode="numeric" min={10} max={80} value={values.age} onChange={set('age')} />
          )}
        </FormField>
        <FormField id="youth-birthDate" label={t('form.birthDate')} error={errorText('birthDate')} look={LOOK}>
          {(control) => <input {...control} name="birthDate" type="date" max={asOf} value={values.birthDate} onChange={set('birthDate')} />}
        </FormField>
      </div>

      <FormFieldset id="youth-identity" legend={t('form.identity')} error={errorText('identity')} className="youth-fieldset" look={LOOK}>
        {() =>
          IDENTITIES.map((id) => (
            <label key={id} className="youth-choice">
              <input type="radio" name="identity" value={id} checked={values.identity === id} onChange={set('identity')} />
              {t(`identity.${id}`)}
            </label>
          ))
        }
      </FormFieldset>

      <FormField id="youth-education" label={t('form.education')} error={errorText('education')} hint={t('form.educationHint')} look={LOOK}>
        {(control) => (
          <select {...control} name="education" value={values.education} onChange={set('education')}>
            <option value="">—</option>
            {EDUCATION_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`education.${level}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>

      <FormField
        id="youth-graduationYear"
        label={t('form.graduationYear')}
        error={errorText('graduationYear')}
        hint={t('form.graduationYearHint')}
        look={LOOK}
      >
        {(control) => (
          <input
            {...control}
            name="graduationYear"
            type="number"
            inputMode="numeric"
            min={1960}
            value={values.graduationYear}
            onChange={set('graduationYear')}
          />
        )}
      </FormField>

      <FormFieldset id="youth-interests" legend={t('form.interests')} error={errorText('interests')} className="youth-fieldset" look={LOOK}>
        {() =>
          INTERESTS.map((interest) => (
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
          ))
        }
      </FormFieldset>

      <div className="youth-row">
        <button type="submit" className="youth-button youth-button--primary">
          {t('form.submit')}
        </button>
        <button type="button" className="youth-button" onClick={onForget}>
          {t('form.forget')}
        </button>
      </div>
      <p className="youth-muted">{t('form.kept')}</p>
    </form>
  );
}
