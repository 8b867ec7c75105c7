import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the detectors read instead of the events: per account and local day, the counts each detector needs, kept
 * up to date by every stored batch (inside its transaction, from the events that batch actually stored) and
 * rebuilt from the store by a rescan. One row per account and day; updated in place, so kept HOT-friendly.
 */
export class CreateAccountDayAggregate1795509300000 implements MigrationInterface {
  name = 'CreateAccountDayAggregate1795509300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_day (
        account_id        text COLLATE "C" NOT NULL,
        day               date NOT NULL,
        unit_code         text,
        events            integer NOT NULL DEFAULT 0,
        lookups           integer NOT NULL DEFAULT 0,
        logins            integer NOT NULL DEFAULT 0,
        exports           integer NOT NULL DEFAULT 0,
        exported_subjects bigint NOT NULL DEFAULT 0,
        with_dossier      integer NOT NULL DEFAULT 0,
        own_unit_dossier  integer NOT NULL DEFAULT 0,
        sensitive         integer NOT NULL DEFAULT 0,
        refused           integer NOT NULL DEFAULT 0,
        slots             integer[] NOT NULL DEFAULT array_fill(0, ARRAY[48]),
        subjects          bytea NOT NULL DEFAULT '',
        distinct_subjects integer NOT NULL DEFAULT 0,
        client_ips        text[] NOT NULL DEFAULT '{}',
        first_at          timestamptz,
        last_at           timestamptz,
        PRIMARY KEY (account_id, day)
      ) WITH (fillfactor = 70)`);
    await q.query(`CREATE INDEX idx_account_day_day ON account_day (day)`);
    await q.query(`CREATE INDEX idx_account_day_unit_day ON account_day (unit_code, day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_day`);
  }
}
