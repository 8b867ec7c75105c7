import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event or a directory sign-in dated in the future could postpone an account's idle lock by centuries, and a
 * last activity in the future also kept every later, genuine event from being recorded. Such times are now never
 * taken; this puts right the accounts that took one before: last activity again from the account's stored events
 * up to now, and a future directory sign-in or creation forgotten (the next sync gives the real one). The margin is
 * INGEST_FUTURE_SKEW's default, since a migration does not read the configuration.
 */
export class ForgetFutureAccountTimes1795508400001 implements MigrationInterface {
  name = 'ForgetFutureAccountTimes1795508400001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE account a SET last_activity_at = (
        SELECT max(e.occurred_at) FROM query_event e
        WHERE e.account_id = a.account_id AND e.occurred_at <= now() + interval '5 minutes')
      WHERE a.last_activity_at > now() + interval '5 minutes'`);
    await q.query(`
      UPDATE account SET directory_last_login_at = NULL WHERE directory_last_login_at > now() + interval '5 minutes'`);
    await q.query(`UPDATE account SET directory_created_at = NULL WHERE directory_created_at > now() + interval '5 minutes'`);
  }

  async down(): Promise<void> {
    // Nothing to put back: the times forgotten lay in the future, which no event or sign-in can, and restoring
    // them would reopen the hole.
  }
}
