/** Small accessible form pieces for the wizard: every input has a label, errors are linked with aria-describedby. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TOWNS, townName } from '../../geo/towns';
import type { Language } from '../../i18n/languages';

export interface FieldError {
  code: string;
  values?: Record<string, string | number>;
}

export const fieldId = (name: string) => `enr-${name.replace(/\./g, '-')}`;

function ErrorText({ id, error }: { id: string; error: FieldError | undefined }) {
  const { t } = useTranslation('enrolment');
  if (!error) return null;
  return (
    <p id={id} className="enr-error">
      {t(`errors.${error.code}`, error.values)}
    </p>
  );
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

interface InputProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: FieldError | undefined;
  type?: 'date' | 'text';
  inputMode?: 'numeric' | 'decimal';
  hint?: string;
}

export function InputField({ name, label, value, onChange, error, type = 'text', inputMode, hint }: InputProps) {
  const id = fieldId(name);
  return (
    <div className="enr-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="enr-hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        onChange={(e) => onChange(e.target.value)}
      />
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

interface ChoiceProps<T extends string> {
  name: string;
  legend: string;
  options: readonly T[];
  labelOf: (option: T) => string;
  value: string;
  onChange: (value: T) => void;
  error: FieldError | undefined;
}

export function ChoiceField<T extends string>({ name, legend, options, labelOf, value, onChange, error }: ChoiceProps<T>) {
  const id = fieldId(name);
  return (
    <fieldset className="enr-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((option, i) => (
        <label key={option} className="choice">
          <input
            id={i === 0 ? id : undefined}
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={() => onChange(option)}
          />
          {labelOf(option)}
        </label>
      ))}
      <ErrorText id={`${id}-error`} error={error} />
    </fieldset>
  );
}

export function TownField({ name, label, value, onChange, error, language }: Omit<InputProps, 'type' | 'inputMode' | 'hint'> & { language: Language }) {
  const { t } = useTranslation('enrolment');
  const id = fieldId(name);
  return (
    <div className="enr-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('chooseTown')}</option>
        {TOWNS.map((town) => (
          <option key={town.code} value={town.code}>
            {townName(town.code, language)}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

export function Why({ children }: { children: ReactNode }) {
  const { t } = useTranslation('enrolment');
  return (
    <details className="enr-why">
      <summary>{t('why')}</summary>
      <p>{children}</p>
    </details>
  );
}
