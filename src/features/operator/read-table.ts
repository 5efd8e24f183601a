/**
 * An owner's file → a plain table (header + rows of cell text), on the device. CSV in UTF-8 (with or
 * without BOM), GB18030/GBK or Big5; XLSX (unzipped with fflate, cells read from the sheet XML); OSM Overpass
 * JSON and HSDS JSON (flattened to one row per place). Runs in a worker for large files (read-table.worker.ts).
 * Every failure is a `TableProblem` code the page turns into one plain sentence, never an exception.
 */
import { strFromU8, unzip } from 'fflate';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export type TableEncoding = 'utf-8' | 'gb18030' | 'big5';
export type TableProblem = 'tooLarge' | 'notTable' | 'emptySheet' | 'mixedEncoding' | 'badWorkbook';
export interface Table {
  kind: 'csv' | 'xlsx' | 'osm' | 'hsds';
  encoding?: TableEncoding;
  header: string[];
  rows: string[][];
  /** OSM / HSDS: the parsed document, imported by the core's own adapter (the rows are only for display). */
  document?: unknown;
  /** Things the page states as one sentence each but that do not stop the import. */
  warnings: ('formulas' | 'mergedCells' | 'mixedEncoding')[];
}
export type TableResult = { ok: true; table: Table } | { ok: false; problem: TableProblem };
export type Progress = (done: number, total: number) => void;

const decode = (bytes: Uint8Array, label: string, fatal: boolean) => new TextDecoder(label, { fatal }).decode(bytes);

/** UTF-8 when the bytes decode as UTF-8; else GB18030 unless Big5 reads with fewer replacement characters. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TableEncoding; mixed: boolean } | null {
  try {
    return { text: decode(bytes, 'utf-8', true).replace(/^\uFEFF/, ''), encoding: 'utf-8', mixed: false };
  } catch {
    /* not UTF-8 */
  }
  const gb = decode(bytes, 'gb18030', false);
  const big5 = decode(bytes, 'big5', false);
  const bad = (s: string) => (s.match(/\uFFFD/g) ?? []).length;
  const [text, encoding] = bad(big5) < bad(gb) ? [big5, 'big5' as const] : [gb, 'gb18030' as const];
  // Some lines valid UTF-8 with Chinese in them and the rest GB18030: a file pasted together from two exports.
  const utf8Lines = decode(bytes, 'utf-8', false)
    .split('\n')
    .filter((l) => /[\u4e00-\u9fff]/.test(l) && !l.includes('\uFFFD')).length;
  return { text, encoding, mixed: utf8Lines > 0 || bad(text) > 0 };
}

/** RFC 4180 CSV (quotes, doubled quotes, newlines inside quotes); also tab-separated when the header has tabs. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') ((cell += '"'), i++);
        else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) (row.push(cell), (cell = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((x) => x.trim() !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim() !== '')) rows.push(row);
  return rows;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e]!,
  );
const textOf = (xml: string) => unescapeXml([...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join(''));
const columnIndex = (ref: string) => [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

const unzipAsync = (bytes: Uint8Array) =>
  new Promise<Record<string, Uint8Array>>((resolve, reject) =>
    unzip(
      bytes,
      { filter: (f) => /^xl\/(sharedStrings\.xml|workbook\.xml|worksheets\/sheet\d+\.xml|_rels\/workbook\.xml\.rels)$/.test(f.name) },
      (err, out) => (err ? reject(err) : resolve(out)),
    ),
  );

/** The first sheet of a workbook. Cells keep their cached values (formulas are reported, not evaluated). */
export async function readXlsx(bytes: Uint8Array, progress: Progress): Promise<TableResult> {
  let files: Record<string, Uint8Array>;
  try {
    files = await unzipAsync(bytes);
  } catch {
    return { ok: false, problem: 'badWorkbook' };
  }
  const sheetPath = Object.keys(files)
    .filter((p) => p.startsWith('xl/worksheets/'))
    .sort((a, b) => Number(/\d+/.exec(a.slice(14))?.[0]) - Number(/\d+/.exec(b.slice(14))?.[0]))[0];
  if (!sheetPath) return { ok: false, problem: 'badWorkbook' };
  const shared = files['xl/sharedStrings.xml']
    ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!))
    : [];
  const xml = strFromU8(files[sheetPath]!);
  const warnings: Table['warnings'] = [];
  if (/<f[\s>]/.test(xml)) warnings.push('formulas');
  if (/<mergeCell\s/.test(xml)) warnings.push('mergedCells');
  const rows: string[][] = [];
  const rowMatches = [...xml.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)];
  rowMatches.forEach((rm, n) => {
    const row: string[] = [];
    for (const cm of rm[1]!.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cm[1]!;
      const ref = /r="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const type = /t="(\w+)"/.exec(attrs)?.[1];
      const body = cm[2] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const text =
        type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? textOf(body) : value === undefined ? '' : unescapeXml(value);
      row[ref ? columnIndex(ref) : row.length] = text;
    }
    for (let i = 0; i < row.length; i++) row[i] ??= '';
    if (row.some((x) => x.trim() !== '')) rows.push(row);
    if (n % 5000 === 0) progress(n, rowMatches.length);
  });
  return toTable('xlsx', rows, warnings);
}

