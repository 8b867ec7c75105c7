import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface PartitionContents {
  name: string;
  events: number;
  batches: number;
  firstOccurredAt: Date | null;
  lastOccurredAt: Date | null;
}

const PARTITION_NAME = /^query_event_(\d{4})_(\d{2})$/;

/** Partition-level statements of the retention command. Partition names come from the catalog, never from input. */
@Injectable()
export class RetentionRepository {
  /** Monthly partitions of query_event with the month each holds, oldest first. */
  async monthlyPartitions(m: EntityManager): Promise<{ name: string; from: Date; to: Date }[]> {
    const rows: { relname: string }[] = await m.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'query_event'::regclass ORDER BY c.relname`,
    );
    return rows.flatMap(({ relname }) => {
      const match = PARTITION_NAME.exec(relname);
      if (!match) return [];
      const [year, month] = [Number(match[1]), Number(match[2])];
      return [{ name: relname, from: new Date(Date.UTC(year, month - 1, 1)), to: new Date(Date.UTC(year, month, 1)) }];
    });
  }

  async contents(m: EntityManager, partition: string): Promise<PartitionContents> {
    const [row] = await m.query(
      `SELECT count(*)::bigint::text AS events, count(DISTINCT batch_id)::int AS batches,
              min(occurred_at) AS first, max(occurred_at) AS last FROM ${partition}`,
    );
    return { name: partition, events: Number(row.events), batches: row.batches, firstOccurredAt: row.first, lastOccurredAt: row.last };
  }

  /** How many events of each batch a set of partitions holds. */
  async eventsPerBatch(m: EntityManager, partitions: string[]): Promise<Map<string, number>> {
    const perBatch = new Map<string, number>();
    for (const p of partitions) {
      const rows = await m.query(`SELECT batch_id::text AS id, count(*)::int AS n FROM ${p} GROUP BY batch_id`);
      for (const r of rows) perBatch.set(r.id, (perBatch.get(r.id) ?? 0) + r.n);
    }
    return perBatch;
  }

  async log(
    m: EntityManager,
    entry: { executedAt: Date; cutoff: Date; partitions: string[]; eventsDropped: number; executedBy: string },
    perBatch: Map<string, number>,
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO retention_log (executed_at, cutoff, partitions, events_dropped, batches_affected, executed_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id`,
      [entry.executedAt, entry.cutoff, entry.partitions, entry.eventsDropped, perBatch.size, entry.executedBy],
    );
    await m.query(
      `INSERT INTO retention_batch (retention_id, batch_id, events_dropped)
       SELECT $1, b, n FROM unnest($2::bigint[], $3::int[]) AS t(b, n)`,
      [row.id, [...perBatch.keys()], [...perBatch.values()]],
    );
    return row.id;
  }

  /**
   * Removes the idempotency entries of dropped events. The append-only trigger is disabled for this one statement,
   * inside the caller's transaction: no other session ever sees it off (DDL is transactional, and the table lock
   * holds writers back until commit). Needs the table owner, which the service role should not be.
   */
  async deleteEventIdsBefore(m: EntityManager, cutoff: Date): Promise<number> {
    await m.query(`ALTER TABLE query_event_id DISABLE TRIGGER trg_query_event_id_append_only`);
    const [, affected] = await m.query(`DELETE FROM query_event_id WHERE occurred_at < $1`, [cutoff]);
    await m.query(`ALTER TABLE query_event_id ENABLE TRIGGER trg_query_event_id_append_only`);
    return affected;
  }

  async dropPartition(m: EntityManager, partition: string): Promise<void> {
    await m.query(`DROP TABLE ${partition}`);
  }
}
