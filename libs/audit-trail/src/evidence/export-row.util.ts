import { canonicalJson, type StoredEventRecord } from '../canonical-event';

/**
 * The columns of an evidence export, in order: every value the canonical form covers (so that a verifier rebuilds
 * each row's event hash from the file alone), then the batch it was stored in. `subject_hash` is the keyed hash of
 * the personal ID; a `subject_id` column (the ID in clear) appears only when the exporter may reveal it, and the
 * verifier ignores it (it cannot recompute a keyed hash).
 */
export const EXPORT_COLUMNS = [
  'occurred_at',
  'event_id',
  'account_id',
  'unit_code',
  'client_ip',
  'source_system',
  'action',
  'subject_hash',
  'subject_key_id',
  'subject_count',
  'fields',
  'dossier_code',
  'procedure_code',
  'result',
  'user_agent',
  'extra',
  'flags',
  'subject_enc',
  'batch_id',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export const REVEALED_SUBJECT_COLUMN = 'subject_id';

/** A cell: null is an empty cell (SQL NULL), '' an empty text; numbers stay numbers (subject_count). */
export type ExportCell = string | number | null;

/** A stored row with the batch it belongs to, as the export reads it. */
export interface ExportRow {
  event: StoredEventRecord;
  batchId: string;
}

const FORMULA_START = /^[=+\-@\t\r']/;

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

const text = (value: string | null): ExportCell => (value === null ? null : escapeFormula(value));

/** One export row's cells, in EXPORT_COLUMNS order. */
export function exportCells(row: ExportRow): ExportCell[] {
  const e = row.event;
  return [
    e.occurredAt.toISOString(),
    text(e.eventId),
    text(e.accountId),
    text(e.unitCode),
    text(e.clientIp),
    text(e.sourceSystem),
    text(e.action),
    e.subjectHash,
    text(e.subjectKeyId),
    e.subjectCount,
    text(JSON.stringify(e.fields)),
    text(e.dossierCode),
    text(e.procedureCode),
    text(e.result),
    text(e.userAgent),
    e.extra === null ? null : text(canonicalJson(e.extra)),
    text(JSON.stringify(e.flags)),
    e.subjectEnc === null ? null : e.subjectEnc.toString('hex'),
    row.batchId,
  ];
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
