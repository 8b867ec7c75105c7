import type { ExportCell } from './export-row.util';

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record (RFC 4180's quoting; lines end with LF, as PostgreSQL's COPY writes the same records). An empty
 * text is written "" and a NULL as nothing, so that the two stay apart: the canonical form tells them apart, and so
 * must the file.
 */
export function csvRecord(cells: ExportCell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (i) line += ',';
    if (v === null) continue;
    const s = typeof v === 'number' ? String(v) : v;
    line += s === '' || NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  return `${line}\n`;
}

export class CsvSyntaxError extends Error {}

/** Parses RFC 4180 text record by record; an unquoted empty field is null, a quoted one ''. */
export function* csvRecords(text: string): Generator<(string | null)[]> {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let record: (string | null)[] = [];
  let line = 1;
  while (at < text.length) {
    let value: string | null;
    if (text[at] === '"') {
      let end = at + 1;
      value = '';
      for (;;) {
        const q = text.indexOf('"', end);
        if (q < 0) throw new CsvSyntaxError(`record ${line}: a quoted field does not end`);
        value += text.slice(end, q);
        if (text[q + 1] === '"') {
          value += '"';
          end = q + 2;
        } else {
          at = q + 1;
          break;
        }
      }
    } else {
      let end = at;
      while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
      value = end === at ? null : text.slice(at, end);
      at = end;
    }
    record.push(value);
    if (text[at] === ',') {
      at++;
      if (at >= text.length) record.push(null);
      continue;
    }
    if (text[at] === '\r' && text[at + 1] === '\n') at += 2;
    else if (text[at] === '\n') at++;
    else if (at < text.length) throw new CsvSyntaxError(`record ${line}: unexpected character after a field`);
    yield record;
    record = [];
    line++;
  }
  if (record.length) yield record;
}
