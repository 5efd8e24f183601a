/**
 * One poll of one owner: fetch (with ETag / If-Modified-Since, a timeout and a size bound) or read the
 * file, then parse the body into rows. Every way it can fail is a named fault, so the metrics can count
 * it and the relay can keep the owner's last good figures; nothing here throws.
 */
import { readFile, stat } from 'node:fs/promises';
import { classifyBadJson } from '../../../src/data/availability-validate.ts';
import type { Owner } from './config.ts';
import { readCsv } from './csv-rows.ts';
import { parseSelector, selectAll } from './json-select.ts';

const OWNER_FAULTS = [
  'timeout',
  'network',
  'http5xx',
  'httpOther',
  'tooLarge',
  'truncated',
  'html',
  'malformedJson',
  'malformedCsv',
  'shape',
] as const;
export type OwnerFault = (typeof OWNER_FAULTS)[number];

/** What the owner said last time, for a conditional request. */
export type Validators = { etag?: string; lastModified?: string; mtimeMs?: number };

export type FetchOutcome =
  | { status: 'notModified' }
  | { status: 'body'; text: string; contentType: string; validators: Validators }
  | { status: 'fault'; fault: OwnerFault; detail: string };

export type ParseOutcome =
  { ok: true; rows: unknown[]; root: unknown; columns?: string[] } | { ok: false; fault: OwnerFault; detail: string };

/** An owner's answer above this is the wrong URL or a runaway export, not live figures. */
const MAX_OWNER_BYTES = 32 * 1024 * 1024;

const fail = (fault: OwnerFault, detail: string): FetchOutcome => ({ status: 'fault', fault, detail });

export async function fetchOwner(owner: Owner, previous: Validators, fetchImpl: typeof fetch = fetch): Promise<FetchOutcome> {
  if ('file' in owner.source) {
    try {
      const info = await stat(owner.source.file);
      if (previous.mtimeMs !== undefined && info.mtimeMs === previous.mtimeMs) return { status: 'notModified' };
      if (info.size > MAX_OWNER_BYTES) return fail('tooLarge', `${info.size} bytes`);
      const text = await readFile(owner.source.file, 'utf8');
      return { status: 'body', text, contentType: '', validators: { mtimeMs: info.mtimeMs } };
    } catch (e) {
      return fail('network', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const headers: Record<string, string> = {
    Accept: owner.format === 'csv' ? 'text/csv, */*;q=0.5' : 'application/json, */*;q=0.5',
    ...owner.headers,
  };
  if (previous.etag) headers['If-None-Match'] = previous.etag;
  if (previous.lastModified) headers['If-Modified-Since'] = previous.lastModified;
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, owner.timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetchImpl(owner.source.url, { headers, signal: ctrl.signal, redirect: 'follow' });
    } catch (e) {
      // The message of a fetch error can quote the URL; the URL is config, never a secret, but keep it short.
      return timedOut ? fail('timeout', `no answer within ${owner.timeoutMs / 1000} s`) : fail('network', causeOf(e));
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => {});
      return { status: 'notModified' };
    }
    if (res.status >= 500) {
      await res.body?.cancel().catch(() => {});
      return fail('http5xx', `HTTP ${res.status}`);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      return fail('httpOther', `HTTP ${res.status}`);
    }
    const declared = Number(res.headers.get('Content-Length'));
    if (declared > MAX_OWNER_BYTES) {
      await res.body?.cancel().catch(() => {});
      return fail('tooLarge', `Content-Length ${declared}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBounded(res);
    } catch (e) {
      if (e instanceof TooLarge) return fail('tooLarge', `more than ${MAX_OWNER_BYTES} bytes`);
      return timedOut
        ? fail('timeout', `body not finished within ${owner.timeoutMs / 1000} s`)
        : fail('truncated', `body cut off (${causeOf(e)})`);
    }
    if (declared > 0 && bytes.length < declared) return fail('truncated', `${bytes.length} of ${declared} bytes`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return fail(owner.format === 'csv' ? 'malformedCsv' : 'malformedJson', 'not UTF-8');
    }
    const validators: Validators = {};
    const etag = res.headers.get('ETag');
    const lastModified = res.headers.get('Last-Modified');
    if (etag) validators.etag = etag;
    if (lastModified) validators.lastModified = lastModified;
    return { status: 'body', text, contentType: res.headers.get('Content-Type') ?? '', validators };
  } finally {
    clearTimeout(timer);
  }
}

class TooLarge extends Error {}

async function readBounded(res: Response): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_OWNER_BYTES) throw new TooLarge();
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

/** An error page in place of data: an HTML content type, or a body that opens like markup. */
function looksLikeHtml(text: string, contentType: string): boolean {
  return /text\/html/i.test(contentType) || /^\s*<(?:!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(text);
}

/** Body → rows (JSON: the values the selector reaches; CSV: one object per row, keyed by the header). */
export function parseOwnerBody(owner: Owner, text: string, contentType: string): ParseOutcome {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksLikeHtml(body, contentType)) return { ok: false, fault: 'html', detail: `an HTML page (${contentType || 'no content type'})` };
  if (owner.format === 'csv') {
    const csv = readCsv(body, owner.csvDelimiter);
    if (!csv.ok) return { ok: false, fault: 'malformedCsv', detail: csv.reason };
    const columns = csv.header.map((h) => h.trim());
    const rows = csv.rows.map((cells) => {
      const row: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]!] = cells[i]!;
      return row;
    });
    return { ok: true, rows, root: rows, columns };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const kind = classifyBadJson(body);
    return { ok: false, fault: kind === 'truncated' ? 'truncated' : 'malformedJson', detail: (e as Error).message.slice(0, 160) };
  }
  const steps = parseSelector(owner.items);
  const rows = typeof steps === 'string' ? [] : selectAll(doc, steps);
  return { ok: true, rows, root: doc };
}
