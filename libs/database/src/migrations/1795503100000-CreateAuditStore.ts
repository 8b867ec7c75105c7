import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The evidence store: query events (append-only, partitioned by month of occurrence), the idempotency index on
 * eventId, and the hash-chained batches. Monthly partitions are created by the ingest path, ahead of time and on
 * demand for back-filled months.
 */
export class CreateAuditStore1795503100000 implements MigrationInterface {
  name = 'CreateAuditStore1795503100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE query_event (
        occurred_at     timestamptz NOT NULL,
        event_id        text NOT NULL,
        batch_id        bigint NOT NULL,
        account_id      text NOT NULL,
        unit_code       text,
        client_ip       text NOT NULL,
        source_system   text NOT NULL,
        action          text NOT NULL,
        subject_hash    bytea,
        subject_key_id  text,
        subject_enc     bytea,
        subject_count   integer,
        fields          text[] NOT NULL DEFAULT '{}',
        dossier_code    text,
        procedure_code  text,
        result          text NOT NULL,
        user_agent      text,
        extra           jsonb,
        flags           text[] NOT NULL DEFAULT '{}',
        received_at     timestamptz NOT NULL DEFAULT now()
      ) PARTITION BY RANGE (occurred_at)`);
    // The questions auditors ask: what did this account do, who looked up this citizen, what happened then.
    await q.query(`CREATE INDEX idx_query_event_account_time ON query_event (account_id, occurred_at)`);
    await q.query(
      `CREATE INDEX idx_query_event_subject_time ON query_event (subject_hash, occurred_at) WHERE subject_hash IS NOT NULL`,
    );
    // Events arrive roughly in time and batch order: BRIN answers range scans for almost no write cost.
    await q.query(`CREATE INDEX idx_query_event_time_brin ON query_event USING brin (occurred_at)`);
    await q.query(`CREATE INDEX idx_query_event_batch_brin ON query_event USING brin (batch_id)`);

    // Idempotency on eventId alone (the contract's key), whatever month the event falls in.
    await q.query(`
      CREATE TABLE query_event_id (
        event_id    text PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        batch_id    bigint NOT NULL
      )`);

    await q.query(`CREATE SEQUENCE audit_batch_id_seq`);
    await q.query(`
      CREATE TABLE audit_batch (
        id                bigint PRIMARY KEY,
        prev_digest       bytea NOT NULL CHECK (length(prev_digest) = 32),
        digest            bytea NOT NULL CHECK (length(digest) = 32),
        event_count       integer NOT NULL,
        event_ids         text[] NOT NULL,
        event_hashes      bytea NOT NULL,
        first_occurred_at timestamptz,
        last_occurred_at  timestamptz,
        source            text NOT NULL CHECK (source IN ('kafka', 'http', 'file')),
        origin            jsonb,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_audit_batch_created ON audit_batch (created_at)`);
    // The chain head: one row, locked by each batch for the moment it links itself to the chain.
    await q.query(`
      CREATE TABLE audit_chain_head (
        id       smallint PRIMARY KEY CHECK (id = 1),
        batch_id bigint NOT NULL,
        digest   bytea NOT NULL
      )`);
    await q.query(`INSERT INTO audit_chain_head (id, batch_id, digest) VALUES (1, 0, '\\x${'00'.repeat(32)}')`);

    // Append-only: stored evidence cannot be changed or removed through SQL by the service's role.
    await q.query(`
      CREATE FUNCTION audit_reject_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['query_event', 'query_event_id', 'audit_batch']) {
      await q.query(`
        CREATE TRIGGER trg_${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION audit_reject_mutation()`);
      await q.query(`
        CREATE TRIGGER trg_${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_mutation()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP TABLE audit_batch`);
    await q.query(`DROP SEQUENCE audit_batch_id_seq`);
    await q.query(`DROP TABLE query_event_id`);
    await q.query(`DROP TABLE query_event`);
    await q.query(`DROP FUNCTION audit_reject_mutation()`);
  }
}
