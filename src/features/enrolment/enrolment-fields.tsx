/** Small accessible form pieces for the wizard: every input has a label, errors are linked with aria-describedby. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TOWNS, townName } from '../../geo/towns';
import type { Language } from '../../i18n/languages';
import { FormField, FormFieldset, type FieldLook } from '../../ui/form-field';

export interface FieldError {
  code: string;
  values?: Record<string, string | number>;
}

export const fieldId = (name: string) => `enr-${name.replace(/\./g, '-')}`;

const LOOK: FieldLook = { field: 'enr-field', hint: 'enr-hint', error: 'enr-error' };

function useErrorText(error: FieldError | undefined): string | undefined {
  const { t } = useTranslation('enrolment');
  return error && t(`errors.${error.code}`, error.values);
}

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
  return (
    <FormField id={fieldId(name)} label={label} hint={hint} error={useErrorText(error)} look={LOOK}>
      {(control) => (
        <input {...control} name={name} type={type} inputMode={inputMode} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </FormField>
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
  return (
    <FormFieldset id={fieldId(name)} legend={legend} error={useErrorText(error)} className="enr-fieldset" look={LOOK}>
      {({ id, ...control }) =>
        options.map((option, i) => (
          <label key={option} className="choice">
            <input
              {...control}
              id={i === 0 ? id : undefined}
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            {labelOf(option)}
          </label>
        ))
      }
    </FormFieldset>
  );
}

export function TownField({
  name,
  label,
  value,
  onChange,
  error,
  language,
}: Omit<InputProps, 'type' | 'inputMode' | 'hint'> & { language: Language }) {
  const { t } = useTranslation('enrolment');
  return (
    <FormField id={fieldId(name)} label={label} error={useErrorText(error)} look={LOOK}>
      {(control) => (
        <select {...control} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('chooseTown')}</option>
          {TOWNS.map((town) => (
            <option key={town.code} value={town.code}>
              {townName(town.code, language)}
            </option>
          ))}
        </select>
      )}
    </FormField>
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
