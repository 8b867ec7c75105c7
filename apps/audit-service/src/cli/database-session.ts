import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditTrailModule } from '@app/audit-trail';
import { FIRST_ADMIN_PASSWORD_FILE, FIRST_ADMIN_USERNAME } from '@app/auth';
import { AppConfig, ConfigModule } from '@app/config';
import {
  DatabaseModule,
  dataSourceOptions,
  EmbeddedDatabaseInUseException,
  EmbeddedPostgres,
  pendingMigrations,
  runMigrations,
  startEmbeddedPostgres,
} from '@app/database';
import { ObservabilityModule } from '@app/observability';
import { AppModule } from '../app.module';
import { StartupLogger } from '../bootstrap/startup-logger';

/** The embedded database is one process's at a time: say who holds it and what the operator can do instead. */
function inUseMessage(config: AppConfig, error: EmbeddedDatabaseInUseException): string {
  const passwordFile = join(config.auth.secretsDir, FIRST_ADMIN_PASSWORD_FILE);
  const lines = [
    `The embedded database in ${error.dataDir} is in use by process ${error.pid}, most likely the service (npm start): only one process at a time may open it.`,
    'Stop the service (Ctrl-C in its terminal) and run this command again, or give the service and the command line one PostgreSQL server (DATABASE_URL).',
  ];
  if (existsSync(passwordFile)) {
    lines.push(
      `To sign in now: the service created the first admin "${FIRST_ADMIN_USERNAME}"; its one-time password, until changed, is in ${passwordFile} (README "First steps").`,
    );
  }
  return lines.join('\n');
}

async function openEmbedded(config: AppConfig): Promise<EmbeddedPostgres> {
  try {
    return await startEmbeddedPostgres(config.database.embedded);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseInUseException) throw new Error(inUseMessage(config, error));
    throw error;
  }
}

/**
 * Where the service would migrate at start (the embedded database, or DATABASE_MIGRATE_ON_START=true), the command
 * does too; elsewhere it refuses to run on a schema older than its code, instead of failing on a missing table.
 */
async function ensureCurrentSchema(config: AppConfig, dataSource: DataSource): Promise<void> {
  if (config.database.migrateOnStart) {
    await runMigrations(dataSource, { lock: Boolean(config.database.url) });
    return;
  }
  const pending = await pendingMigrations(dataSource);
  if (!pending.length) return;
  throw new Error(
    pending.length === dataSource.migrations.length
      ? 'The database has no schema yet: run `npm run migration:run` first (with the same DATABASE_URL).'
      : `The database schema is ${pending.length} migration(s) behind this version (${pending.join(', ')}): run \`npm run migration:run\` first.`,
  );
}

/** Runs work against the configured database server, or the embedded one started (and stopped) for it. */
async function withDatabaseUrl<T>(config: AppConfig, work: (url: string) => Promise<T>): Promise<T> {
  if (config.database.url) return work(config.database.url);
  const embedded = await openEmbedded(config);
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}

async function withDataSource<T>(
  config: AppConfig,
  url: string,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = await new DataSource(dataSourceOptions(config, url)).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** A bare TypeORM connection on the schema as it is, even absent: for the migration commands. */
export function withDatabase<T>(config: AppConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  return withDatabaseUrl(config, (url) => withDataSource(config, url, work));
}

/** A bare TypeORM connection on this version's schema, for commands that need no service module (users). */
export function withMigratedDatabase<T>(
  config: AppConfig,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  return withDatabase(config, async (dataSource) => {
    await ensureCurrentSchema(config, dataSource);
    return work(dataSource);
  });
}

type RootModule = (config: AppConfig, url: string) => DynamicModule;

function withContext<T>(
  config: AppConfig,
  root: RootModule,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  return withDatabaseUrl(config, async (url) => {
    // PGlite serves one session: the check's connection is closed before the modules open theirs.
    await withDataSource(config, url, (dataSource) => ensureCurrentSchema(config, dataSource));
    // abortOnError false: a module that fails to start reaches the command's handler instead of Nest's exit(1).
    const app = await NestFactory.createApplicationContext(root({ ...config, roles: new Set() }, url), {
      logger: new StartupLogger(['error', 'warn'], true), // the modules' warnings and errors, on stderr
      abortOnError: false,
    });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  });
}

/**
 * The service's own modules (store, batch handlers of every feature, accounts) without HTTP, Kafka consumer or
 * jobs, so a command does exactly what the running service would.
 */
export function withServiceContext<T>(
  config: AppConfig,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  return withContext(config, (c, url) => AppModule.forRoot(c, url), work);
}

@Module({})
class AuditTrailCliModule {
  static forRoot(config: AppConfig, url: string): DynamicModule {
    return {
      module: AuditTrailCliModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot(config),
        DatabaseModule.forRoot(url),
        AuditTrailModule,
      ],
    };
  }
}

/**
 * Only the audit trail: verify and retention read and prune evidence, so an auditor can run them without the
 * ingest secrets (the subject hash key) that the whole service needs.
 */
export function withAuditTrailContext<T>(
  config: AppConfig,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  return withContext(config, (c, url) => AuditTrailCliModule.forRoot(c, url), work);
}
