import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each chain link says how its digest covers its manifest: 1 (the entries hashed in one run, links written so far)
 * or 2 (the manifest's Merkle root, written from now on), so that an evidence export can prove some events of a
 * batch without carrying the others (docs/integrity.md). Adding a column with a constant default rewrites no row,
 * so the append-only triggers are not involved. manifest_root keeps a form-2 link's Merkle root as it was computed for
 * its digest: a cache for exports (a link none of whose events is exported is given by its root), trusted by nothing
 * (a wrong root cannot rehash to the signed digest).
 */
export class AddDigestFormToAuditBatch1795510300000 implements MigrationInterface {
  name = 'AddDigestFormToAuditBatch1795510300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_batch ADD COLUMN digest_form smallint NOT NULL DEFAULT 1 CHECK (digest_form IN (1, 2))`);
    await q.query(`ALTER TABLE audit_batch ADD COLUMN manifest_root bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_batch DROP COLUMN manifest_root`);
    await q.query(`ALTER TABLE audit_batch DROP COLUMN digest_form`);
  }
}
