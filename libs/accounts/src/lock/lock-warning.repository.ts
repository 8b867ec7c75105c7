import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EXEMPT_SQL, updateReturning } from '../account.repository';
import { IdlePolicy, idleSinceSql, localDateSql, lockDueOnSql } from '../idle-policy.util';

export interface LockWarning {
  accountId: string;
  fullName: string | null;
  unitName: string | null;
  lockDueOn: string;
  offsetDays: number;
  /** What the idle count starts from now (null if the evidence changed since the warning: no longer due). */
  idleSince: Date | null;
  recipients: string[];
  delivery: 'pending' | 'sent' | 'logged' | 'failed';
  createdAt: Date;
  lastError: string | null;
  /** Mail attempts so far; a failed one is tried again at nextAttemptAt, up to WARNING_MAX_ATTEMPTS. */
  attempts: number;
  nextAttemptAt: Date | null;
}

/** Tries per warning; after the last failure it stays failed (listed in the console and the reports). */
export const WARNING_MAX_ATTEMPTS = 5;
/** Wait before the next try, by attempts made so far: 5 min, 15 min, 1 h, 3 h. */
const RETRY_DELAYS_S = [300, 900, 3600, 10800];
/** How long a sender holds a warning it took (mail timeouts are far shorter); after that another may take it. */
const LEASE_S = 900;

/** The warning's columns; obs is the placeholder of the observation start. */
const VIEW = (obs: string): string => `w.account_id AS "accountId", a.full_name AS "fullName", a.unit_name AS "unitName",
  to_char(w.lock_due_on, 'YYYY-MM-DD') AS "lockDueOn", w.offset_days AS "offsetDays", ${idleSinceSql('a', obs)} AS "idleSince",
  w.recipients, w.delivery, w.created_at AS "createdAt", w.last_error AS "lastError", w.attempts,
  w.next_attempt_at AS "nextAttemptAt"`;

