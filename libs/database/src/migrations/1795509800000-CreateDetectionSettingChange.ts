import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Detection settings saved by admins, as an append-only log of changes: a section's value is its latest change
 * (null: back to config/detection.json). Covered by the integrity journal, so that a removed change is detected.
 */
export class CreateDetectionSettingChange1795509800000 implements MigrationInterface {
  name = 'CreateDetectionSettingChange1795509800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE detection_setting_change (
        id         bigserial PRIMARY KEY,
        section    text COLLATE "C" NOT NULL,
        value      jsonb,
        reason     text NOT NULL,
        changed_by text NOT NULL,
        at         timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_detection_setting_change_section ON detection_setting_change (section, id)`);
    await q.query(`
      CREATE TRIGGER trg_detection_setting_change_append_only BEFORE UPDATE OR DELETE ON detection_setting_change
      FOR EACH ROW EXECUTE FUNCTION audit_reject_mutation()`);
    await q.query(`
      CREATE TRIGGER trg_detection_setting_change_no_truncate BEFORE TRUNCATE ON detection_setting_change
      FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE detection_setting_change`);
  }
}
