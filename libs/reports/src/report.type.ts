import type { LocalDay } from '@app/detection';

/** weekly, monthly, quarterly: made by the schedules, one per period; on_demand: any period, any number. */
export type PeriodicReportKind = 'weekly' | 'monthly' | 'quarterly' | 'on_demand';
/** citizen_access: the lookups of one citizen, for that citizen (docs/reports.md, "A citizen's access report"). */
export type ReportKind = PeriodicReportKind | 'citizen_access';
export const REPORT_KINDS: readonly ReportKind[] = [
  'weekly',
  'monthly',
  'quarterly',
  'on_demand',
  'citizen_access',
];
export type ScheduledReportKind = Exclude<PeriodicReportKind, 'on_demand'>;
export const SCHEDULED_REPORT_KINDS: readonly ScheduledReportKind[] = ['weekly', 'monthly', 'quarterly'];

/** Local days in Vietnam: from included, to excluded ([from, to)). */
export interface ReportPeriod {
  from: LocalDay;
  to: LocalDay;
}

/** Lookups and the share of them explained by a dossier (docs/detection.md, "Explained lookups"). */
export interface ExplainedFigure {
  lookups: number;
  explained: number;
  /** explained / lookups, 3 decimals; null without lookups. */
  share: number | null;
}

export interface UnitActivity extends ExplainedFigure {
  unitCode: string | null;
  unitName: string | null;
  /** Accounts of the unit with at least one lookup in the period. */
  accounts: number;
}

export interface SourceSystemActivity extends ExplainedFigure {
  sourceSystem: string;
  name: string | null;
}

/** lookup counts lookups and identity checks (verify) together, as the daily aggregates do; other: sign-outs. */
export type ActivityAction = 'lookup' | 'login' | 'export' | 'other';

export interface ActionCount {
  action: ActivityAction;
  events: number;
}

/** Why an account was locked, as the Office asks: idle, its directory status (moved, retired), removed, by hand. */
export type LockCause = 'idle' | 'transferred' | 'retired' | 'suspended' | 'removed' | 'manual';
export const LOCK_CAUSES: readonly LockCause[] = [
  'idle',
  'transferred',
  'retired',
  'suspended',
  'removed',
  'manual',
];

export interface AccountRef {
  accountId: string;
  fullName: string | null;
  unitCode: string | null;
  unitName: string | null;
}

export interface AccountLockEntry extends AccountRef {
  at: Date;
  cause: LockCause;
  /** user:<name>, system:<job>, producer:<system>. */
  actor: string;
}

export interface AccountUnlockEntry extends AccountRef {
  at: Date;
  actor: string;
}

export interface AccountWarningEntry extends AccountRef {
  sentAt: Date;
  lockDueOn: LocalDay;
  daysBefore: number;
}

/** An alert of a volume-type detector: an account that looked up far more than usual. */
export interface AbnormalAccountEntry {
  alertId: string;
  type: string;
  severity: string;
  accounts: AccountRef[];
  windowStart: Date;
  windowEnd: Date;
  /** The alert's own paragraph of its evidence, in Vietnamese. */
  evidenceVi: string;
  status: string;
  outcome: string | null;
  assigneeName: string | null;
  resolvedAt: Date | null;
  /** Who concluded, when resolved. */
  resolvedBy: string | null;
  /** Whether the account (the first one) is locked now, and since when. */
  lockedAt: Date | null;
}

export interface AlertCount {
  key: string;
  alerts: number;
}

export interface OverdueAlertEntry {
  alertId: string;
  type: string;
  severity: string;
  accountIds: string[];
  createdAt: Date;
  status: string;
  ageDays: number;
  evidenceVi: string;
}

export interface FlaggedSourceEntry {
  sourceSystem: string;
  name: string | null;
  registered: boolean;
  events: number;
  /** Field codes received beyond the system's declaration (undeclared fields only). */
  fields: string[];
  firstAt: Date;
  lastAt: Date;
}

export interface ConnectedSystemEntry {
  code: string;
  name: string;
  operatorOrg: string;
  status: string;
  legalBasis: string | null;
  approvalDocNo: string | null;
  fields: { code: string; label: string; sensitive: boolean }[];
}

export interface TrendPoint {
  day: LocalDay;
  lookups: number;
  explained: number;
  alerts: number;
}

/** Everything a periodic report says, gathered once; the PDF and the XLSX are two renderings of it. */
export interface ReportContent {
  kind: PeriodicReportKind;
  period: ReportPeriod;
  /** When the figures were read (open alerts and the registry are as of then). */
  asOf: Date;
  totals: ExplainedFigure & { events: number; activeAccounts: number; units: number };
  byUnit: UnitActivity[];
  bySourceSystem: SourceSystemActivity[];
  byAction: ActionCount[];
  locks: AccountLockEntry[];
  warnings: AccountWarningEntry[];
  unlocks: AccountUnlockEntry[];
  abnormal: AbnormalAccountEntry[];
  alertsByType: AlertCount[];
  alertsBySeverity: AlertCount[];
  alertsByOutcome: AlertCount[];
  /** Open (or acknowledged) high and critical alerts older than openAlertAgeDays at asOf. */
  overdueAlerts: OverdueAlertEntry[];
  openAlertAgeDays: number;
  flaggedSources: FlaggedSourceEntry[];
  connectedSystems: ConnectedSystemEntry[];
  trend: TrendPoint[];
}

/** A report's document identity: "Số: 12/BC-VP", issued at a date. */
export interface ReportDocumentNumber {
  number: number;
  year: number;
  symbol: string;
}

/** An archived report, without its files. */
export interface ReportRecord {
  id: string;
  kind: ReportKind;
  period: ReportPeriod;
  number: number;
  year: number;
  symbol: string;
  createdAt: Date;
  createdBy: string;
  pdfSha256: string;
  xlsxSha256: string;
  pdfBytes: number;
  xlsxBytes: number;
  /** A periodic report's headline figures; null for a citizen's access report. */
  summary: ReportSummary | null;
  /** A citizen's access report's case and figures; null for a periodic report. */
  citizenAccess: CitizenAccessSummary | null;
}

/** The headline figures kept with the row, so a list shows them without opening the files. */
export interface ReportSummary {
  lookups: number;
  explainedShare: number | null;
  locks: number;
  abnormalAccounts: number;
  alerts: number;
  overdueAlerts: number;
}

/** What a citizen's access report found, kept with its row (no personal data: the citizen is not named here). */
export interface CitizenAccessSummary {
  caseReference: string;
  /** Lookups, identity checks and exports of the citizen listed in the report. */
  events: number;
  accounts: number;
  units: number;
  /** Stored batches the events come from, each cited with its chained digest in the appendix. */
  batches: number;
  /** The first and last event listed (ISO 8601), null without events. */
  firstAt: string | null;
  lastAt: string | null;
}