/** Warnings before the idle lock; the primary key (account, due date, offset) makes each go out once. */
@Injectable()
export class LockWarningRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the warnings due today: for each active, non-exempt account whose lock falls within the largest
   * offset, the smallest offset already reached. Already-claimed ones are skipped by the primary key.
   */
  async claimDue(manager: EntityManager, now: Date, policy: IdlePolicy, offsets: number[]): Promise<LockWarning[]> {
    const today = localDateSql('$1', '$2');
    const rows: { account_id: string; lock_due_on: string; offset_days: number }[] = await manager.query(
      `WITH due AS (
         SELECT a.account_id, a.unit_code, a.email, ${lockDueOnSql('a', '$5', '$2', '$3')} AS lock_due_on
         FROM account a WHERE a.state = 'active' AND NOT ${EXEMPT_SQL('a', '$1')}
       ), picked AS (
         SELECT d.*, (SELECT min(o) FROM unnest($4::int[]) AS o WHERE o >= d.lock_due_on - ${today}) AS offset_days
         FROM due d WHERE d.lock_due_on > ${today} AND d.lock_due_on - ${today} <= (SELECT max(o) FROM unnest($4::int[]) AS o)
       )
       INSERT INTO account_lock_warning (account_id, lock_due_on, offset_days, created_at, recipients, next_attempt_at)
       SELECT p.account_id, p.lock_due_on, p.offset_days, $1, array_remove(ARRAY[p.email, c.admin_email], NULL), $1
       FROM picked p LEFT JOIN account_unit_contact c ON c.unit_code = p.unit_code
       ON CONFLICT DO NOTHING
       RETURNING account_id, to_char(lock_due_on, 'YYYY-MM-DD') AS lock_due_on, offset_days`,
      [now, policy.timeZone, policy.idleMonths, offsets, policy.observationStart],
    );
    return this.viewOf(manager, rows, policy.observationStart);
  }

  /**
   * The warnings to try again now: failed ones whose next attempt is due, and pending ones whose sender's lease
   * ran out, while they still apply — the account is still active, not exempt, and its lock still falls on that
   * date. The sender takes each one (take) right before mailing it.
   */
  async dueForRetry(now: Date, policy: IdlePolicy, limit = 100): Promise<LockWarning[]> {
    return this.dataSource.query(
      `SELECT ${VIEW('$5')} FROM account_lock_warning w JOIN account a ON a.account_id = w.account_id
       WHERE w.delivery IN ('pending', 'failed') AND w.next_attempt_at <= $1 AND w.attempts < ${WARNING_MAX_ATTEMPTS}
         AND w.recipients <> '{}' AND w.lock_due_on > ${localDateSql('$1', '$2')}
         AND a.state = 'active' AND NOT ${EXEMPT_SQL('a', '$1')} AND ${lockDueOnSql('a', '$5', '$2', '$3')} = w.lock_due_on
       ORDER BY w.next_attempt_at, w.account_id LIMIT $4`,
      [now, policy.timeZone, policy.idleMonths, limit, policy.observationStart],
    );
  }

  /**
   * Takes a warning for one mail attempt under the sender's token: counts the attempt and holds the warning for
   * the lease. False when it is not to be sent now (sent meanwhile, or another sender holds it).
   */
  async take(w: Pick<LockWarning, 'accountId' | 'lockDueOn' | 'offsetDays'>, now: Date, token: string): Promise<boolean> {
    const taken = await updateReturning(
      this.dataSource.manager,
      `UPDATE account_lock_warning SET attempts = attempts + 1, claim_token = $5,
         next_attempt_at = $4::timestamptz + interval '${LEASE_S} seconds'
       WHERE account_id = $1 AND lock_due_on = $2 AND offset_days = $3 AND delivery IN ('pending', 'failed')
         AND attempts < ${WARNING_MAX_ATTEMPTS} AND next_attempt_at <= $4
       RETURNING account_id`,
      [w.accountId, w.lockDueOn, w.offsetDays, now, token],
    );
    return taken.length > 0;
  }

  private async viewOf(
    manager: EntityManager,
    rows: { account_id: string; lock_due_on: string; offset_days: number }[],
    observationStart: Date | null,
  ): Promise<LockWarning[]> {
    if (!rows.length) return [];
    return manager.query(
      `SELECT ${VIEW('$4')} FROM account_lock_warning w JOIN account a ON a.account_id = w.account_id
       JOIN unnest($1::text[], $2::date[], $3::int[]) AS k(account_id, lock_due_on, offset_days)
         ON k.account_id = w.account_id AND k.lock_due_on = w.lock_due_on AND k.offset_days = w.offset_days`,
      [rows.map((r) => r.account_id), rows.map((r) => r.lock_due_on), rows.map((r) => r.offset_days), observationStart],
    );
  }

  /**
   * Records the outcome of the attempt taken under token (nothing if another sender has taken the warning since).
   * A failure with recipients is tried again after a delay that grows with the attempts, up to the last one.
   */
  async recordDelivery(
    w: Pick<LockWarning, 'accountId' | 'lockDueOn' | 'offsetDays'>,
    token: string,
    delivery: LockWarning['delivery'],
    at: Date,
    error?: string,
  ): Promise<void> {
    const delays = `ARRAY[${RETRY_DELAYS_S.join(',')}]`;
    await updateReturning(
      this.dataSource.manager,
      `UPDATE account_lock_warning SET delivery = $4, last_error = $5, claim_token = NULL,
         next_attempt_at = CASE WHEN $4 = 'failed' AND recipients <> '{}' AND attempts < ${WARNING_MAX_ATTEMPTS}
           THEN $6::timestamptz + make_interval(secs => (${delays})[least(attempts, ${RETRY_DELAYS_S.length})]) END
       WHERE account_id = $1 AND lock_due_on = $2 AND offset_days = $3 AND claim_token = $7 RETURNING account_id`,
      [w.accountId, w.lockDueOn, w.offsetDays, delivery, error ?? null, at, token],
    );
  }

  async list(
    filter: { accountId?: string; since?: Date; limit: number; offset: number },
    observationStart: Date | null,
  ): Promise<LockWarning[]> {
    return this.dataSource.query(
      `SELECT ${VIEW('$5')} FROM account_lock_warning w JOIN account a ON a.account_id = w.account_id
       WHERE ($1::text IS NULL OR w.account_id = $1) AND ($2::timestamptz IS NULL OR w.created_at >= $2)
       ORDER BY w.created_at DESC, w.account_id LIMIT $3 OFFSET $4`,
      [filter.accountId ?? null, filter.since ?? null, filter.limit, filter.offset, observationStart],
    );
  }
}
