import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly partitions of query_event are created on demand by the service, whose role should own nothing (so that it
 * cannot DROP or TRUNCATE evidence): this function, owned by the migrating role, creates exactly one month's
 * partition and its TRUNCATE guard (statement triggers are not inherited by partitions), and nothing else.
 */
export class CreateMonthPartitionFunction1795504300000 implements MigrationInterface {
  name = 'CreateMonthPartitionFunction1795504300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_ensure_month_partition(p_month date) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        month_start timestamp := date_trunc('month', p_month::timestamp);
        part text := 'query_event_' || to_char(p_month, 'YYYY_MM');
      BEGIN
        IF to_regclass(part) IS NOT NULL THEN RETURN false; END IF;
        PERFORM pg_advisory_xact_lock(7281004201);
        IF to_regclass(part) IS NOT NULL THEN RETURN false; END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF query_event FOR VALUES FROM (%L) TO (%L)', part,
          month_start AT TIME ZONE 'UTC', (month_start + interval '1 month') AT TIME ZONE 'UTC');
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_mutation()',
          'trg_' || part || '_no_truncate', part);
        RETURN true;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_ensure_month_partition(date) FROM PUBLIC`);
    // Partitions created before this migration get their TRUNCATE guard too.
    const parts: { relname: string }[] = await q.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'query_event'::regclass`,
    );
    for (const { relname } of parts) {
      await q.query(
        `CREATE TRIGGER "trg_${relname}_no_truncate" BEFORE TRUNCATE ON "${relname}" FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_mutation()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const parts: { relname: string }[] = await q.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'query_event'::regclass`,
    );
    for (const { relname } of parts) await q.query(`DROP TRIGGER IF EXISTS "trg_${relname}_no_truncate" ON "${relname}"`);
    await q.query(`DROP FUNCTION audit_ensure_month_partition(date)`);
  }
}
