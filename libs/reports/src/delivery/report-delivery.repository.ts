import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ClaimedDelivery, DeliveryClaim, DeliveryStatus, NewDelivery, ReportDelivery } from './report-delivery.type';

/** A report's delivery, or an urgent notice (any alert's). */
export type DeliverySubject = { reportId: string } | 'urgent_notice';

const COLUMNS = `id::text, report_id::text AS "reportId", alert_id::text AS "alertId", channel, recipient, status, attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", idempotency_key::text AS "idempotencyKey",
  created_at AS "createdAt", updated_at AS "updatedAt", sent_at AS "sentAt"`;

/** The outbox of reports and urgent notices to the Office (table report_delivery). */
@Injectable()
export class ReportDeliveryRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Adds one row per delivery of a report or of an alert's notice, in the caller's transaction. A delivery that
   * exists (same subject, channel, recipient) is left as it is: a repeated alert or a second replica adds none.
   */
  async add(m: EntityManager, subject: { reportId: string } | { alertId: string }, deliveries: NewDelivery[], now: Date): Promise<number> {
    if (!deliveries.length) return 0;
    const [reportId, alertId] = 'reportId' in subject ? [subject.reportId, null] : [null, subject.alertId];
    const target = reportId ? '(report_id, channel, recipient) WHERE report_id IS NOT NULL' : '(alert_id, channel, recipient) WHERE alert_id IS NOT NULL';
    const rows: unknown[] = await m.query(
      `INSERT INTO report_delivery (report_id, alert_id, channel, recipient, next_attempt_at, created_at, updated_at)
       SELECT $1::bigint, $2::bigint, d.channel, d.recipient, $5, $5, $5 FROM unnest($3::text[], $4::text[]) AS d(channel, recipient)
       ON CONFLICT ${target} DO NOTHING RETURNING id`,
      [reportId, alertId, deliveries.map((d) => d.channel), deliveries.map((d) => d.recipient), now],
    );
    return rows.length;
  }

  /**
   * Claims due deliveries (other replicas skip them) by pushing their next attempt out by a lease, so a replica that
   * dies mid-send leaves them to be retried once the lease ends. Oldest first. Each claim gets a fresh claimToken:
   * only its holder records the outcome (markSent, recordFailure), so a replica whose lease ended mid-send (the row
   * claimed again and sent by another) cannot overwrite what the other recorded.
   */
  async claimDue(now: Date, leaseSeconds: number, limit: number): Promise<ClaimedDelivery[]> {
    const [rows] = await this.db.query(
      `UPDATE report_delivery SET next_attempt_at = $1::timestamptz + make_interval(secs => $2), claim_token = gen_random_uuid()
       WHERE id IN (
         SELECT id FROM report_delivery WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}, claim_token::text AS "claimToken"`,
      [now, leaseSeconds, limit],
    );
    return rows ?? [];
  }

  /** Records a claimed delivery sent; false (nothing changed) unless the claim is still the row's current one. */
  async markSent(claim: DeliveryClaim, at: Date): Promise<boolean> {
    const [, count] = await this.db.query(
      `UPDATE report_delivery SET status = 'sent', sent_at = $3, updated_at = $3, attempts = attempts + 1, last_error = NULL, claim_token = NULL
       WHERE id = $1::bigint AND claim_token = $2::uuid AND status = 'pending'`,
      [claim.id, claim.claimToken, at],
    );
    return count > 0;
  }

  /**
   * A failed attempt of a claimed delivery: tried again at nextAttemptAt, or given up (status failed) after the last
   * attempt. False (nothing changed) unless the claim is still the row's current one.
   */
  async recordFailure(claim: DeliveryClaim, error: string, at: Date, nextAttemptAt: Date | null): Promise<boolean> {
    const [, count] = await this.db.query(
      `UPDATE report_delivery SET attempts = attempts + 1, last_error = $3, updated_at = $4, claim_token = NULL,
              status = CASE WHEN $5::timestamptz IS NULL THEN 'failed' ELSE status END,
              next_attempt_at = COALESCE($5::timestamptz, next_attempt_at)
       WHERE id = $1::bigint AND claim_token = $2::uuid AND status = 'pending'`,
      [claim.id, claim.claimToken, error.slice(0, 1000), at, nextAttemptAt],
    );
    return count > 0;
  }

  /** A failed delivery back to pending, due now, with a fresh count of attempts; null unless it had failed. */
  async retryFailed(subject: DeliverySubject, id: string, now: Date): Promise<ReportDelivery | null> {
    const [rows] = await this.db.query(
      `UPDATE report_delivery SET status = 'pending', attempts = 0, next_attempt_at = $2, updated_at = $2, claim_token = NULL
       WHERE id = $1::bigint AND ${subjectCondition(3)} AND status = 'failed' RETURNING ${COLUMNS}`,
      [id, now, reportIdOf(subject)],
    );
    return rows?.[0] ?? null;
  }

  async findOne(subject: DeliverySubject, id: string): Promise<ReportDelivery | null> {
    const rows: ReportDelivery[] = await this.db.query(`SELECT ${COLUMNS} FROM report_delivery WHERE id = $1::bigint AND ${subjectCondition(2)}`, [
      id,
      reportIdOf(subject),
    ]);
    return rows[0] ?? null;
  }

  /** The deliveries of urgent notices (alerts), newest first, of one status if given. */
  findUrgentNotices(status: DeliveryStatus | undefined, limit: number): Promise<ReportDelivery[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM report_delivery WHERE alert_id IS NOT NULL AND ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT $2`,
      [status ?? null, limit],
    );
  }

  findForReport(reportId: string): Promise<ReportDelivery[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM report_delivery WHERE report_id = $1::bigint ORDER BY channel, recipient, id`, [reportId]);
  }

  findForAlert(alertId: string): Promise<ReportDelivery[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM report_delivery WHERE alert_id = $1::bigint ORDER BY id`, [alertId]);
  }
}

/** The rows of a subject, the report's id (or null: an urgent notice) as parameter $n. */
function subjectCondition(n: number): string {
  return `(report_id = $${n}::bigint OR ($${n}::bigint IS NULL AND alert_id IS NOT NULL))`;
}

const reportIdOf = (subject: DeliverySubject): string | null => (subject === 'urgent_notice' ? null : subject.reportId);
