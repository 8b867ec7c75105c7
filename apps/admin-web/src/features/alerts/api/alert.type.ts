/** The shapes of /v1/alerts (AlertDto, AlertDetailDto, AlertPageDto in libs/alerts). */
export type AlertStatus = 'open' | 'acknowledged' | 'resolved' | 'suppressed';
export type AlertOutcome = 'true_positive' | 'false_positive' | 'expected';
export const OUTCOMES: readonly AlertOutcome[] = ['true_positive', 'false_positive', 'expected'];

export interface Alert {
  id: string;
  type: string;
  severity: string;
  score: number;
  accountId: string | null;
  accountIds: string[];
  unitCode: string | null;
  sourceSystems: string[];
  occurredAt: string;
  windowStart: string;
  windowEnd: string;
  evidence: Record<string, unknown>;
  explanationVi: string;
  explanationEn: string;
  status: AlertStatus;
  outcome: AlertOutcome | null;
  assigneeId: string | null;
  assigneeName: string | null;
  suppressionId: string | null;
  occurrences: number;
  createdAt: string;
  updatedAt: string;
}

export interface AlertAction {
  id: string;
  at: string;
  actorKind: 'user' | 'producer' | 'system';
  actorName: string;
  action: string;
  details: Record<string, unknown>;
}

export interface AlertDetail extends Alert {
  actions: AlertAction[];
  comments: { at: string; actorName: string; text: string }[];
}

export interface AlertPage {
  items: Alert[];
  nextCursor: string | null;
}

export interface AlertFilters {
  status?: AlertStatus;
  type?: string;
  severity?: string;
  accountId?: string;
  unitCode?: string;
  /** Ha Noi days, YYYY-MM-DD, both included. */
  fromDay?: string;
  toDay?: string;
}

export interface UserOption {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  status: string;
}
