import { CANONICAL_COLUMNS, StoredEventRecord } from './canonical-event';

/** The evidence columns, in COPY order: the canonical form's, then batch_id (received_at takes its default). */
export const QUERY_EVENT_COLUMNS = [...CANONICAL_COLUMNS, 'batch_id'] as const;

/**
 * What the store writes: the evidence columns, then the data derived at ingest for detection (subject_block),
 * which no canonical form covers and verification never reads.
 */
export const QUERY_EVENT_WRITE_COLUMNS = [...QUERY_EVENT_COLUMNS, 'subject_block'] as const;

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
    subjectHash: row.subject_hash === null ? null : (row.subject_hash as Buffer).toString('hex'),
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
