import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What detection needs to know about time and place: the days admins declare worked or off (make-up Saturdays,
 * the government's yearly Tết schedule) with a log of every change (who, why), each unit's working hours where they
 * differ from the default, and each unit's registered networks (CIDRs).
 */
export class CreateDetectionCalendarAndNetworks1795509000000 implements MigrationInterface {
  name = 'CreateDetectionCalendarAndNetworks1795509000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE detection_calendar_day (
        day         date PRIMARY KEY,
        kind        text NOT NULL CONSTRAINT ck_detection_calendar_day_kind CHECK (kind IN ('working', 'day_off')),
        name        text NOT NULL,
        reason      text NOT NULL,
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    // Append-only: a deleted or replaced day stays explained.
    await q.query(`
      CREATE TABLE detection_calendar_day_change (
        id          bigserial PRIMARY KEY,
        day         date NOT NULL,
        action      text NOT NULL CONSTRAINT ck_detection_calendar_day_change_action CHECK (action IN ('put', 'delete')),
        kind        text,
        name        text,
        reason      text NOT NULL,
        actor       text NOT NULL,
        at          timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_detection_calendar_day_change_day ON detection_calendar_day_change (day, at)`);
    await q.query(`
      CREATE TABLE detection_unit_working_hours (
        unit_code   text PRIMARY KEY,
        unit_kind   text,
        schedule    jsonb,
        reason      text,
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL,
        CONSTRAINT ck_detection_unit_working_hours_one CHECK ((unit_kind IS NULL) <> (schedule IS NULL))
      )`);
    await q.query(`
      CREATE TABLE detection_unit_network (
        unit_code   text NOT NULL,
        cidr        cidr NOT NULL,
        label       text,
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL,
        CONSTRAINT pk_detection_unit_network PRIMARY KEY (unit_code, cidr)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE detection_unit_network`);
    await q.query(`DROP TABLE detection_unit_working_hours`);
    await q.query(`DROP TABLE detection_calendar_day_change`);
    await q.query(`DROP TABLE detection_calendar_day`);
  }
}
