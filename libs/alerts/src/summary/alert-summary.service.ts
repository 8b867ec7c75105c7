import { Injectable } from '@nestjs/common';
import { AlertRepository } from '../alert.repository';

/** Open and acknowledged alerts: the queue a reviewer still has to judge. */
const WAITING = new Set(['open', 'acknowledged']);

export interface AlertSummary {
  /** Alerts waiting for a judgment (open or acknowledged). */
  open: number;
  openBySeverity: Record<string, number>;
  openByType: Record<string, number>;
  byStatus: Record<string, number>;
}

/** The counts the console's overview shows, counted here (the console recomputes nothing). */
@Injectable()
export class AlertSummaryService {
  constructor(private readonly alerts: AlertRepository) {}

  async summary(): Promise<AlertSummary> {
    const out: AlertSummary = { open: 0, openBySeverity: {}, openByType: {}, byStatus: {} };
    for (const { type, severity, status, n } of await this.alerts.countByTypeSeverityStatus()) {
      out.byStatus[status] = (out.byStatus[status] ?? 0) + n;
      if (!WAITING.has(status)) continue;
      out.open += n;
      out.openBySeverity[severity] = (out.openBySeverity[severity] ?? 0) + n;
      out.openByType[type] = (out.openByType[type] ?? 0) + n;
    }
    return out;
  }
}
