/**
 * Localised answer text. Reasons are built from templates in rules/messages.json in all three
 * languages, so the CLI prints {zh, en} and the app shows the user's language without i18next.
 */
import messages from './rules/messages.json';
import { TOWN_BY_CODE } from '../../geo/towns.ts';

export interface LocalText {
  zh: string;
  en: string;
  zhHant?: string;
}

export type MessageKey = keyof typeof messages;
export type TextParam = string | number | LocalText;

const formatParam = (p: TextParam, lang: 'zh' | 'en' | 'zhHant'): string => {
  // Group thousands only from 10,000 up, so years and day counts read naturally.
  if (typeof p === 'number') return Math.abs(p) >= 10_000 ? p.toLocaleString('en-US') : String(Math.round(p * 100) / 100);
  if (typeof p === 'string') return p;
  return lang === 'zhHant' ? (p.zhHant ?? p.zh) : p[lang];
};

const fill = (template: string, params: Record<string, TextParam>, lang: 'zh' | 'en' | 'zhHant') =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = params[name];
    if (p === undefined) throw new Error(`enrolment message is missing parameter ${name}`);
    return formatParam(p, lang);
  });

export function msg(key: MessageKey, params: Record<string, TextParam> = {}): LocalText {
  const m: LocalText = messages[key];
  return {
    zh: fill(m.zh, params, 'zh'),
    en: fill(m.en, params, 'en'),
    zhHant: fill(m.zhHant ?? m.zh, params, 'zhHant'),
  };
}

/** Join several texts with a separator per language. */
export function joinText(parts: LocalText[], sep: LocalText = { zh: '；', en: '; ', zhHant: '；' }): LocalText {
  return {
    zh: parts.map((p) => p.zh).join(sep.zh),
    en: parts.map((p) => p.en).join(sep.en),
    zhHant: parts.map((p) => p.zhHant ?? p.zh).join(sep.zhHant ?? sep.zh),
  };
}

export function townText(code: string): LocalText {
  const t = TOWN_BY_CODE.get(code);
  return t ? { zh: t.zh, en: t.en, zhHant: t.zhHant } : { zh: code, en: code };
}
