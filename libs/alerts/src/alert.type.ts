/** 'info' is read from alerts raised before severities were settled; new alerts use the four others. */
export type AlertSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

export type AlertStatus = 'open' | 'acknowledged' | 'resolved' | 'suppressed';
export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'resolved', 'suppressed'];

export type AlertOutcome = 'true_positive' | 'false_positive' | 'expected';
export const ALERT_OUTCOMES: readonly AlertOutcome[] = ['true_positive', 'false_positive', 'expected'];

/** Who did something to an alert: a user of the console, a producer key, or the service itself (a detector). */
export interface AlertActor {
  kind: 'user' | 'producer' | 'system';
  id: string | null;
  name: string;
}

export interface RaiseAlertInput {
  /** e.g. locked_account_in_use */
  type: string;
  severity: AlertSeverity;
  /** How far the finding is from normal (detector-specific, higher is worse); 0 when the rule is yes/no. */
  score?: number;
  /** The one account the finding is about (null: about none, e.g. a mass change). */
  accountId?: string | null;
  /** Several accounts (a shared finding); accountId may be given instead for one. */
  accountIds?: string[];
  unitCode?: string | null;
  /** Systems the offending events came from; a suppression may be scoped to one (default: evidence.sourceSystems). */
  sourceSystems?: string[];
  /** When the finding happened (the first offending event), not when it was found. */
  occurredAt: Date;
  /** The period the finding is about; a repeat within the same window updates the alert. Default: occurredAt. */
  windowStart?: Date;
  windowEnd?: Date;
  evidence: Record<string, unknown>;
  /** Default: the type's template in explanation/, filled from the evidence. */
  explanationVi?: string;
  explanationEn?: string;
  /** Default: derived from type, accounts and window. The same key raised again updates the alert. */
  dedupKey?: string;
  /** Default: the service itself, named after the alert type. */
  actor?: AlertActor;
}

export interface RaisedAlert {
  id: string;
  /** false when the key already had an alert, which this raise updated. */
  created: boolean;
  status: AlertStatus;
}

export interface Alert {
  id: string;
  type: string;
  severity: AlertSeverity;
  score: number;
  /** Set when the alert is about exactly one account. */
  accountId: string | null;
  /** Every account it is about, sorted (one, several, or none). */
  accountIds: string[];
  unitCode: string | null;
  sourceSystems: string[];
  occurredAt: Date;
  windowStart: Date;
  windowEnd: Date;
  evidence: Record<string, unknown>;
  explanationVi: string;
  explanationEn: string;
  dedupKey: string;
  status: AlertStatus;
  outcome: AlertOutcome | null;
  assigneeId: string | null;
  assigneeName: string | null;
  suppressionId: string | null;
  occurrences: number;
  createdAt: Date;
  updatedAt: Date;
}

export const ALERT_ACTION_KINDS = [
  'raised',
  'updated',
  'suppressed',
  'acknowledged',
  'assigned',
  'commented',
  'resolved',
  'reopened',
  'suppression_created',
  'suppression_revoked',
  /** The Office was sent an urgent notice of it (docs/reports.md, "Urgent notices"). */
  'notified',
] as const;
export type AlertActionKind = (typeof ALERT_ACTION_KINDS)[number];

export interface AlertAction {
  id: string;
  alertId: string | null;
  suppressionId: string | null;
  at: Date;
  actorKind: AlertActor['kind'];
  actorId: string | null;
  actorName: string;
  action: AlertActionKind;
  details: Record<string, unknown>;
}

export interface AlertFilter {
  status?: AlertStatus;
  type?: string;
  severity?: AlertSeverity;
  accountId?: string;
  unitCode?: string;
  /** The window overlaps [from, to). */
  from?: Date;
  to?: Date;
  /** The order: by this key, then by id, both in the same direction. Default: window, descending. */
  sort?: AlertSort;
  order?: SortDirection;
  /** Keyset: alerts after this position in the order (the sort key's value, then id). */
  after?: AlertPosition;
  limit: number;
}

/** What the queue sorts by: window start, when raised (created), severity, score, last change (updated). */
export const ALERT_SORTS = ['window', 'raised', 'severity', 'score', 'updated'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];
export const SORT_DIRECTIONS = ['desc', 'asc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** Where a page stopped: the sort key's value (an ISO instant, a severity rank or a score, as text) and the id. */
export interface AlertPosition {
  key: string;
  id: string;
}
