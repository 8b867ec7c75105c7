import { MigrationInterface, QueryRunner } from 'typeorm';

/** The minimal alerts store: one row per finding, idempotent on its dedup key. Triage columns come later. */
export class CreateAlert1795506000001 implements MigrationInterface {
  name = 'CreateAlert1795506000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert (
        id          bigserial PRIMARY KEY,
        type        text NOT NULL,
        severity    text NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
        account_id  text,
        occurred_at timestamptz NOT NULL,
        evidence    jsonb NOT NULL DEFAULT '{}',
        dedup_key   text NOT NULL,
        status      text NOT NULL DEFAULT 'open',
        created_at  timestamptz NOT NULL,
        CONSTRAINT uq_alert_dedup_key UNIQUE (dedup_key)
      )`);
    await q.query(`CREATE INDEX idx_alert_account_time ON alert (account_id, occurred_at)`);
    await q.query(`CREATE INDEX idx_alert_status_time ON alert (status, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert`);
  }
}
