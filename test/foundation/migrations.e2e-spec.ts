import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@app/database';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

describe('Migrations against the PostgreSQL server', () => {
  let db: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    sut = await new DataSource({
      type: 'postgres',
      url: db.url,
      migrations: MIGRATIONS,
      migrationsTableName: 'schema_migration',
    }).initialize();
  });

  afterAll(async () => {
    await sut.destroy();
    await db.drop();
  });

  const tables = async (): Promise<string[]> =>
    (
      await sut.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration' ORDER BY 1`,
      )
    ).map((r: { tablename: string }) => r.tablename);

  it('applies every migration up, then reverts every one down to an empty schema, then up again', async () => {
    const applied = await sut.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await tables()).toContain('source_system');

    for (let i = 0; i < MIGRATIONS.length; i++) await sut.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    expect(await sut.query('SELECT count(*)::int AS n FROM schema_migration')).toEqual([{ n: 0 }]);

    await sut.runMigrations({ transaction: 'each' });
    expect(await sut.showMigrations()).toBe(false);
  });
});
