import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@app/database';

const adminUrl = (): string => {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error('Run the tests with `npm test` (test/run-tests.js), which provides PostgreSQL and Kafka.');
  return url;
};

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the real server, for one test file (or a copy of `template`). */
export async function createTestDatabase(template?: string): Promise<TestDatabase> {
  const name = `${process.env.TEST_DATABASE_PREFIX ?? 'tthc_test_'}${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh database with every migration applied: under `npm test` a copy of the template test/run-tests.js migrated
 * (the migrations themselves are tested from an empty database in test/foundation/migrations.e2e-spec.ts).
 */
export async function createMigratedDatabase(): Promise<TestDatabase> {
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (template) return createTestDatabase(template);
  const db = await createTestDatabase();
  const dataSource = new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS, migrationsTableName: 'schema_migration' });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  return db;
}

export function testKafkaBrokers(): string {
  const brokers = process.env.TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('Run the tests with `npm test` (test/run-tests.js), which starts Kafka.');
  return brokers;
}
