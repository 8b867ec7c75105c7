import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AlertActor } from '../alert.type';
import { CreateSuppressionInput, SuppressibleAlert, Suppression } from './suppression.type';

const columns = (now: string) => `id::text, reason, account_id AS "accountId", unit_code AS "unitCode", type,
  source_system AS "sourceSystem", valid_from AS "validFrom", valid_until AS "validUntil", approved_by_id AS "approvedById",
  approved_by_name AS "approvedByName", created_at AS "createdAt", revoked_at AS "revokedAt", revoked_by_id AS "revokedById",
  revoked_by_name AS "revokedByName", revoke_reason AS "revokeReason",
  (revoked_at IS NULL AND valid_from <= ${now} AND ${now} < valid_until) AS active`;

@Injectable()
export class SuppressionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, s: Required<CreateSuppressionInput>, approver: AlertActor, now: Date): Promise<Suppression> {
    const [row] = await m.query(
      `INSERT INTO alert_suppression (reason, account_id, unit_code, type, source_system, valid_from, valid_until,
         approved_by_id, approved_by_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${columns('$10')}`,
      [s.reason, s.accountId, s.unitCode, s.type, s.sourceSystem, s.validFrom, s.validUntil, approver.id, approver.name, now],
    );
    return row;
  }

  /**
   * The oldest active suppression covering the alert at `now`. Expiry needs no job: a suppression past valid_until
   * simply stops matching here.
   */
  async findCovering(m: EntityManager, a: SuppressibleAlert, now: Date): Promise<Suppression | null> {
    const [row] = await m.query(
      `SELECT ${columns('$1')} FROM alert_suppression
       WHERE revoked_at IS NULL AND valid_from <= $1 AND $1 < valid_until
         AND (type IS NULL OR type = $2)
         AND (account_id IS NULL OR account_id = ANY($3::text[]))
         AND (unit_code IS NULL OR unit_code = $4)
         AND (source_system IS NULL OR source_system = ANY($5::text[]))
       ORDER BY alert_suppression.id LIMIT 1`,
      [now, a.type, a.accountIds, a.unitCode, a.sourceSystems],
    );
    return row ?? null;
  }

  async findById(id: string, now: Date, m: EntityManager = this.dataSource.manager, lock = false): Promise<Suppression | null> {
    const [row] = await m.query(`SELECT ${columns('$2')} FROM alert_suppression WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id, now]);
    return row ?? null;
  }

  async revoke(m: EntityManager, id: string, by: AlertActor, reason: string, now: Date): Promise<void> {
    await m.query(
      `UPDATE alert_suppression SET revoked_at = $2, revoked_by_id = $3, revoked_by_name = $4, revoke_reason = $5 WHERE id = $1`,
      [id, now, by.id, by.name, reason],
    );
  }

  /** Newest first; active only when asked (as of `now`). */
  async findAll(filter: { active?: boolean; limit: number }, now: Date): Promise<Suppression[]> {
    return this.dataSource.query(
      `SELECT ${columns('$1')} FROM alert_suppression
       WHERE $2::boolean IS NULL OR (revoked_at IS NULL AND valid_from <= $1 AND $1 < valid_until) = $2
       ORDER BY alert_suppression.id DESC LIMIT $3`,
      [now, filter.active ?? null, filter.limit],
    );
  }

  /** How many alerts each suppression has kept out of the queue. */
  async countSuppressed(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: { id: string; n: number }[] = await this.dataSource.query(
      `SELECT suppression_id::text AS id, count(*)::int AS n FROM alert WHERE suppression_id = ANY($1::bigint[]) GROUP BY suppression_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }
}
