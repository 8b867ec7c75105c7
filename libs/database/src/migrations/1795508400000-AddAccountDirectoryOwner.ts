import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Only the system that owns the TTHC account directory may sync it with a producer key: any other key could
 * otherwise mark the directory's accounts removed and lock them. At most one system owns it, and none does until
 * an admin marks it (an upgraded installation's gateway key syncs again once an admin has).
 */
export class AddAccountDirectoryOwner1795508400000 implements MigrationInterface {
  name = 'AddAccountDirectoryOwner1795508400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE source_system ADD COLUMN owns_account_directory boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE UNIQUE INDEX uq_source_system_account_directory_owner ON source_system (owns_account_directory) WHERE owns_account_directory`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_source_system_account_directory_owner`);
    await q.query(`ALTER TABLE source_system DROP COLUMN owns_account_directory`);
  }
}
