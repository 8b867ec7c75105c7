import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AcceptedCounts {
  lastMinute: number;
  lastHour: number;
  lastAcceptedAt: Date | null;
}

/** What the store says of ingest lately: events stored (from the chain's batches) and records rejected. */
@Injectable()
export class IngestStatusRepository {
  constructor(private readonly db: DataSource) {}

  /** Stored events (duplicates and rejections excluded) by the batches' creation time: idx_audit_batch_created. */
  async accepted(now: Date): Promise<AcceptedCounts> {
    const [row] = await this.db.query(
      `SELECT coalesce(sum(event_count) FILTER (WHERE created_at > $1::timestamptz - interval '1 minute'), 0)::int AS "lastMinute",
              coalesce(sum(event_count), 0)::int AS "lastHour"
       FROM audit_batch WHERE kind = 'events' AND created_at > $1::timestamptz - interval '1 hour' AND created_at <= $1`,
      [now],
    );
    const [last] = await this.db.query(
      `SELECT created_at AS at FROM audit_batch WHERE kind = 'events' AND event_count > 0 AND created_at <= $1 ORDER BY created_at DESC LIMIT 1`,
      [now],
    );
    return { lastMinute: row.lastMinute, lastHour: row.lastHour, lastAcceptedAt: last?.at ?? null };
  }
}
