import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may use the console and the API: users, their refresh tokens, producer API keys of source systems, and the
 * append-only security log (sign-ins, denials, changes of users, roles and keys).
 */
export class CreateAuthTables1795503666503 implements MigrationInterface {
  name = 'CreateAuthTables1795503666503';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username             text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,63}$'),
        display_name         text NOT NULL,
        email                text NOT NULL,
        unit_code            text,
        roles                text[] NOT NULL DEFAULT '{}',
        status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        password_hash        text,
        must_change_password boolean NOT NULL DEFAULT false,
        failed_attempts      integer NOT NULL DEFAULT 0,
        locked_until         timestamptz,
        last_sign_in_at      timestamptz,
        password_changed_at  timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_app_user_username ON app_user (username)`);
    await q.query(`CREATE UNIQUE INDEX uq_app_user_email ON app_user (lower(email))`);

    await q.query(`
      CREATE TABLE refresh_token (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        family_id   uuid NOT NULL,
        token_hash  bytea NOT NULL CHECK (length(token_hash) = 32),
        issued_at   timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        revoked_at  timestamptz,
        replaced_by uuid
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_refresh_token_hash ON refresh_token (token_hash)`);
    await q.query(`CREATE INDEX idx_refresh_token_family ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX idx_refresh_token_user ON refresh_token (user_id)`);

    await q.query(`
      CREATE TABLE api_key (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_system_code text NOT NULL REFERENCES source_system (code),
        name               text NOT NULL,
        prefix             text NOT NULL CHECK (prefix ~ '^[a-z0-9]{8}$'),
        key_hash           bytea NOT NULL CHECK (length(key_hash) = 32),
        created_by         text NOT NULL,
        created_at         timestamptz NOT NULL,
        expires_at         timestamptz,
        revoked_at         timestamptz,
        last_used_at       timestamptz,
        rotated_from       uuid REFERENCES api_key (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_api_key_prefix ON api_key (prefix)`);
    await q.query(`CREATE INDEX idx_api_key_source_system ON api_key (source_system_code)`);

    await q.query(`
      CREATE TABLE security_event (
        id             bigserial PRIMARY KEY,
        occurred_at    timestamptz NOT NULL,
        type           text NOT NULL,
        actor_kind     text NOT NULL CHECK (actor_kind IN ('user', 'producer', 'anonymous', 'system')),
        actor_id       text,
        actor_name     text,
        target         text,
        client_ip      text,
        details        jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX idx_security_event_time ON security_event (occurred_at)`);
    await q.query(`CREATE INDEX idx_security_event_type_time ON security_event (type, occurred_at)`);
    await q.query(`CREATE INDEX idx_security_event_actor_time ON security_event (actor_name, occurred_at)`);
    // Append-only, like the audit store: the service's role cannot rewrite the history of who did what.
    await q.query(`
      CREATE FUNCTION security_event_reject_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'security_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_security_event_append_only BEFORE UPDATE OR DELETE ON security_event
      FOR EACH ROW EXECUTE FUNCTION security_event_reject_mutation()`);
    await q.query(`
      CREATE TRIGGER trg_security_event_no_truncate BEFORE TRUNCATE ON security_event
      FOR EACH STATEMENT EXECUTE FUNCTION security_event_reject_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE security_event`);
    await q.query(`DROP FUNCTION security_event_reject_mutation()`);
    await q.query(`DROP TABLE api_key`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE app_user`);
  }
}
