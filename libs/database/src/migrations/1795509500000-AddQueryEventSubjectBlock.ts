import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The enumeration detector's ingest-time derivation: a keyed hash of the block of 100 consecutive personal IDs
 * each event's ID falls in (8 bytes), beside the evidence but outside its canonical form (docs/detection.md,
 * "Enumeration"). Rows stored before have none: the ID was never kept in clear to derive it from. The partial
 * index answers, for each block a batch looked up, who else looked it up around then in one probe; without it the
 * stream would read every busy account's day after every batch (docs/benchmarks.md).
 */
export class AddQueryEventSubjectBlock1795509500000 implements MigrationInterface {
  name = 'AddQueryEventSubjectBlock1795509500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE query_event ADD COLUMN subject_block bytea`);
    await q.query(
      `CREATE INDEX idx_query_event_block_time ON query_event (subject_block, occurred_at) WHERE subject_block IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_query_event_block_time`);
    await q.query(`ALTER TABLE query_event DROP COLUMN subject_block`);
  }
}
