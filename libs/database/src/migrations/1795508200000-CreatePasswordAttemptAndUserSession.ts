import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in without races. password_attempt counts password checks per username (known or not, so that an unknown
 * name is answered like a real one) and claims each attempt before its check, so that parallel attempts cannot
 * pass the lockout threshold; it replaces the counters on app_user. user_session is the sign-in session (the
 * refresh-token family) as one row: rotation and revocation both lock it, so a revocation reaches the token a
 * concurrent rotation issues.
 */
export class CreatePasswordAttemptAndUserSession1795508200000 implements MigrationInterface {
  name = 'CreatePasswordAttemptAndUserSession1795508200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_attempt (
        username      text PRIMARY KEY,
        failures      integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
        in_flight     integer NOT NULL DEFAULT 0 CHECK (in_flight >= 0),
        locked_until  timestamptz,
        updated_at    timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_password_attempt_updated ON password_attempt (updated_at)`);
    await q.query(`
      INSERT INTO password_attempt (username, failures, locked_until, updated_at)
      SELECT username, failed_attempts, locked_until, now() FROM app_user
       WHERE failed_attempts > 0 OR locked_until > now()`);
    await q.query(`ALTER TABLE app_user DROP COLUMN failed_attempts, DROP COLUMN locked_until`);

    await q.query(`
      CREATE TABLE user_session (
        id          uuid PRIMARY KEY,
        user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        started_at  timestamptz NOT NULL,
        revoked_at  timestamptz
      )`);
    await q.query(`CREATE INDEX idx_user_session_user ON user_session (user_id)`);
    await q.query(`
      INSERT INTO user_session (id, user_id, started_at, revoked_at)
      SELECT family_id, min(user_id::text)::uuid, min(issued_at),
             CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END
        FROM refresh_token GROUP BY family_id`);
    await q.query(`
      ALTER TABLE refresh_token ADD CONSTRAINT fk_refresh_token_session
        FOREIGN KEY (family_id) REFERENCES user_session (id) ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_token DROP CONSTRAINT fk_refresh_token_session`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`
      ALTER TABLE app_user ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`);
    await q.query(`
      UPDATE app_user u SET failed_attempts = a.failures, locked_until = a.locked_until
        FROM password_attempt a WHERE a.username = u.username`);
    await q.query(`DROP TABLE password_attempt`);
  }
}
