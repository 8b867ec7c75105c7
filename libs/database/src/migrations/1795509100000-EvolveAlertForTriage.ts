import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts become reviewable: score, the accounts and unit, the time window, explanations in Vietnamese and English,
 * triage state (status, outcome, assignee), occurrences as a column; an append-only action log (alert_action) and
 * suppressions. Existing rows keep their id and dedup key; their window is the moment they occurred, and their
 * evidence becomes the latest one raised (the old shape kept it under "latest", with "occurrences" beside it).
 */
export class EvolveAlertForTriage1795509100000 implements MigrationInterface {
  name = 'EvolveAlertForTriage1795509100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE alert
        ADD COLUMN score          double precision NOT NULL DEFAULT 0,
        ADD COLUMN account_ids    text[] NOT NULL DEFAULT '{}',
        ADD COLUMN unit_code      text,
        ADD COLUMN source_systems text[] NOT NULL DEFAULT '{}',
        ADD COLUMN window_start   timestamptz,
        ADD COLUMN window_end     timestamptz,
        ADD COLUMN explanation_vi text NOT NULL DEFAULT '',
        ADD COLUMN explanation_en text NOT NULL DEFAULT '',
        ADD COLUMN outcome        text CHECK (outcome IN ('true_positive', 'false_positive', 'expected')),
        ADD COLUMN assignee_id    text,
        ADD COLUMN assignee_name  text,
        ADD COLUMN suppression_id bigint,
        ADD COLUMN occurrences    integer NOT NULL DEFAULT 1,
        ADD COLUMN updated_at     timestamptz`);
    await q.query(`
      UPDATE alert SET
        account_ids = CASE WHEN account_id IS NULL THEN '{}' ELSE ARRAY[account_id] END,
        window_start = occurred_at,
        window_end = occurred_at,
        occurrences = COALESCE((evidence->>'occurrences')::int, 1),
        evidence = COALESCE(evidence->'latest', evidence - 'occurrences'),
        updated_at = created_at`);
    await q.query(`ALTER TABLE alert ALTER COLUMN window_start SET NOT NULL, ALTER COLUMN window_end SET NOT NULL,
      ALTER COLUMN updated_at SET NOT NULL`);
    await q.query(`ALTER TABLE alert ADD CONSTRAINT ck_alert_status CHECK (status IN ('open', 'acknowledged', 'resolved', 'suppressed'))`);
    await q.query(`ALTER TABLE alert ADD CONSTRAINT ck_alert_window CHECK (window_start <= window_end)`);
    // Keyset pagination, newest window first; the account filter reads account_ids (one or several accounts).
    await q.query(`CREATE INDEX idx_alert_window_id ON alert (window_start DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_alert_account_ids ON alert USING gin (account_ids)`);
    await q.query(`CREATE INDEX idx_alert_unit_window ON alert (unit_code, window_start)`);

    await q.query(`
      CREATE TABLE alert_suppression (
        id            bigserial PRIMARY KEY,
        reason        text NOT NULL,
        account_id    text,
        unit_code     text,
        type          text,
        source_system text,
        valid_from    timestamptz NOT NULL,
        valid_until   timestamptz NOT NULL,
        approved_by_id   text NOT NULL,
        approved_by_name text NOT NULL,
        created_at    timestamptz NOT NULL,
        revoked_at    timestamptz,
        revoked_by_id    text,
        revoked_by_name  text,
        revoke_reason text,
        CONSTRAINT ck_alert_suppression_scope CHECK (COALESCE(account_id, unit_code, type, source_system) IS NOT NULL),
        CONSTRAINT ck_alert_suppression_validity CHECK (valid_from < valid_until)
      )`);
    await q.query(`CREATE INDEX idx_alert_suppression_until ON alert_suppression (valid_until)`);
    await q.query(`ALTER TABLE alert ADD CONSTRAINT fk_alert_suppression FOREIGN KEY (suppression_id) REFERENCES alert_suppression (id)`);

    // Each row stands alone (who, when, what, before/after), so that a hash chain can later cover it row by row.
    await q.query(`
      CREATE TABLE alert_action (
        id             bigserial PRIMARY KEY,
        alert_id       bigint REFERENCES alert (id),
        suppression_id bigint REFERENCES alert_suppression (id),
        at             timestamptz NOT NULL,
        actor_kind     text NOT NULL CHECK (actor_kind IN ('user', 'producer', 'system')),
        actor_id       text,
        actor_name     text NOT NULL,
        action         text NOT NULL,
        details        jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT ck_alert_action_subject CHECK (alert_id IS NOT NULL OR suppression_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX idx_alert_action_alert ON alert_action (alert_id, id)`);
    await q.query(`CREATE INDEX idx_alert_action_suppression ON alert_action (suppression_id, id)`);
    // The same guard as the audit store: who did what to an alert cannot be rewritten by the service's role.
    await q.query(`
      CREATE TRIGGER trg_alert_action_append_only BEFORE UPDATE OR DELETE ON alert_action
      FOR EACH ROW EXECUTE FUNCTION audit_reject_mutation()`);
    await q.query(`
      CREATE TRIGGER trg_alert_action_no_truncate BEFORE TRUNCATE ON alert_action
      FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_mutation()`);
    // Alerts that existed before the log was kept get their raise recorded, so every alert's history starts somewhere.
    await q.query(`
      INSERT INTO alert_action (alert_id, at, actor_kind, actor_name, action, details)
      SELECT id, created_at, 'system', 'migration', 'raised',
             jsonb_build_object('after', jsonb_build_object('status', status, 'severity', severity), 'migrated', true)
      FROM alert ORDER BY id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_action`);
    await q.query(`ALTER TABLE alert DROP CONSTRAINT fk_alert_suppression`);
    await q.query(`DROP TABLE alert_suppression`);
    // Back to the old shape: the latest evidence under "latest", the count beside it.
    await q.query(`
      UPDATE alert SET evidence = evidence || jsonb_build_object('occurrences', occurrences, 'latest', evidence)
      WHERE occurrences > 1`);
    await q.query(`UPDATE alert SET account_id = account_ids[1] WHERE cardinality(account_ids) = 1`);
    await q.query(`UPDATE alert SET status = 'open' WHERE status = 'suppressed'`);
    await q.query(`DROP INDEX idx_alert_window_id`);
    await q.query(`DROP INDEX idx_alert_account_ids`);
    await q.query(`DROP INDEX idx_alert_unit_window`);
    await q.query(`ALTER TABLE alert DROP CONSTRAINT ck_alert_status, DROP CONSTRAINT ck_alert_window`);
    await q.query(`
      ALTER TABLE alert
        DROP COLUMN score, DROP COLUMN account_ids, DROP COLUMN unit_code, DROP COLUMN source_systems,
        DROP COLUMN window_start, DROP COLUMN window_end, DROP COLUMN explanation_vi, DROP COLUMN explanation_en,
        DROP COLUMN outcome, DROP COLUMN assignee_id, DROP COLUMN assignee_name, DROP COLUMN suppression_id,
        DROP COLUMN occurrences, DROP COLUMN updated_at`);
  }
}
