import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditTrailModule } from '@app/audit-trail';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, dataSourceOptions, startEmbeddedPostgres } from '@app/database';
import { ObservabilityModule } from '@app/observability';
import { AppModule } from '../app.module';

/** Runs work against the configured database server, or the embedded one started (and stopped) for it. */
async function withDatabaseUrl<T>(config: AppConfig, work: (url: string) => Promise<T>): Promise<T> {
  if (config.database.url) return work(config.database.url);
  const embedded = await startEmbeddedPostgres(config.database.embedded);
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}

/** A bare TypeORM connection, for commands that need no service module (migrations, first admin). */
export function withDatabase<T>(config: AppConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  return withDatabaseUrl(config, async (url) => {
    const dataSource = await new DataSource(dataSourceOptions(config, url)).initialize();
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  });
}

type RootModule = (config: AppConfig, url: string) => DynamicModule;

async function withContext<T>(
  config: AppConfig,
  root: RootModule,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  return withDatabaseUrl(config, async (url) => {
    const app = await NestFactory.createApplicationContext(root({ ...config, roles: new Set() }, url), {
      logger: ['error', 'warn'],
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
