import type { DataSourceOptions } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { AppConfig } from '@app/config';
import { MIGRATIONS } from './migrations';

/** One definition of how to reach the database, for the service, the CLI and the tests. */
export function dataSourceOptions(config: AppConfig, url: string): DataSourceOptions {
  const embedded = !config.database.url;
  const options: PostgresConnectionOptions = {
    type: 'postgres',
    url,
    ssl: config.database.ssl ? { rejectUnauthorized: true } : false,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    // PGlite is a single session: interleaving transactions from several connections would mix them.
    poolSize: embedded ? 1 : config.database.poolSize,
    applicationName: 'tthc-audit',
    extra: { connectionTimeoutMillis: 10000 },
  };
  return options;
}
