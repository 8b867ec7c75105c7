import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of what is sent to the Provincial People's Committee Office (docs/reports.md, "Delivery"): one row per
 * archived report or urgent notice (a critical alert), channel and recipient, written in the transaction that
 * archives the report or raises the alert. A worker claims due rows (a lease in next_attempt_at), sends them and
 * records the outcome; the unique indexes make a second replica or a repeated alert add nothing.
 */
export class CreateReportDelivery1795510500000 implements MigrationInterface {
  name = 'CreateReportDelivery1795510500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_delivery (
        id               bigserial PRIMARY KEY,
        report_id        bigint REFERENCES report (id),
        alert_id         bigint REFERENCES alert (id),
        channel          text NOT NULL CONSTRAINT ck_report_delivery_channel CHECK (channel IN ('email', 'webhook')),
        recipient        text NOT NULL,
        status           text NOT NULL DEFAULT 'pending' CONSTRAINT ck_report_delivery_status CHECK (status IN ('pending', 'sent', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL,
        last_error       text,
        idempotency_key  uuid NOT NULL DEFAULT gen_random_uuid(),
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        sent_at          timestamptz,
        CONSTRAINT ck_report_delivery_subject CHECK ((report_id IS NULL) <> (alert_id IS NULL)),
        CONSTRAINT uq_report_delivery_idempotency_key UNIQUE (idempotency_key)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_report_delivery_report ON report_delivery (report_id, channel, recipient) WHERE report_id IS NOT NULL`);
    await q.query(`
      CREATE UNIQUE INDEX uq_report_delivery_alert ON report_delivery (alert_id, channel, recipient) WHERE alert_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_report_delivery_due ON report_delivery (next_attempt_at, id) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_delivery`);
  }
}
