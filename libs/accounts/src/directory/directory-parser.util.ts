import { parse } from 'csv-parse/sync';

export type DirectoryFormat = 'json' | 'ndjson' | 'csv';

/** A record as read, with where it was: the line (NDJSON, CSV) or the position in a JSON array. */
export interface DirectoryRecord {
  line: number;
  value: unknown;
}

export interface DirectoryParseResult {
  records: DirectoryRecord[];
  errors: { line: number; message: string }[];
}

/** Which format a request body is in, from its content type. */
export function directoryFormatOf(contentType: string | undefined): DirectoryFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/x-ndjson' || type === 'text/plain') return 'ndjson';
  return 'json';
}

/** Reads a directory export. A record that cannot be read is reported with its line; the others are kept. */
export function parseDirectory(body: unknown, format: DirectoryFormat): DirectoryParseResult {
  if (format === 'json') {
    const items = typeof body === 'string' ? safeJson(body) : body;
    if (!Array.isArray(items)) return { records: [], errors: [{ line: 1, message: 'the body must be a JSON array of accounts' }] };
    return { records: items.map((value, i) => ({ line: i + 1, value })), errors: [] };
  }
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  return format === 'csv' ? parseCsv(text) : parseNdjson(text);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseNdjson(text: string): DirectoryParseResult {
  const result: DirectoryParseResult = { records: [], errors: [] };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    try {
      result.records.push({ line: i + 1, value: JSON.parse(line) });
    } catch {
      result.errors.push({ line: i + 1, message: 'not valid JSON' });
    }
  });
  return result;
}

/** CSV with the contract's column names on the first line; empty cells are null; extra columns are kept. */
function parseCsv(text: string): DirectoryParseResult {
  const result: DirectoryParseResult = { records: [], errors: [] };
  try {
    const rows = parse(text, {
      bom: true,
      columns: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) result.errors.push({ line: Number(error.lines), message: csvProblem(error.message) });
        return undefined;
      },
    }) as { record: Record<string, string>; info: { lines: number } }[];
    for (const { record, info } of rows) {
      const value: Record<string, string | null> = {};
      for (const [key, cell] of Object.entries(record)) value[key] = cell === '' ? null : cell;
      result.records.push({ line: info.lines, value });
    }
  } catch (error) {
    result.errors.push({ line: 1, message: csvProblem((error as Error).message) });
  }
  return result;
}

/** csv-parse's messages quote the input; keep the kind of problem only. */
function csvProblem(message: string): string {
  return `not a valid CSV record (${message.split(':')[0].replace(/^Invalid Record Length/, 'wrong number of columns')})`;
}
