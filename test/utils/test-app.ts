import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Clock } from '@app/common';
import { AppConfig, loadConfig } from '@app/config';
import { AppModule } from '../../apps/audit-service/src/app.module';
import { configureApp, createApp } from '../../apps/audit-service/src/bootstrap/create-app';
import { TEST_SERVICE_DEFAULTS } from './app-process';
import { createMigratedDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * Boots the service in-process, as main.ts does, on a fresh migrated database. With options.clock, every
 * feature reads that clock (a FixedClock moves time without waiting). With options.db, a second replica on an
 * existing database (which its close leaves to the first).
 */
export async function bootTestApp(env: Record<string, string> = {}, options: { clock?: Clock; db?: TestDatabase } = {}): Promise<TestApp> {
  const db = options.db ?? (await createMigratedDatabase());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ROLES: 'api', DATABASE_URL: db.url, ...TEST_SERVICE_DEFAULTS, ...env });
  const app = options.clock ? await createAppWithClock(config, db.url, options.clock) : await createApp(config, db.url);
  await app.init();
  return {
    app,
    config,
    db,
    async close() {
      await app.close();
      if (!options.db) await db.drop();
    },
  };
}

async function createAppWithClock(config: AppConfig, databaseUrl: string, clock: Clock): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, databaseUrl)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true, bodyParser: false });
  return configureApp(app, config);
}
