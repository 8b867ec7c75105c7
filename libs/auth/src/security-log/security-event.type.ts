import { Principal } from '../principal';

/** What the security log records. Never a password, token or key: only who, what, when, from where. */
export enum SecurityEventType {
  SIGN_IN_SUCCEEDED = 'sign-in.succeeded',
  SIGN_IN_FAILED = 'sign-in.failed',
  SIGN_IN_LOCKED = 'sign-in.locked',
  SIGN_OUT = 'sign-out',
  REFRESH_TOKEN_REUSED = 'refresh-token.reused',
  PASSWORD_CHANGED = 'password.changed',
  PERMISSION_DENIED = 'permission.denied',
  USER_CREATED = 'user.created',
  USER_UPDATED = 'user.updated',
  USER_ROLES_CHANGED = 'user.roles-changed',
  USER_STATUS_CHANGED = 'user.status-changed',
  USER_PASSWORD_RESET = 'user.password-reset',
  API_KEY_CREATED = 'api-key.created',
  API_KEY_ROTATED = 'api-key.rotated',
  API_KEY_REVOKED = 'api-key.revoked',
  INGEST_BATCH_SKIP_ORDERED = 'ingest.batch-skip-ordered',
  DIRECTORY_OWNER_CHANGED = 'source-system.directory-owner-changed',
  DETECTION_SETTINGS_CHANGED = 'detection.settings-changed',
  DETECTION_PROCEDURE_CHANGED = 'detection.procedure-changed',
  /** Auditors' tracing (docs/trace.md): each with the case reference, the purpose and the criteria, IDs hashed. */
  TRACE_SEARCHED = 'trace.searched',
  TRACE_TIMELINE_VIEWED = 'trace.timeline-viewed',
  TRACE_SUBJECT_REVEALED = 'trace.subject-revealed',
  /** An evidence export begun (docs/trace.md): recorded before its first byte, with its id, format and the criteria. */
  TRACE_EXPORT_STARTED = 'trace.export-started',
  /** An evidence export (docs/trace.md): with its id, format, the file's SHA-256 and the rows written. */
  TRACE_EXPORTED = 'trace.exported',
  /** A citizen's access report (docs/reports.md): the case, the citizen hashed, the events listed, the report id. */
  TRACE_ACCESS_REPORTED = 'trace.access-reported',
  /** A report archived (docs/reports.md): its id, kind, period and the SHA-256 of its files. */
  REPORT_GENERATED = 'report.generated',
  /** A report's PDF or XLSX downloaded: the report id, kind and format. */
  REPORT_DOWNLOADED = 'report.downloaded',
  /** A delivery that had failed for good sent again (a report's, or an urgent notice's): the delivery, its subject and channel. */
  REPORT_DELIVERY_RETRIED = 'report.delivery-retried',
  /** Breach incidents (docs/incidents.md): each with the incident's id and what changed. */
  INCIDENT_OPENED = 'incident.opened',
  INCIDENT_UPDATED = 'incident.updated',
  INCIDENT_NOTICE_SAVED = 'incident.notice-saved',
  INCIDENT_NOTICE_FINALISED = 'incident.notice-finalised',
  INCIDENT_SENT = 'incident.sent',
  INCIDENT_CONFIRMED = 'incident.confirmed',
  INCIDENT_REMINDED = 'incident.reminded',
  INCIDENT_LATE = 'incident.late',
}

export type SecurityActor =
  | { kind: 'user'; id: string; name: string }
  | { kind: 'producer'; id: string; name: string }
  | { kind: 'anonymous'; name?: string }
  | { kind: 'system'; name: string };

export interface SecurityEventInput {
  type: SecurityEventType;
  actor: SecurityActor;
  /** What was acted on: a username, an API key id, a route. */
  target?: string;
  clientIp?: string;
  details?: Record<string, unknown>;
}

export interface SecurityEvent {
  id: string;
  occurredAt: Date;
  type: string;
  actorKind: SecurityActor['kind'];
  actorId: string | null;
  actorName: string | null;
  target: string | null;
  clientIp: string | null;
  details: Record<string, unknown>;
}

export interface SecurityEventFilter {
  type?: string;
  actor?: string;
  /** The actor's id (a user's id): one user's own entries. */
  actorId?: string;
  /** Types starting with this ('trace.': every tracing entry). */
  typePrefix?: string;
  from?: Date;
  to?: Date;
  /** Keyset pagination: events older than this id. */
  before?: string;
  limit: number;
}

export function actorOf(principal: Principal): SecurityActor {
  return principal.kind === 'user'
    ? { kind: 'user', id: principal.userId, name: principal.username }
    : { kind: 'producer', id: principal.keyId, name: principal.sourceSystem };
}
