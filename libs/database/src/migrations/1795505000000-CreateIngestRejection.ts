import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records that could not be stored as events (unparsable, against the contract, unknown schemaVersion), kept
 * with the reason and where each came from. raw is the payload with personal IDs masked.
 */
export class CreateIngestRejection1795505000000 implements MigrationInterface {
  name = 'CreateIngestRejection1795505000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingest_rejection (
        id          bigserial PRIMARY KEY,
        received_at timestamptz NOT NULL,
        source      text NOT NULL CHECK (source IN ('kafka', 'http', 'file')),
        reason      text NOT NULL,
        field       text,
        message     text NOT NULL,
        event_id    text,
        origin      jsonb NOT NULL,
        origin_key  text NOT NULL,
        raw         text NOT NULL
      )`);
    // One row per source record: a Kafka redelivery or a re-imported file does not add the rejection again.
    await q.query(`CREATE UNIQUE INDEX uq_ingest_rejection_origin_key ON ingest_rejection (origin_key)`);
    await q.query(`CREATE INDEX idx_ingest_rejection_received ON ingest_rejection (received_at)`);
    await q.query(`CREATE INDEX idx_ingest_rejection_reason_received ON ingest_rejection (reason, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingest_rejection`);
  }
}
