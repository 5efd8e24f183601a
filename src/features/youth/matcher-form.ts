/** Validation of the /youth form: raw field strings in, a matcher profile or per-field error keys out. */
import { EDUCATION_LEVELS, IDENTITIES, INTERESTS, type EducationLevel, type Identity, type Interest } from '../../data/programme-schema.ts';
import { ageOn, type YouthProfile } from './programme-matcher.ts';

export interface FormValues {
  age: string;
  birthDate: string;
  identity: string;
  education: string;
  graduationYear: string;
  interests: Interest[];
}

export type FormField = 'age' | 'birthDate' | 'identity' | 'education' | 'graduationYear' | 'interests';
/** Field → i18n key under `errors.` (plus params). */
export type FormErrors = Partial<Record<FormField, { key: string; params?: Record<string, number> }>>;

export const EMPTY_FORM: FormValues = { age: '', birthDate: '', identity: '', education: '', graduationYear: '', interests: [] };
/** What the form starts with: every kind of programme ticked (asks nothing about the person: region and education are theirs to say). */
export const DEFAULT_FORM: FormValues = { ...EMPTY_FORM, interests: [...INTERESTS] };

const realDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export function validateForm(values: FormValues, asOf: string): { profile?: YouthProfile; errors: FormErrors } {
  const errors: FormErrors = {};
  const ageText = values.age.trim();
  const birth = values.birthDate.trim();
  let age: number | undefined;
  if (!ageText && !birth) errors.age = { key: 'ageOrBirthDate' };
  if (ageText) {
    age = Number(ageText);
    if (!/^\d{1,3}$/.test(ageText) || age < 10 || age > 80) errors.age = { key: 'age' };
  }
  if (birth && (!realDate(birth) || birth > asOf || birth < '1900-01-01')) errors.birthDate = { key: 'birthDate' };
  // A real birth date can still give an age the matcher does not take (issue 14: 1947 → 81).
  else if (birth && (ageOn(birth, asOf) < 10 || ageOn(birth, asOf) > 80)) errors.birthDate = { key: 'birthDateAge' };

  if (!(IDENTITIES as readonly string[]).includes(values.identity)) errors.identity = { key: 'identity' };
  if (!(EDUCATION_LEVELS as readonly string[]).includes(values.education)) errors.education = { key: 'education' };

  const maxYear = Number(asOf.slice(0, 4)) + 8;
  const gradText = values.graduationYear.trim();
  let graduationYear: number | undefined;
  if (gradText) {
    graduationYear = Number(gradText);
    if (!/^\d{4}$/.test(gradText) || graduationYear < 1960 || graduationYear > maxYear) {
      errors.graduationYear = { key: 'graduationYear', params: { max: maxYear } };
    }
  }
  const interests = values.interests.filter((i) => (INTERESTS as readonly string[]).includes(i));
  if (interests.length === 0) errors.interests = { key: 'interests' };

  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    profile: {
      asOf,
      ...(birth ? { birthDate: birth } : { age }),
      identity: values.identity as Identity,
      education: values.education as EducationLevel,
      graduationYear,
      interests,
    },
  };
}

export const FORM_STORAGE_KEY = 'dg-nearby:youth-form';

/** The form as kept on the device, read defensively: anything unexpected is dropped, never trusted. */
export function readKeptForm(storage: Pick<Storage, 'getItem'> | undefined): { values: FormValues; submitted: boolean } | null {
  try {
    const raw = storage?.getItem(FORM_STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { values?: Record<string, unknown>; submitted?: unknown };
    const v = parsed?.values;
    if (!v || typeof v !== 'object') return null;
    const str = (k: keyof FormValues) => (typeof v[k] === 'string' ? (v[k] as string) : '');
    const interests = Array.isArray(v.interests)
      ? v.interests.filter((i): i is Interest => (INTERESTS as readonly unknown[]).includes(i))
      : [];
    return {
      values: {
        age: str('age'),
        birthDate: str('birthDate'),
        identity: str('identity'),
        education: str('education'),
        graduationYear: str('graduationYear'),
        interests,
      },
      submitted: parsed.submitted === true,
    };
  } catch {
    return null;
  }
}
