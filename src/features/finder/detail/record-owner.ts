/**
 * Who answers for a record, and the "report a problem" link that reaches them (issue 22).
 * The owner comes from the manifest's `sources[]` entry whose id is the record's `source.id`; a record
 * without one falls back to the feed's single source. The link only opens the owner's own channel
 * (a call, an e-mail draft, a web page): the app itself sends nothing. Pure: no React, no store.
 */
import type { FeedManifest, ServiceRecord } from '../../../data/feed-schema';
import { CONTACT_URL } from '../../../data/safe-url';

/** The city's public-service hotline: where a report goes when the owner gave no contact. */
export const CITY_HOTLINE_HREF = 'tel:12345';

type LocalText = { zh: string; en: string; zhHant?: string };
type ManifestSource = FeedManifest['sources'][number];

export interface RecordOwner {
  /** The owner's name; null for sample records and records whose source the manifest does not name. */
  name: LocalText | null;
  /** A checked tel:, mailto: or https: address, or null (then reports go to 12345). */
  contact: string | null;
}

function sourceOf(record: ServiceRecord, sources: readonly ManifestSource[]): ManifestSource | undefined {
  const id = record.source.id;
  if (id !== undefined) return sources.find((s) => s.id === id);
  // A feed from one list (data:import) names no source ids: its records' source comes first, then the
  // sources of the town boundaries and census figures. A many-owner feed names ids, so there the owner is unknown.
  return sources.some((s) => s.id !== undefined) ? undefined : sources[0];
}

export function recordOwner(record: ServiceRecord, manifest: Pick<FeedManifest, 'sources'> | null | undefined): RecordOwner {
  if (record.source.kind === 'sample') return { name: null, contact: null };
  const source = sourceOf(record, manifest?.sources ?? []);
  if (!source) return { name: null, contact: null };
  const contact = source.contact !== undefined && CONTACT_URL.test(source.contact) ? source.contact : null;
  return { name: source.owner ?? source.name, contact };
}

/** The record's update day as YYYY-MM-DD in Dongguan's time zone (the day the owner sees on their side). */
export function updatedDay(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** RFC 6068 wants every reserved character percent-encoded, line breaks as CRLF. */
const mailtoEncode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));

/**
 * The href of "report a problem": the owner's tel: or https: address as given; for mailto:, a draft whose
 * subject and body name the record (its name and id), keeping any other header the owner put in the address;
 * the city hotline when the owner gave no usable contact.
 */
export function reportProblemHref(contact: string | null, draft: { subject: string; body: string }): string {
  if (contact === null || !CONTACT_URL.test(contact)) return CITY_HOTLINE_HREF;
  if (!/^mailto:/i.test(contact)) return contact;
  const [address = '', query = ''] = contact.slice('mailto:'.length).split('?', 2);
  const kept = query.split('&').filter((pair) => pair !== '' && !/^(subject|body)=/i.test(pair));
  const headers = [...kept, `subject=${mailtoEncode(draft.subject)}`, `body=${mailtoEncode(draft.body)}`];
  return `mailto:${address}?${headers.join('&')}`;
}

/** How the link opens: a web page in a new tab, a call or an e-mail draft in place. */
export const opensWebPage = (href: string): boolean => /^https:/i.test(href);
