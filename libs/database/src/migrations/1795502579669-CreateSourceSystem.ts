import { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry of systems connected to the TTHC gateway, with the data fields each may receive. */
export class CreateSourceSystem1795502579669 implements MigrationInterface {
  name = 'CreateSourceSystem1795502579669';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE source_system (
        code            text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
        name            text NOT NULL,
        operator_org    text NOT NULL,
        allowed_fields  text[] NOT NULL DEFAULT '{}',
        legal_basis     text,
        approval_doc_no text,
        approval_date   date,
        contact_name    text,
        contact_email   text,
        contact_phone   text,
        status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'retired')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE source_system`);
  }
}
