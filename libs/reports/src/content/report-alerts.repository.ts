import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AlertCount } from '../report.type';

export interface AbnormalAlertRow {
  alertId: string;
  type: string;
  severity: string;
  accountIds: string[];
  windowStart: Date;
  windowEnd: Date;
  evidenceVi: string;
  status: string;
  outcome: string | null;
  assigneeName: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export interface OverdueAlertRow {
  alertId: string;
  type: string;
  severity: string;
  accountIds: string[];
  createdAt: Date;
  status: string;
  evidenceVi: string;
}

export interface AccountStateRow {
  accountId: string;
  fullName: string | null;
  unitCode: string | null;
  unitName: string | null;
  lockedAt: Date | null;
}

/** The period's alerts: those whose finding starts in it (window_start in [from, to)). */
@Injectable()
export class ReportAlertsRepository {
  constructor(private readonly db: DataSource) {}

  /** Alerts of the given types in the period, most severe first, with when they were resolved. */
  ofTypes(types: readonly string[], from: Date, to: Date): Promise<AbnormalAlertRow[]> {
    return this.db.query(
      `SELECT a.id::text AS "alertId", a.type, a.severity, a.account_ids AS "accountIds", a.window_start AS "windowStart",
              a.window_end AS "windowEnd", a.explanation_vi AS "evidenceVi", a.status, a.outcome, a.assignee_name AS "assigneeName",
              r.at AS "resolvedAt", r.actor_name AS "resolvedBy"
       FROM alert a
       LEFT JOIN LATERAL (SELECT x.at, x.actor_name FROM alert_action x WHERE x.alert_id = a.id AND x.action = 'resolved'
                          ORDER BY x.id DESC LIMIT 1) r ON a.status = 'resolved'
       WHERE a.type = ANY($1::text[]) AND a.window_start >= $2 AND a.window_start < $3
       ORDER BY array_position(ARRAY['critical','high','medium','low','info'], a.severity), a.score DESC, a.id`,
      [types, from, to],
    );
  }

  /** Alert counts of the period grouped by one column (whitelisted: never user text in the SQL). */
  countBy(column: 'type' | 'severity' | 'outcome', from: Date, to: Date): Promise<AlertCount[]> {
    const key = {
      type: 'type',
      severity: 'severity',
      outcome: `CASE WHEN status = 'resolved' THEN coalesce(outcome, 'none') ELSE status END`,
    }[column];
    return this.db.query(
      `SELECT ${key} AS key, count(*)::int AS alerts FROM alert
       WHERE window_start >= $1 AND window_start < $2 GROUP BY 1 ORDER BY 2 DESC, 1`,
      [from, to],
    );
  }

  /** High and critical alerts still waiting (open or acknowledged) that were raised before the cut-off. */
  overdue(raisedBefore: Date): Promise<OverdueAlertRow[]> {
    return this.db.query(
      `SELECT id::text AS "alertId", type, severity, account_ids AS "accountIds", created_at AS "createdAt", status,
              explanation_vi AS "evidenceVi"
       FROM alert WHERE status IN ('open', 'acknowledged') AND severity IN ('high', 'critical') AND created_at < $1
       ORDER BY created_at, id`,
      [raisedBefore],
    );
  }

  /** The accounts named, with whether each is locked now and since when. */
  accounts(ids: string[]): Promise<AccountStateRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.query(
      `SELECT account_id AS "accountId", full_name AS "fullName", unit_code AS "unitCode", unit_name AS "unitName",
              CASE WHEN state = 'locked' THEN state_changed_at END AS "lockedAt"
       FROM account WHERE account_id = ANY($1::text[])`,
      [ids],
    );
  }

  /** Alerts per local day of their window start, for the trend chart. */
  countByDay(from: Date, to: Date): Promise<{ day: string; alerts: number }[]> {
    return this.db.query(
      `SELECT to_char(window_start AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, count(*)::int AS alerts
       FROM alert WHERE window_start >= $1 AND window_start < $2 GROUP BY 1 ORDER BY 1`,
      [from, to],
    );
  }
}
