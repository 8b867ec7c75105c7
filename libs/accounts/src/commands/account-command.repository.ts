import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccountCommand, AccountCommandAction, AccountCommandState } from './account-command.type';

const COLUMNS = `id::text, account_id AS "accountId", action, reason, actor, idempotency_key AS "idempotencyKey", state, attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", kafka_delivered_at AS "kafkaDeliveredAt",
  webhook_delivered_at AS "webhookDeliveredAt", delivered_at AS "deliveredAt", created_at AS "createdAt"`;

/** The outbox of lock/unlock commands for the TTHC system. */
@Injectable()
export class AccountCommandRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds commands; ids may be given (a lock reserves its command id in the same statement that locks). */
  async add(
    manager: EntityManager,
    commands: { id?: string; accountId: string }[],
    action: AccountCommandAction,
    reason: string,
    actor: string,
    now: Date,
  ): Promise<string[]> {
    if (!commands.length) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO account_command (id, account_id, action, reason, actor, idempotency_key, next_attempt_at, created_at)
       SELECT COALESCE(c.id, nextval('account_command_id_seq')), c.account_id, $3, $4, $5, gen_random_uuid(), $6, $6
       FROM unnest($1::bigint[], $2::text[]) AS c(id, account_id) RETURNING id::text`,
      [commands.map((c) => c.id ?? null), commands.map((c) => c.accountId), action, reason, actor, now],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Claims due commands for delivery (other replicas skip them) by pushing their next attempt out by a lease,
   * so a replica that dies mid-delivery leaves them to be retried. Per account, the oldest pending goes first.
   */
  async claimDue(now: Date, leaseSeconds: number, limit: number): Promise<AccountCommand[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE account_command c SET next_attempt_at = $1::timestamptz + make_interval(secs => $2)
       WHERE c.id IN (
         SELECT d.id FROM account_command d
         WHERE d.state = 'pending' AND d.next_attempt_at <= $1
           AND NOT EXISTS (SELECT 1 FROM account_command p WHERE p.account_id = d.account_id AND p.state = 'pending' AND p.id < d.id)
         ORDER BY d.id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [now, leaseSeconds, limit],
    );
    return rows ?? [];
  }

  async recordChannelDelivered(id: string, channel: 'kafka' | 'webhook', at: Date): Promise<void> {
    const column = channel === 'kafka' ? 'kafka_delivered_at' : 'webhook_delivered_at';
    await this.dataSource.query(`UPDATE account_command SET ${column} = $2 WHERE id = $1 AND ${column} IS NULL`, [id, at]);
  }

  async markDelivered(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE account_command SET state = 'delivered', delivered_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`,
      [id, at],
    );
  }

  /** A failed attempt: retried at nextAttemptAt, or given up (state failed) after the last attempt. */
  async recordFailure(id: string, error: string, nextAttemptAt: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE account_command SET attempts = attempts + 1, last_error = $2,
              state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE state END,
              next_attempt_at = COALESCE($3::timestamptz, next_attempt_at)
       WHERE id = $1`,
      [id, error.slice(0, 1000), nextAttemptAt],
    );
  }

  async list(filter: { state?: AccountCommandState; accountId?: string; limit: number; offset: number }): Promise<AccountCommand[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM account_command
       WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR account_id = $2)
       ORDER BY id DESC LIMIT $3 OFFSET $4`,
      [filter.state ?? null, filter.accountId ?? null, filter.limit, filter.offset],
    );
  }

  async latestFor(accountIds: string[]): Promise<AccountCommand[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (account_id) ${COLUMNS} FROM account_command WHERE account_id = ANY($1::text[]) ORDER BY account_id, id DESC`,
      [accountIds],
    );
  }
}
