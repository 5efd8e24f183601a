/**
 * Turns matcher checks into sentences. The templates live in the `youth` i18n namespace so the page
 * (through i18next) and the CLI (through the JSON files) say exactly the same thing.
 */
import type { Check } from './programme-matcher.ts';

import type { Language } from '../../i18n/languages.ts';

export type YouthLang = Language;
export type Translate = (key: string, params?: Record<string, string | number>) => string;

const INTL_LOCALE: Record<YouthLang, string> = { 'zh-Hans': 'zh-CN', en: 'en-GB', 'zh-Hant': 'zh-HK' };

/** "January 2025" / "2025年1月". */
export function formatMonth(isoDate: string, lang: YouthLang): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** "31 December 2024" / "2024年12月31日". */
export function formatDay(isoDate: string, lang: YouthLang): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

function ageLimit(t: Translate, min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return t('check.limitRange', { min, max });
  if (max !== undefined) return t('check.limitMax', { max });
  return t('check.limitMin', { min: min ?? 0 });
}

function graduationWindow(t: Translate, c: { from?: number; to?: number; withinYears?: number }): string {
  if (c.withinYears !== undefined) return t('check.gradWithin', { n: c.withinYears });
  if (c.from !== undefined && c.to !== undefined) return t('check.gradWindow', { from: c.from, to: c.to });
  if (c.from !== undefined) return t('check.gradFrom', { from: c.from });
  return t('check.gradTo', { to: c.to ?? 0 });
}

export function describeCheck(check: Check, lang: YouthLang, t: Translate): string {
  switch (check.code) {
    case 'interest':
      return t('check.interestOk', {
        interests: check.interests.map((i) => t(`interest.${i}`)).join(t('listSeparator')),
      });
    case 'identity': {
      const identity = t(`identity.${check.identity}`);
      if (check.ok) return t('check.identityOk', { identity });
      const allowed = check.allowed.map((i) => t(`identityPlural.${i}`)).join(t('listSeparator'));
      return t('check.identityFail', { identity, allowed });
    }
    case 'age': {
      const limit = ageLimit(t, check.min, check.max);
      if (check.ok) return t('check.ageOk', { age: check.age, limit });
      if (check.since) return t('check.ageFailSince', { age: check.age, limit, since: formatMonth(check.since, lang) });
      return t('check.ageFail', { age: check.age, limit });
    }
    case 'education': {
      const params = { education: t(`education.${check.education}`), min: t(`education.${check.min}`) };
      return t(check.ok ? 'check.educationOk' : 'check.educationFail', params);
    }
    case 'graduation': {
      const window = graduationWindow(t, check);
      if (check.year === undefined) return t('check.graduationMissing', { window });
      return t(check.ok ? 'check.graduationOk' : 'check.graduationFail', { year: check.year, window });
    }
    case 'ageOrGraduation': {
      const limit = ageLimit(t, check.min, check.max);
      const window = graduationWindow(t, check);
      if (!check.ok) return t('check.ageOrGraduationFail', { age: check.age, limit, window });
      const ageOk = (check.min === undefined || check.age >= check.min) && (check.max === undefined || check.age <= check.max);
      if (ageOk) return t('check.ageOk', { age: check.age, limit });
      return t('check.graduationOk', { year: check.year ?? '', window });
    }
    case 'depends':
      switch (check.on) {
        case 'age':
          return t('check.dependsAge', { limit: ageLimit(t, check.min, check.max) });
        case 'education':
          return t('check.dependsEducation', { min: t(`education.${check.min}`) });
        case 'graduation':
          return t('check.dependsGraduation', { window: graduationWindow(t, check) });
        case 'ageOrGraduation':
          return t('check.dependsAgeOrGraduation', { limit: ageLimit(t, check.min, check.max), window: graduationWindow(t, check) });
      }
  }
}

/** A Translate over a plain namespace object (for the CLI and tests): dotted keys, {{name}} placeholders. */
export function translatorFor(messages: Record<string, unknown>): Translate {
  return (key, params = {}) => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') return key;
    return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
  };
}
