import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reminder is claimed as 'pending' before its mail leaves and takes its outcome after: a claim whose mail never
 * got an outcome (the process died while sending) is no longer recorded as if it had been logged.
 *
 * What the retention of incidents rests on must not be changed by an UPDATE either (the delete triggers alone let
 * one shorten retain_until, then delete): an incident's retain_until never goes down and its discovered_at and
 * deadline_at never change; a finalised version of the notice (its number, files and SHA-256) never changes at all.
 * The service never does any of these; drafts and the incident's other columns stay writable.
 */
export class GuardIncidentUpdates1795510600017 implements MigrationInterface {
  name = 'GuardIncidentUpdates1795510600017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE incident_reminder DROP CONSTRAINT incident_reminder_outcome_check,
        ADD CONSTRAINT incident_reminder_outcome_check CHECK (outcome IN ('pending', 'sent', 'logged', 'failed', 'skipped'))`);
    await q.query(`
      CREATE FUNCTION incident_refuse_retention_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.retain_until < OLD.retain_until THEN
          RAISE EXCEPTION 'incident % is kept until %: retain_until may not be lowered', OLD.id, OLD.retain_until
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.discovered_at IS DISTINCT FROM OLD.discovered_at OR NEW.deadline_at IS DISTINCT FROM OLD.deadline_at THEN
          RAISE EXCEPTION 'the discovery time and deadline of incident % never change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_incident_retention_update BEFORE UPDATE ON incident
        FOR EACH ROW EXECUTE FUNCTION incident_refuse_retention_change()`);
    await q.query(`
      CREATE FUNCTION incident_notice_refuse_finalised_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'version % of the notice of incident % is finalised: it never changes', OLD.version, OLD.incident_id
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_incident_notice_version_finalised BEFORE UPDATE ON incident_notice_version
        FOR EACH ROW WHEN (OLD.finalised) EXECUTE FUNCTION incident_notice_refuse_finalised_update()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_incident_notice_version_finalised ON incident_notice_version`);
    await q.query(`DROP FUNCTION incident_notice_refuse_finalised_update()`);
    await q.query(`DROP TRIGGER trg_incident_retention_update ON incident`);
    await q.query(`DROP FUNCTION incident_refuse_retention_change()`);
    await q.query(`UPDATE incident_reminder SET outcome = 'failed' WHERE outcome = 'pending'`);
    await q.query(`
      ALTER TABLE incident_reminder DROP CONSTRAINT incident_reminder_outcome_check,
        ADD CONSTRAINT incident_reminder_outcome_check CHECK (outcome IN ('sent', 'logged', 'failed', 'skipped'))`);
  }
}
