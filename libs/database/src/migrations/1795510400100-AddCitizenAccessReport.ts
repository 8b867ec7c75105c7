import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A citizen's access report (docs/reports.md, "A citizen's access report") is archived as one more kind of report:
 * same numbering, same files in the row, same check sums. It adds the case it answers and the citizen as the keyed
 * hash of the personal ID under the current key (never the ID), both required for that kind and only for it.
 */
export class AddCitizenAccessReport1795510400100 implements MigrationInterface {
  name = 'AddCitizenAccessReport1795510400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report DROP CONSTRAINT report_kind_check`);
    await q.query(`
      ALTER TABLE report
        ADD CONSTRAINT report_kind_check CHECK (kind IN ('weekly', 'monthly', 'quarterly', 'on_demand', 'citizen_access')),
        ADD COLUMN case_reference text,
        ADD COLUMN subject_hash bytea CHECK (length(subject_hash) = 32),
        ADD CONSTRAINT ck_report_citizen_access CHECK (
          (kind = 'citizen_access') = (case_reference IS NOT NULL) AND (kind = 'citizen_access') = (subject_hash IS NOT NULL))`);
    await q.query(`CREATE INDEX idx_report_subject ON report (subject_hash) WHERE subject_hash IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM report WHERE kind = 'citizen_access'`);
    await q.query(`DROP INDEX idx_report_subject`);
    await q.query(`
      ALTER TABLE report DROP CONSTRAINT ck_report_citizen_access, DROP COLUMN subject_hash, DROP COLUMN case_reference,
        DROP CONSTRAINT report_kind_check`);
    await q.query(
      `ALTER TABLE report ADD CONSTRAINT report_kind_check CHECK (kind IN ('weekly', 'monthly', 'quarterly', 'on_demand'))`,
    );
  }
}
