import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Explained lookups (docs/detection.md, "Explained lookups"): account_day counts the lookups explained by a
 * dossier of the account's unit, a procedure and the fields it needs, and those returning fields beyond the need
 * (sensitive ones apart); source_system_day gives the same share by source system. Admins' procedure entries
 * (over config/procedures.json) with an append-only log of their changes, and the learned profiles of procedures
 * the catalog is silent on.
 */
export class AddExplainedLookupsAndProcedureCatalog1795509400000 implements MigrationInterface {
  name = 'AddExplainedLookupsAndProcedureCatalog1795509400000';

  async up(q: QueryRunner): Promise<void> {
    // Constant defaults: no table rewrite (PostgreSQL 11+), the aggregate stays online.
    await q.query(`
      ALTER TABLE account_day
        ADD COLUMN explained          integer NOT NULL DEFAULT 0,
        ADD COLUMN unneeded_fields    integer NOT NULL DEFAULT 0,
        ADD COLUMN unneeded_sensitive integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE source_system_day (
        day                date NOT NULL,
        source_system      text COLLATE "C" NOT NULL,
        unit_code          text COLLATE "C" NOT NULL,
        lookups            integer NOT NULL DEFAULT 0,
        explained          integer NOT NULL DEFAULT 0,
        unneeded_sensitive integer NOT NULL DEFAULT 0,
        PRIMARY KEY (day, source_system, unit_code)
      ) WITH (fillfactor = 70)`);
    await q.query(`
      CREATE TABLE detection_procedure (
        code        text PRIMARY KEY,
        name        text NOT NULL,
        fields      text[] NOT NULL,
        reason      text,
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE detection_procedure_change (
        id          bigserial PRIMARY KEY,
        code        text NOT NULL,
        name        text NOT NULL,
        fields      text[] NOT NULL,
        previous    text[],
        reason      text NOT NULL,
        actor       text NOT NULL,
        at          timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_detection_procedure_change_code ON detection_procedure_change (code, at)`);
    // Append-only: the log of who changed what a procedure needs is evidence for the explained share.
    await q.query(`
      CREATE FUNCTION detection_procedure_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'detection_procedure_change is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER trg_detection_procedure_change_append_only BEFORE UPDATE OR DELETE ON detection_procedure_change
      FOR EACH ROW EXECUTE FUNCTION detection_procedure_change_append_only()`);
    await q.query(`
      CREATE TABLE detection_procedure_profile (
        code          text PRIMARY KEY,
        fields        text[] NOT NULL,
        lookups       integer NOT NULL,
        field_shares  jsonb NOT NULL,
        from_day      date NOT NULL,
        to_day        date NOT NULL,
        computed_at   timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE detection_procedure_profile`);
    await q.query(`DROP TABLE detection_procedure_change`);
    await q.query(`DROP FUNCTION detection_procedure_change_append_only()`);
    await q.query(`DROP TABLE detection_procedure`);
    await q.query(`DROP TABLE source_system_day`);
    await q.query(`ALTER TABLE account_day DROP COLUMN explained, DROP COLUMN unneeded_fields, DROP COLUMN unneeded_sensitive`);
  }
}
