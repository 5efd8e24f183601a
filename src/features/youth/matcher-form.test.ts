import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, validateForm, type FormValues } from './matcher-form.ts';

const ok: FormValues = {
  age: '24',
  birthDate: '',
  identity: 'hk',
  education: 'bachelor',
  graduationYear: '2025',
  interests: ['employment'],
};
const asOf = '2026-11-28';

describe('validateForm', () => {
  it('an empty form names every missing answer', () => {
    const { profile, errors } = validateForm(EMPTY_FORM, asOf);
    expect(profile).toBeUndefined();
    expect(Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v!.key]))).toEqual({
      age: 'ageOrBirthDate',
      identity: 'identity',
      education: 'education',
      interests: 'interests',
    });
  });

  it('a complete form gives a profile for the as-of day', () => {
    expect(validateForm(ok, asOf)).toEqual({
      errors: {},
      profile: { asOf, age: 24, identity: 'hk', education: 'bachelor', graduationYear: 2025, interests: ['employment'] },
    });
  });

  it.each([
    ['9', 'age'],
    ['81', 'age'],
    ['24.5', 'age'],
    ['10', undefined],
    ['80', undefined],
  ])('age %s → error %s', (age, key) => {
    expect(validateForm({ ...ok, age }, asOf).errors.age?.key).toBe(key);
  });

  it('a birth date may replace the age, but not a future or impossible one', () => {
    expect(validateForm({ ...ok, age: '', birthDate: '2002-05-01' }, asOf).profile).toMatchObject({ birthDate: '2002-05-01' });
    expect(validateForm({ ...ok, age: '', birthDate: '2026-11-29' }, asOf).errors.birthDate?.key).toBe('birthDate');
    expect(validateForm({ ...ok, age: '', birthDate: '2002-02-30' }, asOf).errors.birthDate?.key).toBe('birthDate');
  });

  it('graduation year is optional and bounded', () => {
    expect(validateForm({ ...ok, graduationYear: '' }, asOf).profile?.graduationYear).toBeUndefined();
    expect(validateForm({ ...ok, graduationYear: '2035' }, asOf).errors.graduationYear).toEqual({
      key: 'graduationYear',
      params: { max: 2034 },
    });
    expect(validateForm({ ...ok, graduationYear: '1959' }, asOf).errors.graduationYear?.key).toBe('graduationYear');
  });
});
