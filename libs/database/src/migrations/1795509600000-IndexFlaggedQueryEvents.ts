import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events flagged at ingest for a source-system policy breach (unregistered system, undeclared fields) are few;
 * the policy detector counts them per system and day after every batch that stores one. A partial index keeps
 * that a read of the flagged rows alone, costing nothing for the ordinary events.
 */
export class IndexFlaggedQueryEvents1795509600000 implements MigrationInterface {
  name = 'IndexFlaggedQueryEvents1795509600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX idx_query_event_policy_flagged ON query_event (source_system, occurred_at)
       WHERE flags && '{unregistered_source,undeclared_fields}'::text[]`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_query_event_policy_flagged`);
  }
}
