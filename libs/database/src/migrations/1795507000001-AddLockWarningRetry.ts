import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lock warning whose mail failed (or whose sender stopped while holding it) is retried with backoff. A sender
 * takes a warning for a lease (next_attempt_at) under its claim token, and records the outcome only with it.
 */
export class AddLockWarningRetry1795507000001 implements MigrationInterface {
  name = 'AddLockWarningRetry1795507000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account_lock_warning ADD COLUMN attempts integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE account_lock_warning ADD COLUMN next_attempt_at timestamptz`);
    await q.query(`ALTER TABLE account_lock_warning ADD COLUMN claim_token uuid`);
    await q.query(
      `CREATE INDEX idx_account_lock_warning_retry ON account_lock_warning (next_attempt_at) WHERE delivery IN ('pending', 'failed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_account_lock_warning_retry`);
    await q.query(`ALTER TABLE account_lock_warning DROP COLUMN claim_token`);
    await q.query(`ALTER TABLE account_lock_warning DROP COLUMN next_attempt_at`);
    await q.query(`ALTER TABLE account_lock_warning DROP COLUMN attempts`);
  }
}
