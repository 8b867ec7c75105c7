import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccountLockEntry, AccountUnlockEntry, AccountWarningEntry } from '../report.type';

const ACCOUNT = `a.full_name AS "fullName", a.unit_code AS "unitCode", a.unit_name AS "unitName"`;

/**
 * Locks, unlocks and lock warnings of the period, from the accounts' history (account_history, append-only by use)
 * and the warnings sent (account_lock_warning). Instants: [from, to) as timestamps of local midnights.
 */
@Injectable()
export class ReportAccountsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The cause as the Office asks for it: a directory-status lock is told apart by the status the directory gave
   * (transferred, retired, suspended), the other reasons are the lock's own.
   */
  locks(from: Date, to: Date): Promise<AccountLockEntry[]> {
    return this.db.query(
      `SELECT h.account_id AS "accountId", ${ACCOUNT}, h.at, h.actor,
              CASE h.after->>'lockReason'
                WHEN 'idle' THEN 'idle'
                WHEN 'removed_from_directory' THEN 'removed'
                WHEN 'directory_status' THEN coalesce(nullif(h.evidence->>'directoryStatus', 'active'), 'suspended')
                ELSE 'manual' END AS cause
       FROM account_history h LEFT JOIN account a ON a.account_id = h.account_id
       WHERE h.change_kind = 'locked' AND h.at >= $1 AND h.at < $2
       ORDER BY h.at, h.id`,
      [from, to],
    );
  }

  unlocks(from: Date, to: Date): Promise<AccountUnlockEntry[]> {
    return this.db.query(
      `SELECT h.account_id AS "accountId", ${ACCOUNT}, h.at, h.actor
       FROM account_history h LEFT JOIN account a ON a.account_id = h.account_id
       WHERE h.change_kind = 'unlocked' AND h.at >= $1 AND h.at < $2
       ORDER BY h.at, h.id`,
      [from, to],
    );
  }

  /** Warnings created in the period (one row per account, due date and offset), whatever their delivery. */
  warnings(from: Date, to: Date): Promise<AccountWarningEntry[]> {
    return this.db.query(
      `SELECT w.account_id AS "accountId", ${ACCOUNT}, w.created_at AS "sentAt",
              to_char(w.lock_due_on, 'YYYY-MM-DD') AS "lockDueOn", w.offset_days AS "daysBefore"
       FROM account_lock_warning w LEFT JOIN account a ON a.account_id = w.account_id
       WHERE w.created_at >= $1 AND w.created_at < $2
       ORDER BY w.created_at, w.account_id`,
      [from, to],
    );
  }
}
