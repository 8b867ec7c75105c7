/** Actions of the v1 contract (query-log-event.v1.schema.json). */
export const QUERY_LOG_ACTIONS = ['login', 'logout', 'lookup', 'verify', 'export'] as const;
export type QueryLogAction = (typeof QUERY_LOG_ACTIONS)[number];

export const QUERY_LOG_RESULTS = ['success', 'not_found', 'denied', 'error'] as const;
export type QueryLogResult = (typeof QUERY_LOG_RESULTS)[number];

/** One gateway log record, version 1, as the schema admits it. Properties beyond these are allowed and kept. */
export interface QueryLogEventV1 {
  schemaVersion: 1;
  eventId: string;
  /** RFC 3339 with an explicit offset. */
  occurredAt: string;
  accountId: string;
  unitCode?: string | null;
  clientIp: string;
  sourceSystem: string;
  action: QueryLogAction;
  /** 12-digit personal ID: personal data, never stored or logged in clear. */
  subjectId?: string | null;
  subjectCount?: number | null;
  fields?: string[];
  dossierCode?: string | null;
  procedureCode?: string | null;
  result?: QueryLogResult;
  userAgent?: string | null;
  [extra: string]: unknown;
}
