/**
 * One stored event as a search returns it. The citizen appears only as the keyed hash stored with the event (and
 * the id of the key it was made with); the clear ID is only ever shown by a reveal (docs/trace.md).
 */
export interface TraceEvent {
  eventId: string;
  occurredAt: string;
  receivedAt: string;
  /** The stored batch the event came in: its chained digest is what an export's manifest cites. */
  batchId: string;
  accountId: string;
  unitCode: string | null;
  clientIp: string;
  sourceSystem: string;
  action: string;
  result: string;
  /** Hex of the keyed hash of the citizen's personal ID (null for login and logout). */
  subjectHash: string | null;
  subjectKeyId: string | null;
  /** Whether an encrypted copy of the ID is stored (what a reveal would decrypt). */
  subjectRevealable: boolean;
  subjectCount: number | null;
  fields: string[];
  dossierCode: string | null;
  procedureCode: string | null;
  userAgent: string | null;
  flags: string[];
}

/** The columns of `query_event e` that make a TraceEvent (traceEventFromRow reads them). */
export const TRACE_EVENT_COLUMNS = [
  'e.event_id',
  `to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at`,
  `to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at`,
  'e.batch_id::text AS batch_id',
  'e.account_id',
  'e.unit_code',
  'e.client_ip',
  'e.source_system',
  'e.action',
  'e.result',
  `encode(e.subject_hash, 'hex') AS subject_hash`,
  'e.subject_key_id',
  'e.subject_enc IS NOT NULL AS subject_revealable',
  'e.subject_count',
  'e.fields',
  'e.dossier_code',
  'e.procedure_code',
  'e.user_agent',
  'e.flags',
].join(', ');

export function traceEventFromRow(r: Record<string, unknown>): TraceEvent {
  return {
    eventId: r.event_id as string,
    occurredAt: r.occurred_at as string,
    receivedAt: r.received_at as string,
    batchId: r.batch_id as string,
    accountId: r.account_id as string,
    unitCode: r.unit_code as string | null,
    clientIp: r.client_ip as string,
    sourceSystem: r.source_system as string,
    action: r.action as string,
    result: r.result as string,
    subjectHash: r.subject_hash as string | null,
    subjectKeyId: r.subject_key_id as string | null,
    subjectRevealable: r.subject_revealable as boolean,
    subjectCount: r.subject_count as number | null,
    fields: r.fields as string[],
    dossierCode: r.dossier_code as string | null,
    procedureCode: r.procedure_code as string | null,
    userAgent: r.user_agent as string | null,
    flags: r.flags as string[],
  };
}

/** Where a page of TraceEvents ended, from its last row (selected with TRACE_CURSOR_COLUMNS). */
export function traceCursorOfRow(r: Record<string, unknown>): { occurredAt: string; sourceSystem: string; eventId: string } {
  return { occurredAt: r.cursor_at as string, sourceSystem: r.source_system as string, eventId: r.event_id as string };
}
