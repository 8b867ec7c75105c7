import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The idle count starts only from evidence. An account a later directory sync lists for the first time did not
 * exist before that sync (listed_at). The earliest stored event time, the start of the gateway's logs, is read
 * with min(first_occurred_at) on every idle-lock run and account view: the index answers it without a scan.
 */
export class AddIdleEvidenceColumns1795508000000 implements MigrationInterface {
  name = 'AddIdleEvidenceColumns1795508000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account ADD COLUMN listed_at timestamptz`);
    await q.query(`CREATE INDEX idx_audit_batch_first_occurred ON audit_batch (first_occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_audit_batch_first_occurred`);
    await q.query(`ALTER TABLE account DROP COLUMN listed_at`);
  }
}
