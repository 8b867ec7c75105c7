import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SignedHead } from './signed-digest.util';

export interface SignedDigestRow extends SignedHead {
  id: string;
  signature: Buffer;
  keyId: string;
  /** The public key (PEM) recorded for keyId when it first signed. */
  publicKey: string | null;
}

const SELECT_SIGNED = `
  SELECT s.id::text AS id, s.chain_seq::text AS chain_seq, s.batch_id::text AS batch_id, s.digest, s.signed_at,
         s.signature, s.key_id, k.public_key
  FROM signed_digest s LEFT JOIN integrity_signing_key k ON k.key_id = s.key_id`;

function toRow(r: Record<string, unknown>): SignedDigestRow {
  return {
    id: r.id as string,
    chainSeq: r.chain_seq as string,
    batchId: r.batch_id as string,
    digest: r.digest as Buffer,
    signedAt: r.signed_at as Date,
    signature: r.signature as Buffer,
    keyId: r.key_id as string,
    publicKey: r.public_key as string | null,
  };
}

@Injectable()
export class SignedDigestRepository {
  async lastSignedChainSeq(manager: EntityManager): Promise<string | null> {
    const [row] = await manager.query(`SELECT max(chain_seq)::text AS seq FROM signed_digest`);
    return row.seq;
  }

  async recordKey(manager: EntityManager, keyId: string, publicKeyPem: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO integrity_signing_key (key_id, algorithm, public_key, first_used_at) VALUES ($1, 'ed25519', $2, $3)
       ON CONFLICT (key_id) DO NOTHING`,
      [keyId, publicKeyPem, at],
    );
  }

  async insert(manager: EntityManager, head: SignedHead, signature: Buffer, keyId: string): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO signed_digest (chain_seq, batch_id, digest, signed_at, signature, key_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id`,
      [head.chainSeq, head.batchId, head.digest, head.signedAt, signature, keyId],
    );
    return row.id;
  }

  /** The latest signed head strictly before a chain position: where a verify of a later range can start. */
  async latestBefore(manager: EntityManager, chainSeq: string): Promise<SignedDigestRow | null> {
    const [row] = await manager.query(`${SELECT_SIGNED} WHERE s.chain_seq < $1 ORDER BY s.chain_seq DESC, s.id DESC LIMIT 1`, [
      chainSeq,
    ]);
    return row ? toRow(row) : null;
  }

  /** The first signed head at or after a chain position: what covers that batch for an evidence export. */
  async firstAtOrAfter(manager: EntityManager, chainSeq: string): Promise<SignedDigestRow | null> {
    const [row] = await manager.query(`${SELECT_SIGNED} WHERE s.chain_seq >= $1 ORDER BY s.chain_seq, s.id LIMIT 1`, [chainSeq]);
    return row ? toRow(row) : null;
  }

  async inRange(manager: EntityManager, fromSeq: string, toSeq: string): Promise<SignedDigestRow[]> {
    const rows = await manager.query(`${SELECT_SIGNED} WHERE s.chain_seq BETWEEN $1 AND $2 ORDER BY s.chain_seq, s.id`, [
      fromSeq,
      toSeq,
    ]);
    return rows.map(toRow);
  }
}
