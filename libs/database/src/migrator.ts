import type { DataSource, Migration } from 'typeorm';

/** Any stable 64-bit number: the advisory lock that keeps two replicas from migrating at once. */
const MIGRATION_LOCK = 7_281_004_113;

/**
 * Applies pending migrations, each in its own transaction. Against a server, replicas starting together wait on
 * an advisory lock so that one migrates and the others find nothing left to do.
 */
export async function runMigrations(dataSource: DataSource, options: { lock: boolean }): Promise<Migration[]> {
  if (!options.lock) return dataSource.runMigrations({ transaction: 'each' });
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Names of this version's migrations not yet applied, in order: all of them when the schema was never created.
 * Reads only, unlike TypeORM's showMigrations, which creates the migrations table.
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const [{ created }] = await dataSource.query(`SELECT to_regclass('schema_migration') IS NOT NULL AS created`);
  const applied = new Set<string>(
    created ? (await dataSource.query('SELECT name FROM schema_migration')).map((r: { name: string }) => r.name) : [],
  );
  return dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
}
