import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After every auditor's search the repeated-tracing check (TraceSearchesDetector) asks the security log how many
 * case references the searched citizens were traced under this month, and how many citizens the search's case
 * reference covered. Through the (type, time) index each check read every trace.* entry of the month, so its cost
 * grew with the auditors' own activity (5 ms after a thousand searches, on every search). These two partial indexes
 * hold the trace.* entries only and take each check straight to its citizens (GIN over the subjects' hashes) and
 * its case reference. The GIN index is updated in place (fastupdate off): each check is a point search right
 * after an insert, which a pending list would make read every entry added since the last clean-up.
 */
export class IndexTraceSearchesBySubjectAndCase1795510700000 implements MigrationInterface {
  name = 'IndexTraceSearchesBySubjectAndCase1795510700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_security_event_trace_subjects ON security_event USING gin ((details->'subjects')) WITH (fastupdate = off) WHERE type LIKE 'trace.%'`);
    await q.query(`CREATE INDEX idx_security_event_trace_case ON security_event ((details->>'caseReference'), occurred_at) WHERE type LIKE 'trace.%'`);
    // Statistics of the new expressions, so that the planner picks these indexes from the start.
    await q.query(`ANALYZE security_event`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_security_event_trace_case`);
    await q.query(`DROP INDEX idx_security_event_trace_subjects`);
  }
}
