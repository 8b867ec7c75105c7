import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch ids are drawn before a batch takes the chain head (its rows carry the id while they are copied in), so two
 * writers can link their batches in the other order than their ids. The chain's order is therefore its own
 * column, assigned under the head lock. Also a BRIN on the id table's event time, for retention's delete.
 */
export class SequenceAuditChain1795503700000 implements MigrationInterface {
  name = 'SequenceAuditChain1795503700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_batch ADD COLUMN chain_seq bigint NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_audit_batch_chain_seq ON audit_batch (chain_seq)`);
    await q.query(`ALTER TABLE audit_chain_head ADD COLUMN chain_seq bigint NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX idx_query_event_id_time_brin ON query_event_id USING brin (occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_query_event_id_time_brin`);
    await q.query(`ALTER TABLE audit_chain_head DROP COLUMN chain_seq`);
    await q.query(`DROP INDEX uq_audit_batch_chain_seq`);
    await q.query(`ALTER TABLE audit_batch DROP COLUMN chain_seq`);
  }
}
