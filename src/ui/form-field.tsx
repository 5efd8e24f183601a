/**
 * One labelled form control with its hint and error message wired for assistive technology: the hint and the
 * error are linked with aria-describedby, an invalid control says so with aria-invalid. The enrolment and youth
 * forms share it; each passes its own class names (`look`) so its stylesheet applies unchanged.
 */
import type { ReactNode } from 'react';

export interface FieldLook {
  field: string;
  /** Added to `field` while the control is invalid. */
  invalidField?: string;
  hint: string;
  error: string;
  /** Announce the error as soon as it appears (role="alert"). */
  announceErrors?: boolean;
}

/** The attributes the control itself must carry. */
export interface ControlWiring {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

export function controlWiring(id: string, { hint, error }: { hint?: string | undefined; error?: string | undefined }): ControlWiring {
  const describedBy = [hint && hintId(id), error && errorId(id)].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}

function FieldError({ id, error, look }: { id: string; error: string | undefined; look: FieldLook }) {
  if (!error) return null;
  return (
    <p id={errorId(id)} className={look.error} role={look.announceErrors ? 'alert' : undefined}>
      {error}
    </p>
  );
}

interface FormFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  /** The message, already in the UI language; none while the value is fine. */
  error?: string | undefined;
  look: FieldLook;
  children: (control: ControlWiring) => ReactNode;
}

export function FormField({ id, label, hint, error, look, children }: FormFieldProps) {
  return (
    <div className={error && look.invalidField ? `${look.field} ${look.invalidField}` : look.field}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId(id)} className={look.hint}>
          {hint}
        </p>
      )}
      {children(controlWiring(id, { hint, error }))}
      <FieldError id={id} error={error} look={look} />
    </div>
  );
}

interface FormFieldsetProps {
  /** The id the first control of the group gets (what an error summary links to). */
  id: string;
  legend: string;
  error?: string | undefined;
  className: string;
  look: FieldLook;
  children: (control: ControlWiring) => ReactNode;
}

/** A group of radios or checkboxes under one legend, with the group's error. */
export function FormFieldset({ id, legend, error, className, look, children }: FormFieldsetProps) {
  const control = controlWiring(id, { error });
  return (
    <fieldset className={className} aria-describedby={control['aria-describedby']}>
      <legend>{legend}</legend>
      {children(control)}
      <FieldError id={id} error={error} look={look} />
    </fieldset>
  );
}
