import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal-data breach incidents and their notices (docs/incidents.md): the incident with its 72-hour deadline,
 * every saved version of the notice (the finalised one with its PDF and DOCX and their SHA-256), the records of
 * its sending and of the confirmation (biên bản), and the reminders sent (once each, by a unique key).
 * Kept at least 5 years after discovery: a trigger refuses to delete an incident before retain_until, and the
 * children (deleted with it once it may be) cannot be deleted before either.
 */
export class CreateIncident1795510500017 implements MigrationInterface {
  name = 'CreateIncident1795510500017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident (
        id                bigserial PRIMARY KEY,
        title             text NOT NULL,
        description       text NOT NULL DEFAULT '',
        measures_taken    text NOT NULL DEFAULT '',
        status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'notified', 'closed')),
        discovered_at     timestamptz NOT NULL,
        deadline_at       timestamptz NOT NULL,
        occurred_from     timestamptz,
        occurred_to       timestamptz,
        opened_at         timestamptz NOT NULL,
        opened_by         text NOT NULL,
        assignees         text[] NOT NULL DEFAULT '{}',
        alert_ids         text[] NOT NULL DEFAULT '{}',
        accounts          text[] NOT NULL DEFAULT '{}',
        units             text[] NOT NULL DEFAULT '{}',
        fields            text[] NOT NULL DEFAULT '{}',
        subjects_affected integer CHECK (subjects_affected >= 0),
        records_affected  integer CHECK (records_affected >= 0),
        notified_at       timestamptz,
        late_marked_at    timestamptz,
        closed_at         timestamptz,
        notice_year       integer,
        notice_seq        integer,
        retain_until      timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        CONSTRAINT ck_incident_deadline CHECK (deadline_at = discovered_at + interval '72 hours'),
        CONSTRAINT ck_incident_retention CHECK (retain_until >= discovered_at + interval '5 years'),
        CONSTRAINT uq_incident_notice_number UNIQUE (notice_year, notice_seq)
      )`);
    await q.query(`CREATE INDEX idx_incident_deadline_open ON incident (deadline_at) WHERE notified_at IS NULL`);
    await q.query(`CREATE INDEX idx_incident_discovered ON incident (discovered_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE incident_notice_version (
        incident_id   bigint NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        version       integer NOT NULL CHECK (version >= 1),
        content       jsonb NOT NULL,
        created_at    timestamptz NOT NULL,
        created_by    text NOT NULL,
        finalised     boolean NOT NULL DEFAULT false,
        pdf           bytea,
        docx          bytea,
        pdf_sha256    bytea CHECK (length(pdf_sha256) = 32),
        docx_sha256   bytea CHECK (length(docx_sha256) = 32),
        citizen_pdf   bytea,
        citizen_docx  bytea,
        citizen_pdf_sha256  bytea CHECK (length(citizen_pdf_sha256) = 32),
        citizen_docx_sha256 bytea CHECK (length(citizen_docx_sha256) = 32),
        PRIMARY KEY (incident_id, version),
        CONSTRAINT ck_incident_notice_files CHECK (NOT finalised OR (pdf IS NOT NULL AND docx IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_incident_notice_finalised ON incident_notice_version (incident_id) WHERE finalised`);
    await q.query(`
      CREATE TABLE incident_record (
        id            bigserial PRIMARY KEY,
        incident_id   bigint NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        kind          text NOT NULL CHECK (kind IN ('sending', 'confirmation')),
        at            timestamptz NOT NULL,
        channel       text,
        recipient     text,
        reference     text,
        note          text NOT NULL DEFAULT '',
        file_name     text,
        file_type     text,
        file          bytea,
        file_sha256   bytea CHECK (length(file_sha256) = 32),
        created_at    timestamptz NOT NULL,
        created_by    text NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_incident_record_incident ON incident_record (incident_id, id)`);
    await q.query(`
      CREATE TABLE incident_reminder (
        incident_id   bigint NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        hours_before  integer NOT NULL,
        sent_at       timestamptz NOT NULL,
        recipients    text[] NOT NULL,
        outcome       text NOT NULL CHECK (outcome IN ('sent', 'logged', 'failed', 'skipped')),
        PRIMARY KEY (incident_id, hours_before)
      )`);
    await q.query(`
      CREATE FUNCTION incident_refuse_early_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.retain_until > now() THEN
          RAISE EXCEPTION 'incident % is kept until % (at least 5 years after discovery)', OLD.id, OLD.retain_until
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_incident_retention BEFORE DELETE ON incident
        FOR EACH ROW EXECUTE FUNCTION incident_refuse_early_delete()`);
    await q.query(`
      CREATE FUNCTION incident_child_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM incident WHERE id = OLD.incident_id AND retain_until > now()) THEN
          RAISE EXCEPTION 'the records of incident % are kept with it', OLD.incident_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
      END $$`);
    for (const table of ['incident_notice_version', 'incident_record']) {
      await q.query(`
        CREATE TRIGGER trg_${table}_keep BEFORE DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION incident_child_refuse_delete()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incident_reminder`);
    await q.query(`DROP TABLE incident_record`);
    await q.query(`DROP TABLE incident_notice_version`);
    await q.query(`DROP TABLE incident`);
    await q.query(`DROP FUNCTION incident_child_refuse_delete()`);
    await q.query(`DROP FUNCTION incident_refuse_early_delete()`);
  }
}
