import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hash chain covers the journal tables too (security log, alert actions): a chain link of kind "journal"
 * lists rows by table and id with their hashes, and journal_entry records which link sealed each row.
 */
export class CreateIntegrityJournal1795509200000 implements MigrationInterface {
  name = 'CreateIntegrityJournal1795509200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_batch ADD COLUMN kind text NOT NULL DEFAULT 'events' CHECK (kind IN ('events', 'journal'))`);
    await q.query(`ALTER TABLE audit_batch DROP CONSTRAINT audit_batch_source_check`);
    await q.query(`ALTER TABLE audit_batch ADD CONSTRAINT audit_batch_source_check CHECK (source IN ('kafka', 'http', 'file', 'journal'))`);
    await q.query(`
      CREATE TABLE journal_entry (
        table_name text COLLATE "C" NOT NULL,
        row_id     bigint NOT NULL,
        batch_id   bigint NOT NULL,
        PRIMARY KEY (table_name, row_id)
      )`);
    await q.query(`CREATE INDEX idx_journal_entry_batch ON journal_entry (batch_id)`);
    await q.query(`
      CREATE TRIGGER trg_journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
      FOR EACH ROW EXECUTE FUNCTION audit_reject_mutation()`);
    await q.query(`
      CREATE TRIGGER trg_journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE journal_entry`);
    await q.query(`ALTER TABLE audit_batch DROP CONSTRAINT audit_batch_source_check`);
    await q.query(`ALTER TABLE audit_batch ADD CONSTRAINT audit_batch_source_check CHECK (source IN ('kafka', 'http', 'file'))`);
    await q.query(`ALTER TABLE audit_batch DROP COLUMN kind`);
  }
}
