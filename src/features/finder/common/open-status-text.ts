/** Words for an openStatus result, with times shown in China Standard Time. */
import type { TFunction } from 'i18next';
import { unknownHolidayYear, type OpenStatus } from './open-now';

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : lang === 'zh-Hant' ? 'zh-Hant-HK' : 'zh-CN');

// Building an Intl.DateTimeFormat costs far more than formatting with one: every list row asks.
const formats = new Map<string, Intl.DateTimeFormat>();

export function changeTime(at: Date, now: Date, lang: string): string {
  const sameDay = at.getTime() - now.getTime() < 20 * 3_600_000;
  const key = `${lang}|${sameDay}`;
  let fmt = formats.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale(lang), {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      ...(sameDay ? {} : { weekday: 'short' as const }),
    });
    formats.set(key, fmt);
  }
  return fmt.format(at);
}

/** `hasHours`: the record has weekly hours, so "unknown" can only mean the holiday year is not known. */
export function openStatusText(status: OpenStatus | 'unknown', now: Date, lang: string, t: TFunction, hasHours = false): string {
  if (status === 'unknown') {
    const year = hasHours ? unknownHolidayYear(now) : null;
    return year !== null ? t('finder:status.holidayYearUnknown', { year }) : t('finder:status.unknown');
  }
  if (status.open && status.allDay && !status.nextChange) return t('finder:status.allDay');
  const head = t(status.open ? 'finder:status.open' : 'finder:status.closed');
  if (!status.nextChange) return head;
  const time = changeTime(status.nextChange, now, lang);
  return `${head} · ${t(status.open ? 'finder:status.until' : 'finder:status.opens', { time })}`;
}
