import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kafka record batches the consumer could not decode. Such a batch stops only its partition until an operator
 * orders it skipped (who, when, why); the row is the record of both. Never the batch's bytes (they may hold
 * personal IDs in clear): their size and SHA-256, so that a copy taken from the broker can be matched.
 */
export class CreateIngestStuckBatch1795508100000 implements MigrationInterface {
  name = 'CreateIngestStuckBatch1795508100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingest_stuck_batch (
        id                 bigserial PRIMARY KEY,
        topic              text NOT NULL,
        kafka_partition    integer NOT NULL,
        first_offset       bigint NOT NULL,
        last_offset        bigint NOT NULL,
        record_count       integer NOT NULL,
        codec              text NOT NULL,
        error              text NOT NULL,
        compressed_bytes   integer NOT NULL,
        sha256             text NOT NULL,
        detected_at        timestamptz NOT NULL,
        last_detected_at   timestamptz NOT NULL,
        skip_requested_at  timestamptz,
        skip_requested_by  text,
        skip_reason        text,
        skipped_at         timestamptz,
        CONSTRAINT uq_ingest_stuck_batch_position UNIQUE (topic, kafka_partition, first_offset)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingest_stuck_batch`);
  }
}
