import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each batch says which canonical form its event hashes were computed with: 1 (canonical JSON array, batches
 * written so far) or 2 (the row's COPY text, written from now on, one serialisation for storing and hashing).
 * The verifier recomputes each batch with its own form.
 */
export class AddCanonicalFormToAuditBatch1795507000000 implements MigrationInterface {
  name = 'AddCanonicalFormToAuditBatch1795507000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_batch ADD COLUMN canonical_form smallint NOT NULL DEFAULT 1 CHECK (canonical_form IN (1, 2))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_batch DROP COLUMN canonical_form`);
  }
}
