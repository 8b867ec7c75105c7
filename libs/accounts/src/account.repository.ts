import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccountState } from './account.type';
import { DirectoryEntry } from './directory/directory-entry.type';
import { IdleBasis, idleBasisSql, IdlePolicy, idleSinceSql, localDateSql, lockDueOnSql } from './idle-policy.util';

/** What an idle lock would count from, for the dry run, the mass-change check and the lock's evidence. */
export interface IdleEvidenceRow {
  accountId: string;
  idleSince: Date | null;
  idleBasis: IdleBasis;
  observationStart: Date | null;
  lastActivityAt: Date | null;
  directoryLastLoginAt: Date | null;
  lockDueOn: string | null;
}

export interface LockedAccountRow extends IdleEvidenceRow {
  commandId: string;
  directoryStatus: string | null;
}

/** An account a directory sync may lock or mark removed, with its state before the sync. */
export interface AccountStateRow {
  accountId: string;
  state: AccountState;
}

export interface AccountStatusRow {
  accountId: string;
  state: AccountState;
  stateChangedAt: Date | null;
  lockReason: string | null;
  lockDeliveredAt: Date | null;
}

/** The idle evidence columns over params obs, tz, months (placeholders such as '$4'). */
const IDLE_EVIDENCE = (obs: string, tz: string, months: string): string => `a.account_id AS "accountId",
  ${idleSinceSql('a', obs)} AS "idleSince", ${idleBasisSql('a', obs)} AS "idleBasis", ${obs}::timestamptz AS "observationStart",
  a.last_activity_at AS "lastActivityAt", a.directory_last_login_at AS "directoryLastLoginAt",
  to_char(${lockDueOnSql('a', obs, tz, months)}, 'YYYY-MM-DD') AS "lockDueOn"`;

const LOCK_RETURNING = (obs: string, tz: string, months: string): string => `
  RETURNING ${IDLE_EVIDENCE(obs, tz, months)}, a.lock_command_id::text AS "commandId", a.directory_status AS "directoryStatus"`;

/** Active, not exempt, and its idle lock due on or before today's local date. */
const IDLE_DUE = (now: string, obs: string, tz: string, months: string): string =>
  `a.state = 'active' AND ${lockDueOnSql('a', obs, tz, months)} <= ${localDateSql(now, tz)} AND NOT ${EXEMPT_SQL('a', now)}`;

/** An active exemption (service account, registered leave) at $now; expired ones stop applying by themselves. */
export const EXEMPT_SQL = (alias: string, nowParam: string): string => `EXISTS (
  SELECT 1 FROM account_exemption x WHERE x.account_id = ${alias}.account_id AND x.revoked_at IS NULL
    AND x.valid_from <= ${nowParam} AND x.valid_until > ${nowParam})`;

