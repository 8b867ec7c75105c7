import type { SecurityActor } from '@app/auth';
import type { BreachNoticeContent } from './notice';

export type IncidentStatus = 'open' | 'notified' | 'closed';
export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['open', 'notified', 'closed'];

/** The law's window: the notice is due 72 hours after the breach was discovered. */
export const NOTICE_DEADLINE_MS = 72 * 3600_000;
/** Incidents and everything recorded about them are kept at least this long after discovery. */
export const INCIDENT_RETENTION_YEARS = 5;

/** An incident as stored. `late` is derived: notified after the deadline, or not notified and the deadline passed. */
export interface Incident {
  id: string;
  title: string;
  description: string;
  measuresTaken: string;
  status: IncidentStatus;
  discoveredAt: Date;
  deadlineAt: Date;
  occurredFrom: Date | null;
  occurredTo: Date | null;
  openedAt: Date;
  openedBy: string;
  assignees: string[];
  alertIds: string[];
  accounts: string[];
  units: string[];
  fields: string[];
  subjectsAffected: number | null;
  recordsAffected: number | null;
  notifiedAt: Date | null;
  /** When the reminder job found the deadline passed without a sending (null: not marked, or notified in time). */
  lateMarkedAt: Date | null;
  closedAt: Date | null;
  /** "12/TB-VP" once the notice is finalised. */
  noticeNumber: string | null;
  retainUntil: Date;
  updatedAt: Date;
}

export interface IncidentView extends Incident {
  late: boolean;
  /** Milliseconds left until the deadline (negative when passed); null once notified. */
  remainingMs: number | null;
  /** The latest saved notice version (0: none yet). */
  latestVersion: number;
  finalisedVersion: number | null;
}

/** What opening an incident stores; the rest is set by the service (deadline, retention) or later. */
export type NewIncident = Pick<
  Incident,
  | 'title'
  | 'description'
  | 'measuresTaken'
  | 'discoveredAt'
  | 'occurredFrom'
  | 'occurredTo'
  | 'assignees'
  | 'alertIds'
  | 'accounts'
  | 'units'
  | 'fields'
  | 'subjectsAffected'
  | 'recordsAffected'
>;

export type IncidentChanges = Partial<
  Pick<
    NewIncident,
    | 'title'
    | 'description'
    | 'measuresTaken'
    | 'occurredFrom'
    | 'occurredTo'
    | 'assignees'
    | 'accounts'
    | 'units'
    | 'fields'
    | 'subjectsAffected'
    | 'recordsAffected'
  >
> & { status?: 'closed' };

export interface NoticeVersion {
  incidentId: string;
  version: number;
  content: BreachNoticeContent;
  createdAt: Date;
  createdBy: string;
  finalised: boolean;
  pdfSha256: string | null;
  docxSha256: string | null;
  citizenPdfSha256: string | null;
  citizenDocxSha256: string | null;
}

export type NoticeFile = 'pdf' | 'docx' | 'citizen-pdf' | 'citizen-docx';

export type IncidentRecordKind = 'sending' | 'confirmation';

export interface IncidentRecord {
  id: string;
  incidentId: string;
  kind: IncidentRecordKind;
  at: Date;
  channel: string | null;
  recipient: string | null;
  reference: string | null;
  note: string;
  fileName: string | null;
  fileType: string | null;
  fileSha256: string | null;
  fileBytes: number | null;
  createdAt: Date;
  createdBy: string;
}

export type NewIncidentRecord = Pick<IncidentRecord, 'kind' | 'at' | 'channel' | 'recipient' | 'reference' | 'note'> & {
  file: { name: string; type: string; data: Buffer } | null;
};

export interface IncidentReminder {
  hoursBefore: number;
  sentAt: Date;
  recipients: string[];
  /** skipped: a nearer reminder was due at the same time and was the one mailed. */
  outcome: 'pending' | 'sent' | 'logged' | 'failed' | 'skipped';
}

/** Who acted: the security log's actor and the name kept on rows. */
export interface IncidentActor {
  actor: SecurityActor;
  name: string;
  clientIp?: string;
}
