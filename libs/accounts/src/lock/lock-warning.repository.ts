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
  idleSince: Date;
  recipients: string[];
  delivery: 'pending' | 'sent' | 'logged' | 'failed';
  createdAt: Date;
  lastError: string | null;
}

const VIEW = `w.account_id AS "accountId", a.full_name AS "fullName", a.unit_name AS "unitName",
  to_char(w.lock_due_on, 'YYYY-MM-DD') AS "lockDueOn", w.offset_days AS "offsetDays", ${idleSinceSql('a')} AS "idleSince",
  w.recipients, w.delivery, w.created_at AS "createdAt", w.last_error AS "lastError"`;

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
         SELECT a.account_id, a.unit_code, a.email, ${lockDueOnSql('a', '$2', '$3')} AS lock_due_on
         FROM account a WHERE a.state = 'active' AND NOT ${EXEMPT_SQL('a', '$1')}
       ), picked AS (
         SELECT d.*, (SELECT min(o) FROM unnest($4::int[]) AS o WHERE o >= d.lock_due_on - ${today}) AS offset_days
         FROM due d WHERE d.lock_due_on > ${today} AND d.lock_due_on - ${today} <= (SELECT max(o) FROM unnest($4::int[]) AS o)
       )
       INSERT INTO account_lock_warning (account_id, lock_due_on, offset_days, created_at, recipients)
       SELECT p.account_id, p.lock_due_on, p.offset_days, $1, array_remove(ARRAY[p.email, c.admin_email], NULL)
       FROM picked p LEFT JOIN account_unit_contact c ON c.unit_code = p.unit_code
       ON CONFLICT DO NOTHING
       RETURNING account_id, to_char(lock_due_on, 'YYYY-MM-DD') AS lock_due_on, offset_days`,
      [now, policy.timeZone, policy.idleMonths, offsets],
    );
    if (!rows.length) return [];
    return manager.query(
      `SELECT ${VIEW} FROM account_lock_warning w JOIN account a ON a.account_id = w.account_id
       JOIN unnest($1::text[], $2::date[], $3::int[]) AS k(account_id, lock_due_on, offset_days)
         ON k.account_id = w.account_id AND k.lock_due_on = w.lock_due_on AND k.offset_days = w.offset_days`,
      [rows.map((r) => r.account_id), rows.map((r) => r.lock_due_on), rows.map((r) => r.offset_days)],
    );
  }

  async recordDelivery(w: Pick<LockWarning, 'accountId' | 'lockDueOn' | 'offsetDays'>, delivery: LockWarning['delivery'], error?: string): Promise<void> {
    await updateReturning(
      this.dataSource.manager,
      `UPDATE account_lock_warning SET delivery = $4, last_error = $5
       WHERE account_id = $1 AND lock_due_on = $2 AND offset_days = $3 RETURNING account_id`,
      [w.accountId, w.lockDueOn, w.offsetDays, delivery, error ?? null],
    );
  }

  async list(filter: { accountId?: string; since?: Date; limit: number; offset: number }): Promise<LockWarning[]> {
    return this.dataSource.query(
      `SELECT ${VIEW} FROM account_lock_warning w JOIN account a ON a.account_id = w.account_id
       WHERE ($1::text IS NULL OR w.account_id = $1) AND ($2::timestamptz IS NULL OR w.created_at >= $2)
       ORDER BY w.created_at DESC, w.account_id LIMIT $3 OFFSET $4`,
      [filter.accountId ?? null, filter.since ?? null, filter.limit, filter.offset],
    );
  }
}
