import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { Alert, RaiseAlertInput } from './alert.type';

const COLUMNS = `id::text, type, severity, account_id AS "accountId", occurred_at AS "occurredAt", evidence,
  dedup_key AS "dedupKey", status, created_at AS "createdAt"`;

/**
 * The minimal alerts store: findings with their evidence, one per dedup key. A repeat keeps the first evidence,
 * counts occurrences and keeps the latest evidence beside it.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Raises (or repeats) an alert; pass the caller's transaction so it commits with the finding's cause. */
  async raise(input: RaiseAlertInput, manager: EntityManager = this.dataSource.manager): Promise<{ id: string; created: boolean }> {
    const [row] = await manager.query(
      `INSERT INTO alert (type, severity, account_id, occurred_at, evidence, dedup_key, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
       ON CONFLICT (dedup_key) DO UPDATE SET evidence = alert.evidence || jsonb_build_object(
         'occurrences', COALESCE((alert.evidence->>'occurrences')::int, 1) + 1, 'latest', EXCLUDED.evidence)
       RETURNING id::text, (xmax = 0) AS created`,
      [input.type, input.severity, input.accountId, input.occurredAt, JSON.stringify(input.evidence), input.dedupKey, this.clock.now()],
    );
    return { id: row.id, created: row.created };
  }

  async list(filter: { type?: string; accountId?: string; limit?: number } = {}): Promise<Alert[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM alert WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR account_id = $2)
       ORDER BY occurred_at DESC, id DESC LIMIT $3`,
      [filter.type ?? null, filter.accountId ?? null, filter.limit ?? 100],
    );
  }
}
