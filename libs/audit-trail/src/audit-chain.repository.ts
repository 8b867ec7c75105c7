import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DigestForm } from './batch-chain';
import { textArrayLiteral } from './canonical-event';

export interface ChainHead {
  chainSeq: bigint;
  batchId: string;
  digest: Buffer;
}

export interface NewAuditBatch {
  id: string;
  chainSeq: bigint;
  prevDigest: Buffer;
  digest: Buffer;
  eventIds: string[];
  eventHashes: Buffer;
  /** The canonical form the event hashes were computed with. */
  canonicalForm: number;
  /** How the digest covers the manifest (batch-chain.ts). */
  digestForm: DigestForm;
  /** Form 2: the manifest's Merkle root the digest was made from (kept for evidence exports). */
  manifestRoot: Buffer | null;
  /** events: query events (the default); journal: rows of the journal tables (security log, alert actions). */
  kind?: 'events' | 'journal';
  /** Null for journal links: they hold no query events (the observation start reads only event batches). */
  firstOccurredAt: Date | null;
  lastOccurredAt: Date | null;
  source: 'kafka' | 'http' | 'file' | 'journal';
  origin: Record<string, unknown> | null;
  createdAt: Date;
}

/** The chain's own tables: the head row and the batches linked to it. */
@Injectable()
export class AuditChainRepository {
  async nextBatchId(manager: EntityManager): Promise<string> {
    const [row] = await manager.query(`SELECT nextval('audit_batch_id_seq')::text AS id`);
    return row.id;
  }

  /** Locks the head until the transaction ends: whoever holds it appends the next link. */
  async lockHead(manager: EntityManager): Promise<ChainHead> {
    const [row] = await manager.query(
      `SELECT chain_seq::text AS chain_seq, batch_id::text AS batch_id, digest FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
    );
    return { chainSeq: BigInt(row.chain_seq), batchId: row.batch_id, digest: row.digest };
  }

  async readHead(manager: EntityManager): Promise<ChainHead> {
    const [row] = await manager.query(
      `SELECT chain_seq::text AS chain_seq, batch_id::text AS batch_id, digest FROM audit_chain_head WHERE id = 1`,
    );
    return { chainSeq: BigInt(row.chain_seq), batchId: row.batch_id, digest: row.digest };
  }

  async appendLink(manager: EntityManager, b: NewAuditBatch): Promise<void> {
    await manager.query(
      `INSERT INTO audit_batch (id, chain_seq, prev_digest, digest, event_count, event_ids, event_hashes,
         first_occurred_at, last_occurred_at, source, origin, created_at, canonical_form, kind, digest_form, manifest_root)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        b.id,
        b.chainSeq.toString(),
        b.prevDigest,
        b.digest,
        b.eventIds.length,
        textArrayLiteral(b.eventIds),
        b.eventHashes,
        b.firstOccurredAt,
        b.lastOccurredAt,
        b.source,
        b.origin,
        b.createdAt,
        b.canonicalForm,
        b.kind ?? 'events',
        b.digestForm,
        b.manifestRoot,
      ],
    );
    await manager.query(`UPDATE audit_chain_head SET chain_seq = $1, batch_id = $2, digest = $3 WHERE id = 1`, [
      b.chainSeq.toString(),
      b.id,
      b.digest,
    ]);
  }
}
