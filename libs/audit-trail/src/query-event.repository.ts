import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from 'typeorm';
import type { StoredEventRecord } from './canonical-event';
import { QUERY_EVENT_COLUMNS, queryEventCopyLine } from './query-event-copy.util';

/** Rows per chunk written to the COPY stream: large enough to amortise, small enough to keep memory flat. */
const COPY_CHUNK_ROWS = 500;

/** The stored events and their idempotency index. Hot path: raw SQL (unnest, COPY) for throughput. */
@Injectable()
export class QueryEventRepository {
  /**
   * Claims eventIds for a batch; returns the ids this batch is the first to store. Ids are inserted in one fixed
   * order so that two writers claiming overlapping sets wait on each other instead of deadlocking.
   */
  async claimEventIds(manager: EntityManager, records: StoredEventRecord[], batchId: string): Promise<Set<string>> {
    const rows: { event_id: string }[] = await manager.query(
      `INSERT INTO query_event_id (event_id, occurred_at, batch_id)
       SELECT e, o, $3 FROM unnest($1::text[], $2::timestamptz[]) AS t(e, o) ORDER BY e COLLATE "C"
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [records.map((r) => r.eventId), records.map((r) => r.occurredAt.toISOString()), batchId],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  /** Writes the rows with COPY on the transaction's own connection (several times faster than INSERT). */
  async copyEvents(manager: EntityManager, records: StoredEventRecord[], batchId: string): Promise<void> {
    if (!records.length) return;
    const client: PoolClient = await manager.queryRunner!.connect();
    const sink = client.query(copyFrom(`COPY query_event (${QUERY_EVENT_COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(copyChunks(records, batchId)), sink);
  }
}

function* copyChunks(records: StoredEventRecord[], batchId: string): Generator<string> {
  for (let i = 0; i < records.length; i += COPY_CHUNK_ROWS) {
    let chunk = '';
    for (const r of records.slice(i, i + COPY_CHUNK_ROWS)) chunk += queryEventCopyLine(r, batchId) + '\n';
    yield chunk;
  }
}
