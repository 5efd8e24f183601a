/**
 * Field normalisers shared by the importers: phones with extensions, URLs, clock times with
 * 12-hour forms and time zones, addresses. Each returns the value or a reason it could not be kept,
 * so the importer can report it.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { SAFE_URL } from '../data/safe-url.ts';

/* ---------- phones ---------- */

export interface Phone {
  number: string;
  ext?: string;
}

const PHONE_NUMBER = /^\+?[0-9][0-9\- ]{2,30}$/;
/** 转 / 轉 / 分机 / x / ext. / # introduce an extension: "0769-22223333转8001", "305-932-4200 x151". */
const EXTENSION = /\s*(?:转|轉|分机|分機|ext\.?|extension|x|#)\s*([0-9]{1,8})\s*$/i;

/** One phone field (possibly several numbers separated by ; ， / 、) → phones, plus the parts that were not phones. */
export function parsePhones(raw: string): { phones: Phone[]; rejected: string[] } {
  const phones: Phone[] = [];
  const rejected: string[] = [];
  for (const part of raw.split(/[;；,，、/|\n]+/)) {
    // NFKC turns full-width digits and signs (０７６９－…) into ASCII; plain ASCII needs no work.
    const text = (/^[\x20-\x7e]*$/.test(part) ? part : part.normalize('NFKC')).replace(/["'“”]/g, '').trim();
    if (!text) continue;
    const ext = EXTENSION.exec(text);
    const main = (ext ? text.slice(0, ext.index) : text)
      .replace(/[().]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/\s*-\s*/g, '-')
      .trim();
    if (!PHONE_NUMBER.test(main)) {
      rejected.push(text.slice(0, 40));
      continue;
    }
    if (!phones.some((p) => p.number === main && p.ext === ext?.[1])) phones.push({ number: main, ...(ext ? { ext: ext[1]! } : {}) });
  }
  return { phones: phones.slice(0, 10), rejected };
}

/* ---------- URLs ---------- */

const isUri = fullFormats.uri as (s: string) => boolean;
const HOST = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}(?::\d{1,5})?(?:[/?#]|$)/u;

/**
 * A URL the feed can keep and the HSDS export can write as a `uri`: http(s) only; a missing scheme
 * gets https:// when the rest starts with a valid host name; a second '#' is percent-encoded.
 */
export function normaliseUrl(raw: string): { url: string; changed: boolean } | { reason: string } {
  let text = raw.trim();
  if (!text) return { reason: 'empty' };
  // tel: links are feed URLs too (they go to HSDS phones on export, never to a uri field).
  if (/^tel:/i.test(text)) return SAFE_URL.test(text) ? { url: text, changed: false } : { reason: 'tel: link without a number' };
  let changed = false;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    if (!HOST.test(text.replace(/^\/\//, ''))) return { reason: 'no scheme and not a host name' };
    text = `https://${text.replace(/^\/\//, '')}`;
    changed = true;
  }
  if (!/^https?:\/\//i.test(text)) return { reason: 'scheme not http(s)' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { reason: 'not a URL' };
  }
  if (url.username || url.password) return { reason: 'credentials in URL' };
  let href = url.href;
  const hash = href.indexOf('#');
  if (hash >= 0 && href.indexOf('#', hash + 1) >= 0) href = href.slice(0, hash + 1) + href.slice(hash + 1).replaceAll('#', '%23');
  if (href !== text) changed = true;
  if (href.length > 2048) return { reason: 'longer than 2048 characters' };
  if (!SAFE_URL.test(href) || !isUri(href)) return { reason: 'not a valid URI' };
  return { url: href, changed };
}

/* ---------- clock times ---------- */

/** Minutes after local midnight and the UTC offset in minutes when the value states one. */
export interface ClockTime {
  minutes: number;
  offsetMinutes?: number;
}

const CLOCK = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*(a\.?m\.?|p\.?m\.?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** "9:00", "09:00:00", "9:00am", "9 PM", "17:30:00Z", "08:00:00+08:00" → ClockTime, or null. */
export function parseClock(raw: string): ClockTime | null {
  const m = CLOCK.exec(raw.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const ampm = m[4]?.toLowerCase().replace(/\./g, '');
  if (m[2] === undefined && !ampm) return null; // a bare number is not a time
  if (min > 59) return null;
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (h > 24 || (h === 24 && min > 0)) return null;
  const zone = m[5];
  let offsetMinutes: number | undefined;
  if (zone) {
    if (/^z$/i.test(zone)) offsetMinutes = 0;
    else {
      const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
      const oh = Number(z[2]);
      const om = Number(z[3] ?? 0);
      if (oh > 14 || om > 59) return null;
      offsetMinutes = (z[1] === '-' ? -1 : 1) * (oh * 60 + om);
    }
  }
  return { minutes: h * 60 + min, ...(offsetMinutes !== undefined ? { offsetMinutes } : {}) };
}

export const CHINA_OFFSET_MINUTES = 480;
const pad = (n: number) => String(n).padStart(2, '0');
export const formatClock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/* ---------- dates ---------- */

/** The calendar date at the start of an ISO string exists (no 30 February): Date.parse would roll it over. */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/* ---------- addresses ---------- */

const HAN = /\p{Script=Han}/u;
export const hasHan = (s: string) => HAN.test(s);

/** Bilingual address from the parts a source gives; one language fills the other (an address is shown as written). */
export function bilingualAddress(zh: string | undefined, en: string | undefined): { zh: string; en: string } | undefined {
  const z = zh?.trim().slice(0, 200) || undefined;
  const e = en?.trim().slice(0, 200) || undefined;
  if (!z && !e) return undefined;
  return { zh: (z ?? e)!, en: (e ?? z)! };
}