/** The accounts table. Queries named for what they answer; hot paths are single set-based statements. */
@Injectable()
export class AccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The directory fields of the accounts already known, keyed by id: the "before" of a sync's history. */
  async findDirectorySnapshots(manager: EntityManager, ids: string[]): Promise<Map<string, StoredDirectoryEntry>> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT account_id, full_name, unit_code, unit_name, role, account_type, directory_status, email,
              directory_created_at, directory_last_login_at, directory_extra, in_directory, state
       FROM account WHERE account_id = ANY($1::text[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [r.account_id as string, { ...snapshotOf(r), inDirectory: r.in_directory as boolean, state: r.state as AccountState }]),
    );
  }

  /**
   * Writes directory entries (new or changed) in one statement. An account new to a directory that already had
   * accounts did not exist before this sync: its listed_at counts like a creation date. The initial load sets none.
   */
  async upsertDirectoryEntries(manager: EntityManager, entries: DirectoryEntry[], now: Date): Promise<void> {
    if (!entries.length) return;
    await manager.query(
      `INSERT INTO account (account_id, full_name, unit_code, unit_name, role, account_type, directory_status, email,
                            directory_created_at, directory_last_login_at, directory_extra, in_directory, first_seen_at,
                            listed_at, updated_at)
       SELECT d."accountId", d."fullName", d."unitCode", d."unitName", d.role, d."accountType", d.status, d.email,
              d."createdAt", d."lastLoginAt", d.extra, true, $2,
              CASE WHEN EXISTS (SELECT 1 FROM account WHERE in_directory OR removed_at IS NOT NULL) THEN $2::timestamptz END, $2
       FROM jsonb_to_recordset($1::jsonb) AS d("accountId" text, "fullName" text, "unitCode" text, "unitName" text, role text,
            "accountType" text, status text, email text, "createdAt" timestamptz, "lastLoginAt" timestamptz, extra jsonb)
       ON CONFLICT (account_id) DO UPDATE SET
         full_name = EXCLUDED.full_name, unit_code = EXCLUDED.unit_code, unit_name = EXCLUDED.unit_name,
         role = EXCLUDED.role, account_type = EXCLUDED.account_type, directory_status = EXCLUDED.directory_status,
         email = EXCLUDED.email, directory_created_at = EXCLUDED.directory_created_at,
         directory_last_login_at = EXCLUDED.directory_last_login_at, directory_extra = EXCLUDED.directory_extra,
         in_directory = true, removed_at = NULL, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(entries), now],
    );
  }

  /** Full sync: accounts in the directory before but absent from this export, with their state. */
  async findAbsentFromDirectory(manager: EntityManager, keepIds: string[]): Promise<AccountStateRow[]> {
    return manager.query(
      `SELECT account_id AS "accountId", state FROM account
       WHERE in_directory AND NOT (account_id = ANY($1::text[])) ORDER BY account_id`,
      [keepIds],
    );
  }

  async markRemoved(manager: EntityManager, ids: string[], now: Date): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { account_id: string }[] = await updateReturning(
      manager,
      `UPDATE account SET in_directory = false, removed_at = $2, updated_at = $2
       WHERE in_directory AND account_id = ANY($1::text[]) RETURNING account_id`,
      [ids, now],
    );
    return rows.map((r) => r.account_id).sort();
  }

  /** The base of the mass-change share: accounts the service lets sign in. */
  async countActive(manager: EntityManager): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM account WHERE state = 'active'`);
    return n;
  }

  /** The accounts whose idle lock is due today, with what their count starts from: the plan of an idle-lock run. */
  async findIdleDue(manager: EntityManager, now: Date, policy: IdlePolicy): Promise<IdleEvidenceRow[]> {
    return manager.query(
      `SELECT ${IDLE_EVIDENCE('$2', '$3', '$4')} FROM account a WHERE ${IDLE_DUE('$1', '$2', '$3', '$4')} ORDER BY a.account_id`,
      [now, policy.observationStart, policy.timeZone, policy.idleMonths],
    );
  }

  /**
   * Locks the given accounts that are still active. Conditional, so that two callers (replicas, a sync and the
   * job) lock an account once; each locked row gets the id of its lock command.
   */
  async lockActive(manager: EntityManager, ids: string[], reason: string, now: Date, policy: IdlePolicy): Promise<LockedAccountRow[]> {
    if (!ids.length) return [];
    return updateReturning(
      manager,
      `UPDATE account a SET state = 'locked', state_changed_at = $3, lock_reason = $2, lock_delivered_at = NULL,
              lock_command_id = nextval('account_command_id_seq'), updated_at = $3
       WHERE a.account_id = ANY($1::text[]) AND a.state = 'active' ${LOCK_RETURNING('$4', '$5', '$6')}`,
      [ids, reason, now, policy.observationStart, policy.timeZone, policy.idleMonths],
    );
  }

  /**
   * Locks those of the planned ids whose idle lock is still due (one may have been used since the plan): never
   * more than the plan the mass-change check passed.
   */
  async lockIdle(manager: EntityManager, ids: string[], reason: string, now: Date, policy: IdlePolicy): Promise<LockedAccountRow[]> {
    if (!ids.length) return [];
    return updateReturning(
      manager,
      `UPDATE account a SET state = 'locked', state_changed_at = $1, lock_reason = $6, lock_delivered_at = NULL,
              lock_command_id = nextval('account_command_id_seq'), updated_at = $1
       WHERE a.account_id = ANY($5::text[]) AND ${IDLE_DUE('$1', '$2', '$3', '$4')} ${LOCK_RETURNING('$2', '$3', '$4')}`,
      [now, policy.observationStart, policy.timeZone, policy.idleMonths, ids, reason],
    );
  }

  /** Unlocks a locked account and starts a fresh grace period from now. Null when it was not locked. */
  async unlock(manager: EntityManager, accountId: string, now: Date): Promise<{ lockReason: string; lockedAt: Date } | null> {
    const rows: { lockReason: string; lockedAt: Date }[] = await updateReturning(
      manager,
      `UPDATE account a SET state = 'active', state_changed_at = $2, grace_from = $2, lock_reason = NULL,
              lock_command_id = NULL, lock_delivered_at = NULL, updated_at = $2
       FROM (SELECT account_id, lock_reason, state_changed_at FROM account WHERE account_id = $1 AND state = 'locked' FOR UPDATE) old
       WHERE a.account_id = old.account_id
       RETURNING old.lock_reason AS "lockReason", old.state_changed_at AS "lockedAt"`,
      [accountId, now],
    );
    return rows[0] ?? null;
  }

  /**
   * Last activity from one stored batch: one upsert for all its accounts (sorted, so concurrent batches take
   * row locks in the same order). Accounts first seen in events are created.
   */
  async recordActivity(manager: EntityManager, latest: Map<string, { at: Date; unitCode: string | null }>, now: Date): Promise<void> {
    const ids = [...latest.keys()].sort();
    await manager.query(
      `INSERT INTO account (account_id, unit_code, first_seen_at, last_activity_at, updated_at)
       SELECT e.account_id, e.unit_code, $4, e.at, $4 FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS e(account_id, at, unit_code)
       ON CONFLICT (account_id) DO UPDATE SET last_activity_at = EXCLUDED.last_activity_at, updated_at = EXCLUDED.updated_at
       WHERE account.last_activity_at IS NULL OR account.last_activity_at < EXCLUDED.last_activity_at`,
      [ids, ids.map((id) => latest.get(id)!.at), ids.map((id) => latest.get(id)!.unitCode), now],
    );
  }

  /** Locked accounts among ids whose lock the TTHC system has acknowledged. */
  async findDeliveredLocks(
    manager: EntityManager,
    ids: string[],
  ): Promise<{ accountId: string; lockedAt: Date; lockDeliveredAt: Date; lockReason: string; commandId: string }[]> {
    return manager.query(
      `SELECT account_id AS "accountId", state_changed_at AS "lockedAt", lock_delivered_at AS "lockDeliveredAt",
              lock_reason AS "lockReason", lock_command_id::text AS "commandId"
       FROM account WHERE account_id = ANY($1::text[]) AND state = 'locked' AND lock_delivered_at IS NOT NULL`,
      [ids],
    );
  }

  /** The lock command was delivered: from now on any use of the account is a breach of the lock. */
  async markLockDelivered(manager: EntityManager, commandId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE account SET lock_delivered_at = $2 WHERE lock_command_id = $1 AND state = 'locked' AND lock_delivered_at IS NULL`,
      [commandId, at],
    );
  }

  async findStatusRows(ids?: string[]): Promise<AccountStatusRow[]> {
    return this.dataSource.query(
      `SELECT account_id AS "accountId", state, state_changed_at AS "stateChangedAt", lock_reason AS "lockReason",
              lock_delivered_at AS "lockDeliveredAt"
       FROM account ${ids ? 'WHERE account_id = ANY($1::text[])' : ''}`,
      ids ? [ids] : [],
    );
  }

  async exists(manager: EntityManager, accountId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM account WHERE account_id = $1`, [accountId]);
    return rows.length > 0;
  }
}

/** TypeORM answers an UPDATE … RETURNING with [rows, count]. */
export async function updateReturning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = await manager.query(sql, params);
  return rows;
}

function iso(value: unknown): string | null {
  return value ? (value as Date).toISOString() : null;
}

/** A directory entry as stored, with the account's state (what a sync compares and may lock). */
export type StoredDirectoryEntry = DirectoryEntry & { inDirectory: boolean; state: AccountState };

function snapshotOf(r: Record<string, unknown>): DirectoryEntry {
  return {
    accountId: r.account_id as string,
    fullName: r.full_name as string | null,
    unitCode: r.unit_code as string,
    unitName: r.unit_name as string | null,
    role: r.role as string | null,
    accountType: r.account_type as DirectoryEntry['accountType'],
    status: r.directory_status as DirectoryEntry['status'],
    email: r.email as string | null,
    createdAt: iso(r.directory_created_at),
    lastLoginAt: iso(r.directory_last_login_at),
    extra: r.directory_extra as DirectoryEntry['extra'],
  };
}
