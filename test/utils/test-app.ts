import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadConfig } from '@app/config';
import { createApp } from '../../apps/audit-service/src/bootstrap/create-app';
import { createMigratedDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: TestDatabase;
  close(): Promise<void>;
}

/** Boots the service in-process, as main.ts does, on a fresh migrated database. */
export async function bootTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createMigratedDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ROLES: 'api', DATABASE_URL: db.url, ...env });
  const app = await createApp(config, db.url);
  await app.init();
  return {
    app,
    config,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