function toTable(kind: Table['kind'], rows: string[][], warnings: Table['warnings'], encoding?: TableEncoding): TableResult {
  if (rows.length === 0) return { ok: false, problem: 'emptySheet' };
  const header = rows[0]!.map((h) => h.replace(/^\uFEFF/, '').trim());
  if (header.filter(Boolean).length < 2) return { ok: false, problem: 'notTable' };
  if (rows.length === 1) return { ok: false, problem: 'emptySheet' };
  return { ok: true, table: { kind, header, rows: rows.slice(1), warnings, ...(encoding ? { encoding } : {}) } };
}

type Json = Record<string, unknown>;
const str = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');

/** Overpass JSON (`elements` with tags) or HSDS (an array of services or locations, or {services}) → rows. */
export function jsonTable(value: unknown): TableResult {
  const obj = value as Json;
  if (obj && Array.isArray(obj.elements)) {
    const header = ['id', 'name', 'name:en', 'amenity', 'addr:full', 'phone', 'opening_hours', 'capacity', 'lat', 'lon'];
    const rows = (obj.elements as Json[])
      .filter((e) => e && typeof e === 'object' && e.tags)
      .map((e) => {
        const tags = e.tags as Json;
        const centre = (e.center ?? e) as Json;
        const address = str(tags['addr:full']) || [tags['addr:city'], tags['addr:street'], tags['addr:housenumber']].map(str).join('');
        return [
          `${str(e.type)}/${str(e.id)}`,
          str(tags.name),
          str(tags['name:en']),
          str(tags.amenity ?? tags.leisure ?? tags.social_facility),
          address,
          str(tags.phone ?? tags['contact:phone']),
          str(tags.opening_hours),
          str(tags.capacity),
          str(centre.lat),
          str(centre.lon),
        ];
      });
    return toTable('osm', [header, ...rows], []);
  }
  const list = Array.isArray(value)
    ? value
    : Array.isArray(obj?.services)
      ? obj.services
      : Array.isArray(obj?.contents)
        ? obj.contents
        : null;
  if (!list) return { ok: false, problem: 'notTable' };
  const header = ['id', 'name', 'address', 'phone', 'url', 'lat', 'lon', 'description'];
  const rows = (list as Json[]).map((s) => {
    const loc = ((s.service_at_locations as Json[] | undefined)?.[0]?.location ?? s.location ?? s) as Json;
    const addr = ((loc.addresses as Json[] | undefined)?.[0] ?? {}) as Json;
    const phone = ((s.phones as Json[] | undefined)?.[0] ?? {}) as Json;
    return [
      str(s.id),
      str(s.name),
      [addr.address_1, addr.city].map(str).join(' ').trim(),
      str(phone.number),
      str(s.url),
      str(loc.latitude),
      str(loc.longitude),
      str(s.description),
    ];
  });
  return toTable('hsds', [header, ...rows], []);
}

/** Any supported file → a table. `name` only decides between workbook, JSON and text. */
export async function readTable(name: string, bytes: Uint8Array, progress: Progress = () => {}): Promise<TableResult> {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  if (/\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return readXlsx(bytes, progress);
  const decoded = decodeText(bytes);
  if (!decoded || /[\x00-\x08\x0e-\x1f]/.test(decoded.text.slice(0, 4096))) return { ok: false, problem: 'notTable' };
  const trimmed = decoded.text.trimStart();
  if (/\.json$/i.test(name) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const document: unknown = JSON.parse(trimmed);
      const res = jsonTable(document);
      return res.ok ? { ok: true, table: { ...res.table, document } } : res;
    } catch {
      return { ok: false, problem: 'notTable' };
    }
  }
  progress(0, 1);
  const result = toTable('csv', parseCsv(decoded.text), decoded.mixed ? ['mixedEncoding'] : [], decoded.encoding);
  progress(1, 1);
  return result;
}
