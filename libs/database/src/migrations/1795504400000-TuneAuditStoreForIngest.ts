import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ingest hot path: compare keys bytewise whatever the database's locale (a libc/ICU collation makes every btree
 * comparison of the idempotency key and of account ids several times dearer, e.g. under en_US.UTF-8), and do not
 * try to compress the manifests' event hashes (random bytes: pglz only burns CPU on them).
 */
export class TuneAuditStoreForIngest1795504400000 implements MigrationInterface {
  name = 'TuneAuditStoreForIngest1795504400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE query_event_id ALTER COLUMN event_id TYPE text COLLATE "C"`);
    await q.query(`ALTER TABLE query_event ALTER COLUMN account_id TYPE text COLLATE "C"`);
    await q.query(`ALTER TABLE audit_batch ALTER COLUMN event_hashes SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_batch ALTER COLUMN event_hashes SET STORAGE EXTENDED`);
    await q.query(`ALTER TABLE query_event ALTER COLUMN account_id TYPE text COLLATE "default"`);
    await q.query(`ALTER TABLE query_event_id ALTER COLUMN event_id TYPE text COLLATE "default"`);
  }
}
