import type { StoredEventRecord } from '../canonical-event';
import { QUERY_EVENT_COLUMNS } from '../query-event-copy.util';

/**
 * The columns of an evidence export, in order: every value the canonical form covers, in its order (so that a
 * verifier rebuilds each row's event hash from the file alone), then the batch it was stored in. The citizen is
 * `subject_hash`, the keyed hash of the personal ID; the verifier reads columns by name and ignores any other.
 */
export const EXPORT_COLUMNS = QUERY_EVENT_COLUMNS;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** A cell: null is an empty cell (SQL NULL), '' an empty text; numbers stay numbers (subject_count). */
export type ExportCell = string | number | null;

/** A stored row with the batch it belongs to, as the verifier reads it back from a file. */
export interface ExportRow {
  event: StoredEventRecord;
  batchId: string;
}

/** What a cell may not start with unescaped: formula starts (and a tab or carriage return before one), and the escape itself. */
const FORMULA_LEADS = ['=', '+', '-', '@', '\t', '\r', "'"] as const;
const FORMULA_START = new RegExp(`^[${FORMULA_LEADS.map((c) => (c === '-' ? '\\-' : c)).join('')}]`);

/**
 * Spreadsheet programs run a cell that starts with =, +, -, @ (or a tab or carriage return before one) as a
 * formula: such text gets a leading apostrophe, and so does text that starts with an apostrophe itself, so that
 * removing one leading apostrophe always gives the value back (the verifier does).
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unescapeFormula(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

/**
 * The export's cells as SQL over `query_event e`, in EXPORT_COLUMNS order, every one as text: the database formats
 * (it is C, and the rows then need no parsing into dates, buffers and arrays only to be printed again). Arrays and
 * `extra` are JSON (the verifier parses them, so any JSON text of the value will do); NULL stays NULL.
 */
const AS_TEXT: Partial<Record<ExportColumn, string>> = {
  occurred_at: `to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  subject_hash: `encode(e.subject_hash, 'hex')`,
  subject_enc: `encode(e.subject_enc, 'hex')`,
  subject_count: 'e.subject_count::text',
  fields: 'to_json(e.fields)::text',
  extra: 'e.extra::text',
  flags: 'to_json(e.flags)::text',
  batch_id: 'e.batch_id::text',
};
export const EXPORT_SELECT_SQL = EXPORT_COLUMNS.map((c) => AS_TEXT[c] ?? `e.${c}`).join(', ');

/** Cells whose text cannot start a formula: times, hex, numbers, JSON arrays and UUIDs, as the database writes them. */
const FORMULA_FREE: ReadonlySet<ExportColumn> = new Set<ExportColumn>(['occurred_at', 'subject_hash', 'subject_enc', 'subject_count', 'fields', 'flags', 'batch_id']);

const LEAD_CODES = FORMULA_LEADS.map((c) => c.codePointAt(0)!);
/**
 * escapeFormula in SQL: the same leading characters (compared as code points: `ascii()` gives an integer,
 * where `left(x, 1) IN (…)` built a string per cell and compared strings, a quarter of a million-row export's time in
 * the database), the same apostrophe.
 */
const formulaSafeSql = (x: string): string =>
  `CASE WHEN ascii(${x}) <= ${Math.max(...LEAD_CODES)} AND ascii(${x}) IN (${LEAD_CODES.join(', ')}) THEN '''' || ${x} ELSE ${x} END`;

/**
 * EXPORT_SELECT_SQL with every cell already formula-safe (exportCells's escape, done by the database): for files the
 * database writes itself (COPY … TO STDOUT (FORMAT csv)), whose rows never pass through exportCells.
 */
export const EXPORT_SAFE_SELECT_SQL = EXPORT_COLUMNS.map((c) => {
  const text = AS_TEXT[c] ?? `e.${c}`;
  return FORMULA_FREE.has(c) ? text : formulaSafeSql(text);
}).join(', ');

/** The columns whose cells are numbers (the rest are text): written as a spreadsheet's number cells. */
export const EXPORT_NUMBER_COLUMNS: readonly ExportColumn[] = ['subject_count'];
const COUNT_AT = EXPORT_COLUMNS.indexOf('subject_count');

/** A row selected with EXPORT_SELECT_SQL as the file's cells: text made formula-safe, subject_count a number. */
export function exportCells(values: (string | null)[]): ExportCell[] {
  const cells: ExportCell[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    cells[i] = v === null ? null : i === COUNT_AT ? Number(v) : escapeFormula(v);
  }
  return cells;
}

export class ExportRowError extends Error {}

/** The stored row back from its cells (by column name, from a file's header): the inverse of exportCells. */
export function rowFromCells(get: (column: ExportColumn) => ExportCell | undefined): ExportRow {
  const need = (c: ExportColumn): ExportCell => {
    const v = get(c);
    if (v === undefined) throw new ExportRowError(`column ${c} is missing`);
    return v;
  };
  const str = (c: ExportColumn): string | null => {
    const v = need(c);
    return v === null ? null : unescapeFormula(String(v));
  };
  const required = (c: ExportColumn): string => {
    const v = str(c);
    if (v === null) throw new ExportRowError(`${c} is empty`);
    return v;
  };
  const json = <T>(c: ExportColumn): T => {
    try {
      return JSON.parse(required(c)) as T;
    } catch (error) {
      if (error instanceof ExportRowError) throw error;
      throw new ExportRowError(`${c} is not JSON`);
    }
  };
  const count = need('subject_count');
  const extra = str('extra');
  const enc = str('subject_enc');
  const occurredAt = new Date(required('occurred_at'));
  if (Number.isNaN(occurredAt.getTime())) throw new ExportRowError('occurred_at is not a time');
  return {
    batchId: required('batch_id'),
    event: {
      eventId: required('event_id'),
      occurredAt,
      accountId: required('account_id'),
      unitCode: str('unit_code'),
      clientIp: required('client_ip'),
      sourceSystem: required('source_system'),
      action: required('action'),
      subjectHash: str('subject_hash'),
      subjectKeyId: str('subject_key_id'),
      subjectEnc: enc === null ? null : Buffer.from(enc, 'hex'),
      subjectCount: count === null || count === '' ? null : Number(count),
      fields: json<string[]>('fields'),
      dossierCode: str('dossier_code'),
      procedureCode: str('procedure_code'),
      result: required('result'),
      userAgent: str('user_agent'),
      extra: extra === null ? null : (jsonOf(extra, 'extra') as Record<string, unknown>),
      flags: json<string[]>('flags'),
    },
  };
}

function jsonOf(value: string, column: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new ExportRowError(`${column} is not JSON`);
  }
}
