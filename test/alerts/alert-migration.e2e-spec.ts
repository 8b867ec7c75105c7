import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@app/database';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

describe('EvolveAlertForTriage migration', () => {
  let db: TestDatabase;
  const mine = MIGRATIONS.findIndex((m) => m.name === 'EvolveAlertForTriage1795509100000');
  const open = (migrations: typeof MIGRATIONS) =>
    new DataSource({ type: 'postgres', url: db.url, migrations, migrationsTableName: 'schema_migration' }).initialize();

  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  it('keeps the alerts raised before it: window, occurrences, latest evidence, a raised action; and down() restores their shape', async () => {
    const before = await open(MIGRATIONS.slice(0, mine));
    await before.runMigrations({ transaction: 'each' });
    await before.query(
      `INSERT INTO alert (type, severity, account_id, occurred_at, evidence, dedup_key, created_at) VALUES
       ('future_event_time', 'medium', 'cb.old', '2026-11-01T02:00:00Z', '{"eventCount": 1, "occurrences": 3, "latest": {"eventCount": 4}}', 'k1', '2026-11-01T02:05:00Z'),
       ('mass_change_blocked', 'info', NULL, '2026-11-02T02:00:00Z', '{"affected": 30}', 'k2', '2026-11-02T02:05:00Z')`,
    );
    await before.destroy();

    const after = await open(MIGRATIONS);
    await after.runMigrations({ transaction: 'each' });
    const rows = await after.query(
      `SELECT dedup_key, severity, account_ids, window_start, window_end, occurrences, evidence, status, updated_at FROM alert ORDER BY dedup_key`,
    );
    expect(rows).toEqual([
      expect.objectContaining({ dedup_key: 'k1', account_ids: ['cb.old'], window_start: new Date('2026-11-01T02:00:00Z'), window_end: new Date('2026-11-01T02:00:00Z'), occurrences: 3, evidence: { eventCount: 4 }, status: 'open', updated_at: new Date('2026-11-01T02:05:00Z') }),
      expect.objectContaining({ dedup_key: 'k2', severity: 'info', account_ids: [], occurrences: 1, evidence: { affected: 30 } }),
    ]);
    expect(await after.query(`SELECT action, actor_name FROM alert_action ORDER BY alert_action.id`)).toEqual([
      { action: 'raised', actor_name: 'migration' },
      { action: 'raised', actor_name: 'migration' },
    ]);

    for (let i = MIGRATIONS.length; i > mine; i--) await after.undoLastMigration({ transaction: 'each' });
    expect(await after.query(`SELECT dedup_key, account_id, evidence FROM alert ORDER BY dedup_key`)).toEqual([
      { dedup_key: 'k1', account_id: 'cb.old', evidence: { eventCount: 4, occurrences: 3, latest: { eventCount: 4 } } },
      { dedup_key: 'k2', account_id: null, evidence: { affected: 30 } },
    ]);
    expect(await after.query(`SELECT to_regclass('alert_action') AS t`)).toEqual([{ t: null }]);
    await after.destroy();
  });
});
