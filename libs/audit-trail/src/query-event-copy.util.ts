import type { StoredEventRecord } from './canonical-event';

/** The columns the store writes, in COPY order (received_at takes its default). */
export const QUERY_EVENT_COLUMNS = [
  'occurred_at',
  'event_id',
  'batch_id',
  'account_id',
  'unit_code',
  'client_ip',
  'source_system',
  'action',
  'subject_hash',
  'subject_key_id',
  'subject_enc',
  'subject_count',
  'fields',
  'dossier_code',
  'procedure_code',
  'result',
  'user_agent',
  'extra',
  'flags',
] as const;

const NULL = '\\N';
const COPY_SPECIAL = /[\\\n\r\t]/;

/** Escapes one value for COPY's text format: backslash, newline, carriage return and tab. */
function copyText(value: string | null): string {
  if (value === null) return NULL;
  if (!COPY_SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

function copyBytea(value: Buffer | null): string {
  return value === null ? NULL : `\\\\x${value.toString('hex')}`;
}

/** A text[] literal with every element quoted. */
export function textArrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function copyTextArray(values: string[]): string {
  return copyText(textArrayLiteral(values));
}

/** One COPY text-format line for a stored event. */
export function queryEventCopyLine(e: StoredEventRecord, batchId: string): string {
  return [
    e.occurredAt.toISOString(),
    copyText(e.eventId),
    batchId,
    copyText(e.accountId),
    copyText(e.unitCode),
    copyText(e.clientIp),
    copyText(e.sourceSystem),
    copyText(e.action),
    copyBytea(e.subjectHash),
    copyText(e.subjectKeyId),
    copyBytea(e.subjectEnc),
    e.subjectCount === null ? NULL : String(e.subjectCount),
    copyTextArray(e.fields),
    copyText(e.dossierCode),
    copyText(e.procedureCode),
    copyText(e.result),
    copyText(e.userAgent),
    e.extra === null ? NULL : copyText(JSON.stringify(e.extra)),
    copyTextArray(e.flags),
  ].join('\t');
}

/** A stored row as the pg driver returns it (SELECT of QUERY_EVENT_COLUMNS), back to the record it was. */
export function rowToStoredEvent(row: Record<string, unknown>): StoredEventRecord {
  return {
    eventId: row.event_id as string,
    occurredAt: row.occurred_at as Date,
    accountId: row.account_id as string,
    unitCode: row.unit_code as string | null,
    clientIp: row.client_ip as string,
    sourceSystem: row.source_system as string,
    action: row.action as string,
    subjectHash: row.subject_hash as Buffer | null,
    subjectKeyId: row.subject_key_id as string | null,
    subjectEnc: row.subject_enc as Buffer | null,
    subjectCount: row.subject_count as number | null,
    fields: row.fields as string[],
    dossierCode: row.dossier_code as string | null,
    procedureCode: row.procedure_code as string | null,
    result: row.result as string,
    userAgent: row.user_agent as string | null,
    extra: row.extra as Record<string, unknown> | null,
    flags: row.flags as string[],
  };
}
