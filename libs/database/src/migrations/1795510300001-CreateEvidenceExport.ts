import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every evidence export of auditors' tracing (docs/trace.md): who, when, for which case, what was asked (personal IDs
 * hashed), the file's SHA-256 and row count, and its signed manifest, which GET /v1/trace/exports/:id/manifest
 * serves. Append-only, like the security log that records the same export.
 */
export class CreateEvidenceExport1795510300001 implements MigrationInterface {
  name = 'CreateEvidenceExport1795510300001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_export (
        id             uuid PRIMARY KEY,
        exported_at    timestamptz NOT NULL,
        actor_id       text,
        actor_name     text NOT NULL,
        case_reference text NOT NULL,
        purpose        text NOT NULL,
        format         text NOT NULL CHECK (format IN ('csv', 'xlsx')),
        criteria       jsonb NOT NULL,
        row_count      bigint NOT NULL,
        file_sha256    text NOT NULL,
        manifest       text NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_evidence_export_actor_time ON evidence_export (actor_id, exported_at DESC)`);
    await q.query(`
      CREATE TRIGGER trg_evidence_export_append_only BEFORE UPDATE OR DELETE ON evidence_export
      FOR EACH ROW EXECUTE FUNCTION audit_reject_mutation()`);
    await q.query(`
      CREATE TRIGGER trg_evidence_export_no_truncate BEFORE TRUNCATE ON evidence_export
      FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_export`);
  }
}
