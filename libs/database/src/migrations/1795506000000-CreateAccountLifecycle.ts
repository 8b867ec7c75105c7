import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account lifecycle: the TTHC system's accounts as the directory and the event stream know them, their history,
 * exemptions from the idle lock, lock warnings sent, unit contacts, and the outbox of lock/unlock commands.
 */
export class CreateAccountLifecycle1795506000000 implements MigrationInterface {
  name = 'CreateAccountLifecycle1795506000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        account_id              text PRIMARY KEY,
        full_name               text,
        unit_code               text,
        unit_name               text,
        role                    text,
        account_type            text NOT NULL DEFAULT 'person' CHECK (account_type IN ('person', 'service')),
        directory_status        text CHECK (directory_status IN ('active', 'transferred', 'retired', 'suspended')),
        email                   text,
        directory_created_at    timestamptz,
        directory_last_login_at timestamptz,
        directory_extra         jsonb,
        in_directory            boolean NOT NULL DEFAULT false,
        removed_at              timestamptz,
        first_seen_at           timestamptz NOT NULL,
        last_activity_at        timestamptz,
        grace_from              timestamptz,
        state                   text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'locked')),
        state_changed_at        timestamptz,
        lock_reason             text,
        lock_command_id         bigint,
        lock_delivered_at       timestamptz,
        updated_at              timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_account_state ON account (state)`);
    await q.query(`CREATE INDEX idx_account_unit ON account (unit_code)`);

    await q.query(`
      CREATE TABLE account_history (
        id          bigserial PRIMARY KEY,
        account_id  text NOT NULL,
        at          timestamptz NOT NULL,
        actor       text NOT NULL,
        change_kind text NOT NULL,
        before      jsonb,
        after       jsonb,
        reason      text,
        evidence    jsonb
      )`);
    await q.query(`CREATE INDEX idx_account_history_account_at ON account_history (account_id, at)`);

    await q.query(`
      CREATE TABLE account_exemption (
        id          bigserial PRIMARY KEY,
        account_id  text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('service', 'leave')),
        reason      text NOT NULL,
        approver    text NOT NULL,
        valid_from  timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL,
        revoked_at  timestamptz,
        CHECK (valid_until > valid_from)
      )`);
    await q.query(`CREATE INDEX idx_account_exemption_account ON account_exemption (account_id, valid_until)`);

    // One row per (account, lock due date, offset): the claim that makes each warning go out once.
    await q.query(`
      CREATE TABLE account_lock_warning (
        account_id  text NOT NULL,
        lock_due_on date NOT NULL,
        offset_days integer NOT NULL,
        created_at  timestamptz NOT NULL,
        recipients  text[] NOT NULL DEFAULT '{}',
        delivery    text NOT NULL DEFAULT 'pending' CHECK (delivery IN ('pending', 'sent', 'logged', 'failed')),
        last_error  text,
        PRIMARY KEY (account_id, lock_due_on, offset_days)
      )`);
    await q.query(`CREATE INDEX idx_account_lock_warning_created ON account_lock_warning (created_at)`);

    await q.query(`
      CREATE TABLE account_unit_contact (
        unit_code   text PRIMARY KEY,
        admin_email text NOT NULL,
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE account_command (
        id                   bigserial PRIMARY KEY,
        account_id           text NOT NULL,
        action               text NOT NULL CHECK (action IN ('lock', 'unlock')),
        reason               text NOT NULL,
        actor                text NOT NULL,
        idempotency_key      uuid NOT NULL,
        state                text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts             integer NOT NULL DEFAULT 0,
        next_attempt_at      timestamptz NOT NULL,
        last_error           text,
        kafka_delivered_at   timestamptz,
        webhook_delivered_at timestamptz,
        delivered_at         timestamptz,
        created_at           timestamptz NOT NULL,
        CONSTRAINT uq_account_command_idempotency_key UNIQUE (idempotency_key)
      )`);
    await q.query(`CREATE INDEX idx_account_command_due ON account_command (next_attempt_at) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX idx_account_command_account ON account_command (account_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_command`);
    await q.query(`DROP TABLE account_unit_contact`);
    await q.query(`DROP TABLE account_lock_warning`);
    await q.query(`DROP TABLE account_exemption`);
    await q.query(`DROP TABLE account_history`);
    await q.query(`DROP TABLE account`);
  }
}
