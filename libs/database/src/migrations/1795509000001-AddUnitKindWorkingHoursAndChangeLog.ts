import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admins' own hours for a kind of unit (over config/working-hours.json's, or a new kind), and an append-only log of
 * every change to working hours (who, why, what it became), as calendar days have.
 */
export class AddUnitKindWorkingHoursAndChangeLog1795509000001 implements MigrationInterface {
  name = 'AddUnitKindWorkingHoursAndChangeLog1795509000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE detection_unit_kind_working_hours (
        unit_kind   text PRIMARY KEY,
        schedule    jsonb NOT NULL,
        reason      text,
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE detection_working_hours_change (
        id          bigserial PRIMARY KEY,
        scope       text NOT NULL CONSTRAINT ck_detection_working_hours_change_scope CHECK (scope IN ('unit', 'unit_kind')),
        key         text NOT NULL,
        action      text NOT NULL CONSTRAINT ck_detection_working_hours_change_action CHECK (action IN ('put', 'delete')),
        unit_kind   text,
        schedule    jsonb,
        reason      text,
        actor       text NOT NULL,
        at          timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_detection_working_hours_change_key ON detection_working_hours_change (scope, key, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE detection_working_hours_change`);
    await q.query(`DROP TABLE detection_unit_kind_working_hours`);
  }
}
