import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim of a report delivery is owned (docs/reports.md, "Delivery"): each claim writes a fresh claim_token, and the
 * outcome of a send is recorded only by the replica that holds the current claim of a pending row. A replica whose
 * lease ended mid-send (another replica claimed the row again and sent it) can no longer overwrite that outcome.
 */
export class AddReportDeliveryClaimToken1795510600100 implements MigrationInterface {
  name = 'AddReportDeliveryClaimToken1795510600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_delivery ADD COLUMN claim_token uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_delivery DROP COLUMN claim_token`);
  }
}
