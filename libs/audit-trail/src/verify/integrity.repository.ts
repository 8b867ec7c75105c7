import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QUERY_EVENT_COLUMNS, rowToStoredEvent } from '../query-event-copy.util';
import type { DigestForm } from '../batch-chain';
import type { CanonicalForm, StoredEventRecord } from '../canonical-event';

export interface StoredBatchLink {
  id: string;
  chainSeq: bigint;
  prevDigest: Buffer;
  digest: Buffer;
  eventCount: number;
  eventIds: string[];
  eventHashes: Buffer;
  canonicalForm: CanonicalForm;
  digestForm: DigestForm;
  kind: 'events' | 'journal';
  createdAt: Date;
}

/** Batches per page when walking the chain: each carries its manifest (~70 bytes per event). */
const PAGE_BATCHES = 8;

/** Read-only queries of the verify walk; the caller runs them in one REPEATABLE READ snapshot. */
@Injectable()
export class IntegrityRepository {
  /** Chain positions of the first batch stored at or after `from` and the last stored at or before `to`. */
  async rangeBounds(m: EntityManager, from?: Date, to?: Date): Promise<{ first: bigint; last: bigint } | null> {
    const [row] = await m.query(
      `SELECT (SELECT min(chain_seq) FROM audit_batch WHERE $1::timestamptz IS NULL OR created_at >= $1)::text AS first,
              (SELECT max(chain_seq) FROM audit_batch WHERE $2::timestamptz IS NULL OR created_at <= $2)::text AS last`,
      [from ?? null, to ?? null],
    );
    if (row.first === null || row.last === null || BigInt(row.first) > BigInt(row.last)) return null;
    return { first: BigInt(row.first), last: BigInt(row.last) };
  }

  async maxChainSeq(m: EntityManager): Promise<bigint> {
    const [row] = await m.query(`SELECT coalesce(max(chain_seq), 0)::text AS seq FROM audit_batch`);
    return BigInt(row.seq);
  }

  /** The chain from position afterSeq+1 to toSeq, in order, a page at a time (bounded memory). */
  async *links(m: EntityManager, afterSeq: bigint, toSeq: bigint): AsyncGenerator<StoredBatchLink> {
    for (let cursor = afterSeq; ; ) {
      const rows = await m.query(
        `SELECT id::text AS id, chain_seq::text AS chain_seq, prev_digest, digest, event_count, event_ids, event_hashes,
                canonical_form, digest_form, kind, created_at
         FROM audit_batch b WHERE b.chain_seq > $1 AND b.chain_seq <= $2 ORDER BY b.chain_seq LIMIT ${PAGE_BATCHES}`,
        [cursor.toString(), toSeq.toString()],
      );
      for (const r of rows) {
        yield {
          id: r.id,
          chainSeq: BigInt(r.chain_seq),
          prevDigest: r.prev_digest,
          digest: r.digest,
          eventCount: r.event_count,
          eventIds: r.event_ids,
          eventHashes: r.event_hashes,
          canonicalForm: r.canonical_form,
          digestForm: r.digest_form,
          kind: r.kind,
          createdAt: r.created_at,
        };
      }
      if (rows.length < PAGE_BATCHES) return;
      cursor = BigInt(rows[rows.length - 1].chain_seq);
    }
  }

  /** Every row that carries this batch id, in whatever partition (BRIN on batch_id keeps this cheap). */
  async rowsOfBatch(m: EntityManager, batchId: string): Promise<StoredEventRecord[]> {
    const rows = await m.query(`SELECT ${QUERY_EVENT_COLUMNS.join(', ')} FROM query_event WHERE batch_id = $1`, [batchId]);
    return rows.map(rowToStoredEvent);
  }

  /** Events of this batch that retention dropped with their partitions (0 when none). */
  async retainedOut(m: EntityManager, batchId: string): Promise<number> {
    const [row] = await m.query(
      `SELECT coalesce(sum(events_dropped), 0)::int AS n FROM retention_batch WHERE batch_id = $1`,
      [batchId],
    );
    return row.n;
  }

  /** Rows whose batch id the chain does not know (inserted behind the store's back), within an id range. */
  async rowsOutsideChain(
    m: EntityManager,
    ids: { from?: string; to?: string },
    limit: number,
  ): Promise<{ batchId: string; eventId: string }[]> {
    const rows = await m.query(
      `SELECT e.batch_id::text AS batch_id, e.event_id FROM query_event e
       WHERE ($1::bigint IS NULL OR e.batch_id >= $1) AND ($2::bigint IS NULL OR e.batch_id <= $2)
         AND NOT EXISTS (SELECT 1 FROM audit_batch b WHERE b.id = e.batch_id)
       ORDER BY e.batch_id, e.event_id LIMIT ${limit}`,
      [ids.from ?? null, ids.to ?? null],
    );
    return rows.map((r: { batch_id: string; event_id: string }) => ({ batchId: r.batch_id, eventId: r.event_id }));
  }
}
