import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per source-system code and flag (unregistered_source, undeclared_fields, source_mismatch): how many stored
 * events carried it and when, so operators can list them without scanning the event store.
 */
export class CreateSourceFlagUsage1795505000001 implements MigrationInterface {
  name = 'CreateSourceFlagUsage1795505000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE source_flag_usage (
        source_system text NOT NULL,
        flag          text NOT NULL,
        event_count   bigint NOT NULL,
        fields        text[] NOT NULL DEFAULT '{}',
        first_seen_at timestamptz NOT NULL,
        last_seen_at  timestamptz NOT NULL,
        CONSTRAINT pk_source_flag_usage PRIMARY KEY (source_system, flag)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE source_flag_usage`);
  }
}
