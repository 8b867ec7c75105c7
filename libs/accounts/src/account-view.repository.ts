import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountState, AccountView } from './account.type';
import { idleBasisSql, IdlePolicy, idleSinceSql, localDateSql, lockDueOnSql } from './idle-policy.util';

export interface AccountListFilter {
  state?: AccountState;
  unitCode?: string;
  /** Active accounts whose idle lock falls within this many days (the console's "to be locked soon"). */
  lockDueWithinDays?: number;
  search?: string;
  limit: number;
  offset: number;
}

/** The view's columns over params obs (observation start), tz, months and now. */
const VIEW = (obs: string, tz: string, m: string, now: string): string => `a.account_id AS "accountId", a.full_name AS "fullName",
  a.unit_code AS "unitCode", a.unit_name AS "unitName", a.role, a.account_type AS "accountType",
  a.directory_status AS "directoryStatus", a.email, a.in_directory AS "inDirectory", a.removed_at AS "removedAt",
  a.first_seen_at AS "firstSeenAt", a.listed_at AS "listedAt", a.last_activity_at AS "lastActivityAt",
  a.directory_last_login_at AS "directoryLastLoginAt", a.directory_created_at AS "directoryCreatedAt",
  a.grace_from AS "graceFrom", ${idleSinceSql('a', obs)} AS "idleSince", ${idleBasisSql('a', obs)} AS "idleBasis",
  ${obs}::timestamptz AS "observationStart", to_char(${lockDueOnSql('a', obs, tz, m)}, 'YYYY-MM-DD') AS "lockDueOn",
  CASE WHEN a.state = 'active' THEN (${lockDueOnSql('a', obs, tz, m)} - ${localDateSql(now, tz)})::int END AS "lockDueInDays",
  a.state, a.state_changed_at AS "stateChangedAt", a.lock_reason AS "lockReason", a.lock_delivered_at AS "lockDeliveredAt",
  a.directory_extra AS extra`;

/** Read models of accounts for the console and the API. */
@Injectable()
export class AccountViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findOne(accountId: string, policy: IdlePolicy, now: Date): Promise<AccountView | null> {
    const [row] = await this.dataSource.query(`SELECT ${VIEW('$2', '$3', '$4', '$5')} FROM account a WHERE a.account_id = $1`, [
      accountId,
      policy.observationStart,
      policy.timeZone,
      policy.idleMonths,
      now,
    ]);
    return row ?? null;
  }

  async list(filter: AccountListFilter, policy: IdlePolicy, now: Date): Promise<{ items: AccountView[]; total: number }> {
    const due = lockDueOnSql('a', '$8', '$1', '$2');
    const where = `($3::text IS NULL OR a.state = $3) AND ($4::text IS NULL OR a.unit_code = $4)
      AND ($5::int IS NULL OR (a.state = 'active' AND ${due} - ${localDateSql('$6', '$1')} <= $5))
      AND ($7::text IS NULL OR a.account_id ILIKE '%' || $7 || '%' OR a.full_name ILIKE '%' || $7 || '%')`;
    const params = [
      policy.timeZone,
      policy.idleMonths,
      filter.state ?? null,
      filter.unitCode ?? null,
      filter.lockDueWithinDays ?? null,
      now,
      filter.search ?? null,
      policy.observationStart,
    ];
    const items = await this.dataSource.query(
      // "Due within n days" is a countdown: soonest first.
      `SELECT ${VIEW('$8', '$1', '$2', '$6')} FROM account a WHERE ${where}
       ORDER BY ${filter.lockDueWithinDays !== undefined ? `${due} NULLS LAST, ` : ''}a.account_id LIMIT $9 OFFSET $10`,
      [...params, filter.limit, filter.offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM account a WHERE ${where}`, params);
    return { items, total };
  }
}
