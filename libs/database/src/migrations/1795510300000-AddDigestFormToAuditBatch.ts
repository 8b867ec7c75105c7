import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each chain link says how its digest covers its manifest: 1 (the entries hashed in one run, links written so far)
 * or 2 (the manifest's Merkle root, written from now on), so that an evidence export can prove some events of a
 * batch without carrying the others (docs/integrity.md). Adding a column with a constant default rewrites no row,
 * so the append-only triggers are not involved.
 */
export class AddDigestFormToAuditBatch1795510300000 implements MigrationInterface {
  name = 'AddDigestFormToAuditBatch1795510300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_batch ADD COLUMN digest_form smallint NOT NULL DEFAULT 1 CHECK (digest_form IN (1, 2))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_batch DROP COLUMN digest_form`);
  }
}
