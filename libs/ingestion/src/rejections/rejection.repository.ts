import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IngestSource } from '../ingest.type';
import { RejectionReason } from '../validation/rejection-reason.constant';

export interface RejectionRow {
  receivedAt: Date;
  source: IngestSource;
  reason: RejectionReason;
  field: string | null;
  message: string;
  eventId: string | null;
  origin: Record<string, unknown>;
  /** Unique per source record, so a redelivered or re-imported record is kept once. */
  originKey: string;
  /** The payload, personal IDs masked. */
  raw: string;
}

export interface StoredRejection extends Omit<RejectionRow, 'originKey'> {
  id: string;
}

export interface RejectionFilter {
  reason?: string;
  source?: IngestSource;
  from?: Date;
  to?: Date;
}

@Injectable()
export class RejectionRepository {
  constructor(private readonly db: DataSource) {}

  /** One statement for the whole batch; records already kept (same origin) are skipped. */
  async insertMany(rows: RejectionRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db.query(
      `INSERT INTO ingest_rejection (received_at, source, reason, field, message, event_id, origin, origin_key, raw)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::text[])
       ON CONFLICT (origin_key) DO NOTHING`,
      [
        rows.map((r) => r.receivedAt),
        rows.map((r) => r.source),
        rows.map((r) => r.reason),
        rows.map((r) => r.field),
        rows.map((r) => r.message),
        rows.map((r) => r.eventId),
        rows.map((r) => JSON.stringify(r.origin)),
        rows.map((r) => r.originKey),
        rows.map((r) => r.raw),
      ],
    );
  }

  /** Newest first, keyset-paginated on id. */
  async findPage(filter: RejectionFilter, limit: number, beforeId?: string): Promise<StoredRejection[]> {
    const [where, params] = this.where(filter);
    if (beforeId) {
      params.push(beforeId);
      where.push(`id < $${params.length}`);
    }
    params.push(limit);
    return this.db.query(
      `SELECT id::text, received_at AS "receivedAt", source, reason, field, message, event_id AS "eventId", origin, raw
       FROM ingest_rejection ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async countByReason(filter: RejectionFilter): Promise<{ reason: string; count: number }[]> {
    const [where, params] = this.where(filter);
    return this.db.query(
      `SELECT reason, count(*)::int AS count FROM ingest_rejection ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY reason ORDER BY count DESC, reason`,
      params,
    );
  }

  private where(filter: RejectionFilter): [string[], unknown[]] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.reason) add('reason = ?', filter.reason);
    if (filter.source) add('source = ?', filter.source);
    if (filter.from) add('received_at >= ?', filter.from);
    if (filter.to) add('received_at < ?', filter.to);
    return [where, params];
  }
}
