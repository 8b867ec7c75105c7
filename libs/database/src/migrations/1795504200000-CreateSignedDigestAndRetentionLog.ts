import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed chain heads (Ed25519 over batch, position and digest) with the public keys that made them, and the log of
 * retention runs: which partitions were dropped and how many events of each batch went with them, so that verify
 * tells events removed by retention from events removed by tampering.
 */
export class CreateSignedDigestAndRetentionLog1795504200000 implements MigrationInterface {
  name = 'CreateSignedDigestAndRetentionLog1795504200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE integrity_signing_key (
        key_id        text PRIMARY KEY,
        algorithm     text NOT NULL CHECK (algorithm = 'ed25519'),
        public_key    text NOT NULL,
        first_used_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE signed_digest (
        id         bigserial PRIMARY KEY,
        chain_seq  bigint NOT NULL,
        batch_id   bigint NOT NULL,
        digest     bytea NOT NULL CHECK (length(digest) = 32),
        signed_at  timestamptz NOT NULL,
        signature  bytea NOT NULL,
        key_id     text NOT NULL REFERENCES integrity_signing_key (key_id)
      )`);
    await q.query(`CREATE INDEX idx_signed_digest_chain_seq ON signed_digest (chain_seq)`);
    await q.query(`
      CREATE TABLE retention_log (
        id               bigserial PRIMARY KEY,
        executed_at      timestamptz NOT NULL,
        cutoff           timestamptz NOT NULL,
        partitions       text[] NOT NULL,
        events_dropped   bigint NOT NULL,
        batches_affected integer NOT NULL,
        executed_by      text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE retention_batch (
        retention_id   bigint NOT NULL REFERENCES retention_log (id),
        batch_id       bigint NOT NULL,
        events_dropped integer NOT NULL,
        PRIMARY KEY (batch_id, retention_id)
      )`);
    for (const table of ['signed_digest', 'retention_log', 'retention_batch']) {
      await q.query(`
        CREATE TRIGGER trg_${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION audit_reject_mutation()`);
      await q.query(`
        CREATE TRIGGER trg_${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_mutation()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE retention_batch`);
    await q.query(`DROP TABLE retention_log`);
    await q.query(`DROP TABLE signed_digest`);
    await q.query(`DROP TABLE integrity_signing_key`);
  }
}
