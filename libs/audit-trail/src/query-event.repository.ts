import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@app/config';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from 'typeorm';
import { canonicalJson, StoredEventRecord, textArrayLiteral } from './canonical-event';
import { QUERY_EVENT_WRITE_COLUMNS } from './query-event-copy.util';

/** Rows per chunk written to the COPY stream: large enough to amortise, small enough to keep memory flat. */
const COPY_CHUNK_ROWS = 500;

/** The stored events and their idempotency index. Hot path: raw SQL (unnest, COPY) for throughput. */
@Injectable()
export class QueryEventRepository {
  /** The embedded PGlite, served over its socket, does not take COPY FROM STDIN: it gets one INSERT ... unnest. */
  private readonly useCopy: boolean;

  constructor(@InjectConfig() config: AppConfig) {
    this.useCopy = Boolean(config.database.url);
  }

  /**
   * Claims (sourceSystem, eventId) keys for a batch, whose eventIds are distinct (AuditStore sees to it); returns
   * the ids this batch is the first to store. Keys are inserted in one fixed order so that two writers claiming
   * overlapping sets wait on each other instead of deadlocking. In the usual case every key is new and only the
   * row count comes back; after a partial claim the batch's own ids are read.
   */
  async claimEventIds(manager: EntityManager, records: StoredEventRecord[], batchId: string): Promise<Set<string>> {
    const ids = records.map((r) => r.eventId);
    const { affected: claimed } = await manager.queryRunner!.query(
      `INSERT INTO query_event_id (source_system, event_id, occurred_at, batch_id)
       SELECT s, e, o, $4 FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS t(s, e, o)
       ORDER BY s COLLATE "C", e COLLATE "C"
       ON CONFLICT DO NOTHING`,
      // Array parameters as ready literals: the driver's own array encoding walks every element in JavaScript.
      [
        textArrayLiteral(records.map((r) => r.sourceSystem)),
        textArrayLiteral(ids),
        textArrayLiteral(records.map((r) => r.occurredAt.toISOString())),
        batchId,
      ],
      true,
    );
    if (claimed === ids.length) return new Set(ids);
    if (claimed === 0) return new Set();
    const rows: { event_id: string }[] = await manager.query(
      `SELECT event_id FROM query_event_id WHERE event_id = ANY($1::text[]) AND batch_id = $2`,
      [textArrayLiteral(ids), batchId],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  /**
   * Writes the rows on the transaction's own connection: with COPY, sending each event's canonical text (which
   * the caller has hashed) followed by the batch id and the derived block hash; on the embedded PGlite, which does not take COPY FROM
   * STDIN, with one INSERT ... unnest.
   */
  async insertEvents(manager: EntityManager, records: StoredEventRecord[], canonical: string[], batchId: string): Promise<void> {
    if (!records.length) return;
    if (!this.useCopy) return this.insertWithUnnest(manager, records, batchId);
    const client: PoolClient = await manager.queryRunner!.connect();
    const sink = client.query(copyFrom(`COPY query_event (${QUERY_EVENT_WRITE_COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(copyChunks(canonical, records, batchId)), sink);
  }

  private async insertWithUnnest(manager: EntityManager, records: StoredEventRecord[], batchId: string): Promise<void> {
    const col = <T>(pick: (r: StoredEventRecord) => T): T[] => records.map(pick);
    await manager.query(
      `INSERT INTO query_event (${QUERY_EVENT_WRITE_COLUMNS.join(', ')})
       SELECT o, e, a, u, ip, s, act, sh, sk, se, sc, f::text[], d, p, res, ua, x::jsonb, fl::text[], $3, sb
       FROM unnest($1::timestamptz[], $2::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::bytea[], $10::text[], $11::bytea[], $12::int[], $13::text[], $14::text[], $15::text[], $16::text[],
         $17::text[], $18::text[], $19::text[], $20::bytea[])
         AS t(o, e, a, u, ip, s, act, sh, sk, se, sc, f, d, p, res, ua, x, fl, sb)`,
      [
        col((r) => r.occurredAt.toISOString()),
        col((r) => r.eventId),
        batchId,
        col((r) => r.accountId),
        col((r) => r.unitCode),
        col((r) => r.clientIp),
        col((r) => r.sourceSystem),
        col((r) => r.action),
        col((r) => (r.subjectHash === null ? null : `\\x${r.subjectHash}`)),
        col((r) => r.subjectKeyId),
        col((r) => r.subjectEnc),
        col((r) => r.subjectCount),
        col((r) => textArrayLiteral(r.fields)),
        col((r) => r.dossierCode),
        col((r) => r.procedureCode),
        col((r) => r.result),
        col((r) => r.userAgent),
        col((r) => (r.extra === null ? null : canonicalJson(r.extra))),
        col((r) => textArrayLiteral(r.flags)),
        col((r) => (r.subjectBlock ? `\\x${r.subjectBlock}` : null)),
      ],
    );
  }
}

function* copyChunks(canonical: string[], records: StoredEventRecord[], batchId: string): Generator<string> {
  const id = `\t${batchId}\t`;
  for (let i = 0; i < canonical.length; i += COPY_CHUNK_ROWS) {
    let chunk = '';
    for (let j = i; j < Math.min(i + COPY_CHUNK_ROWS, canonical.length); j++) {
      const block = records[j].subjectBlock;
      // The block hash is hex, so its bytea literal needs only COPY's escaped backslash.
      chunk += canonical[j] + id + (block ? `\\\\x${block}` : '\\N') + '\n';
    }
    yield chunk;
  }
}
