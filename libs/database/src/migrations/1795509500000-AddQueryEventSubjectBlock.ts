import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The enumeration detector's ingest-time derivation: a keyed hash of the block of 100 consecutive personal IDs
 * each event's ID falls in (8 bytes), beside the evidence but outside its canonical form (docs/detection.md,
 * "Enumeration"). Rows stored before have none: the ID was never kept in clear to derive it from. No index: the
 * detector reads an account's lookups by (account_id, occurred_at), which is indexed already.
 */
export class AddQueryEventSubjectBlock1795509500000 implements MigrationInterface {
  name = 'AddQueryEventSubjectBlock1795509500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE query_event ADD COLUMN subject_block bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE query_event DROP COLUMN subject_block`);
  }
}
