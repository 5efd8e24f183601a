/** Formats a benefit's amount, currency, period and duration as one phrase. */
import type { Benefit } from '../../data/programme-schema.ts';
import type { Translate, YouthLang } from './describe-check.ts';

const INTL_LOCALE: Record<YouthLang, string> = { 'zh-Hans': 'zh-CN', en: 'en-GB', 'zh-Hant': 'zh-HK' };

export function formatMoney(amount: number, currency: 'HKD' | 'CNY', lang: YouthLang): string {
  return new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

/** "HK$12,000 a month, up to … " or undefined when the benefit has no figure. */
export function amountText(b: Benefit, lang: YouthLang, t: Translate): string | undefined {
  if (b.amount === undefined || !b.currency) return undefined;
  let text = formatMoney(b.amount, b.currency, lang);
  if (b.upTo) text = t('amount.upTo', { amount: text });
  if (b.period) text = t(`amount.${b.period}`, { amount: text });
  if (b.durationMonths) text = `${text}${t('amount.join')}${t('amount.duration', { n: b.durationMonths })}`;
  return text;
}
