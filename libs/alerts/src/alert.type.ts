export type AlertSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface RaiseAlertInput {
  /** e.g. locked_account_in_use */
  type: string;
  severity: AlertSeverity;
  accountId: string | null;
  /** When the finding happened (the first offending event), not when it was found. */
  occurredAt: Date;
  evidence: Record<string, unknown>;
  /** The same finding raised again updates the existing alert instead of adding one. */
  dedupKey: string;
}

export interface Alert {
  id: string;
  type: string;
  severity: AlertSeverity;
  accountId: string | null;
  occurredAt: Date;
  evidence: Record<string, unknown>;
  dedupKey: string;
  status: string;
  createdAt: Date;
}
