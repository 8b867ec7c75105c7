import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The archive of reports to the Provincial People's Committee Office (docs/reports.md): one row per generated
 * report with its PDF and XLSX kept in the row (bytea, a few hundred kB each: they go with the database's backups
 * and replicas, and a row and its files commit together), their SHA-256, and the document number of its year.
 * A scheduled period has at most one report (a partial unique index: a restart or a second replica adds none).
 */
export class CreateReport1795509950000 implements MigrationInterface {
  name = 'CreateReport1795509950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report (
        id            bigserial PRIMARY KEY,
        kind          text NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly', 'on_demand')),
        period_from   date NOT NULL,
        period_to     date NOT NULL,
        year          integer NOT NULL,
        number        integer NOT NULL,
        symbol        text NOT NULL,
        created_at    timestamptz NOT NULL,
        created_by    text NOT NULL,
        pdf           bytea NOT NULL,
        xlsx          bytea NOT NULL,
        pdf_sha256    bytea NOT NULL CHECK (length(pdf_sha256) = 32),
        xlsx_sha256   bytea NOT NULL CHECK (length(xlsx_sha256) = 32),
        summary       jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT ck_report_period CHECK (period_from < period_to),
        CONSTRAINT uq_report_year_number UNIQUE (year, number)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_report_scheduled_period ON report (kind, period_from, period_to) WHERE kind <> 'on_demand'`);
    await q.query(`CREATE INDEX idx_report_created ON report (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report`);
  }
}
