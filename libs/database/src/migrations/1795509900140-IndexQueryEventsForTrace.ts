import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auditors' search (docs/trace.md) asks for a unit's or a client address's events newest first. Without these the
 * first page of "a unit over a day" or "an address over a week" reads and sorts every event of the period (0.4-0.9 s
 * at 3 M events, a full month partition); with them, one backward index range scan (about 2-5 ms). The address is
 * indexed as inet, as the search compares it (an address, or a CIDR block through <<=, which a btree answers as a
 * range). What they cost ingest is in docs/trace.md ("Indexes"). On an existing store the build reads every
 * partition once.
 */
export class IndexQueryEventsForTrace1795509900140 implements MigrationInterface {
  name = 'IndexQueryEventsForTrace1795509900140';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_query_event_unit_time ON query_event (unit_code, occurred_at)`);
    await q.query(`CREATE INDEX idx_query_event_ip_time ON query_event ((client_ip::inet), occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_query_event_ip_time`);
    await q.query(`DROP INDEX idx_query_event_unit_time`);
  }
}
