import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@app/database';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startKafkaBroker } = require('../env/kafka-broker') as {
  startKafkaBroker(o: { log: (m: string) => void }): Promise<{ brokers: string; stop(): Promise<void> }>;
};

export interface BenchKafka {
  brokers: string[];
  version: string;
  stop(): Promise<void>;
}

/** KAFKA_BROKERS when set; otherwise the test environment's Kafka 3.9.1, started here and stopped after. */
export async function benchKafka(log: (m: string) => void): Promise<BenchKafka> {
  if (process.env.KAFKA_BROKERS) {
    return {
      brokers: process.env.KAFKA_BROKERS.split(','),
      version: '(external broker)',
      stop: async () => {},
    };
  }
  const broker = await startKafkaBroker({ log });
  return {
    brokers: [broker.brokers],
    version: '3.9.1 (KRaft, single node, test environment)',
    stop: () => broker.stop(),
  };
}

export interface BenchDatabase {
  url: string;
  name: string;
  serverVersion: string;
  drop(): Promise<void>;
}

/**
 * A throwaway database, migrated, on the server of DATABASE_URL (default: the local server the tests use); or
 * `existing`, one an earlier run kept (--keep), e.g. to measure again on the same large store. The benchmark never
 * writes into any other database.
 */
export async function benchDatabase(existing?: string): Promise<BenchDatabase> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = existing ?? `tthc_bench_${randomBytes(4).toString('hex')}`;
  if (!/^tthc_bench_[0-9a-f]{8}$/.test(name)) throw new Error(`not a benchmark database: ${name}`);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const serverVersion = (await admin.query('SHOW server_version')).rows[0].server_version as string;
  if (!existing) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource({
    type: 'postgres',
    url: url.toString(),
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  return {
    url: url.toString(),
    name,
    serverVersion,
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The PostgreSQL settings that decide ingest speed, for the report. */
export async function serverSettings(url: string): Promise<Record<string, string>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ name: string; setting: string; unit: string | null }>(
    `SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name`,
    [
      [
        'shared_buffers',
        'max_wal_size',
        'checkpoint_timeout',
        'synchronous_commit',
        'wal_compression',
        'fsync',
      ],
    ],
  );
  await c.end();
  return Object.fromEntries(rows.map((r) => [r.name, `${r.setting}${r.unit ? ` ${r.unit}` : ''}`]));
}

export function machineDescription(): string[] {
  const cpuModel =
    readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0]?.model;
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return [
    `CPU: ${nproc} cores (nproc), ${cpuModel}`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `Node.js ${process.version}`,
    `load average at start (1/5/15 min): ${load}`,
  ];
}
